package io.jvirt.qemu.driver;

import io.jvirt.DomainJobInfo;
import io.jvirt.DomainRef;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.StateReason;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.conf.xml.FormatFlag;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;
import io.jvirt.qemu.domain.JobProgress;
import io.jvirt.qemu.process.QemuProcess;
import io.jvirt.qemu.qmp.QmpMigrationInfo;
import io.jvirt.qemu.qmp.QmpMigrationRam;
import io.jvirt.qemu.save.SaveImage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;

/**
 * save / restore / managedsave: the guest's memory and device state go through QEMU's migration
 * stream into a {@link SaveImage}. A save is written to a temporary file and renamed into place
 * only when complete, so a failed save leaves nothing behind and the guest running as before.
 */
final class DomainSaver {
    private static final System.Logger LOG = System.getLogger(DomainSaver.class.getName());
    private final QemuDriver driver;

    DomainSaver(QemuDriver driver) {
        this.driver = driver;
    }

    Path managedSaveFile(String name) {
        return driver.paths.libDir().resolve("save").resolve(name + ".save");
    }

    boolean hasManagedSave(DomainObj d) {
        return d.isPersistent() && Files.exists(managedSaveFile(d.name()));
    }

    void save(DomainObj d, Path file, int flags) {
        Flags.check(flags, Flags.Save.BYPASS_CACHE | Flags.Save.RUNNING | Flags.Save.PAUSED, "qemuDomainSaveFlags");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "save", QemuDriver.JOB_WAIT)) {
            QemuProcess proc = DomainStopper.requireRunning(d);
            DomainMonitor mon = DomainStopper.monitorOf(d);
            boolean wasRunning = d.status().state() == DomainState.RUNNING;
            boolean runAfterRestore = (flags & Flags.Save.PAUSED) == 0 && (wasRunning || (flags & Flags.Save.RUNNING) != 0);
            Path tmp = file.resolveSibling("." + file.getFileName() + ".jvirt-part");
            DomainStatus before = d.status();
            if (wasRunning) {
                mon.stop();
                d.setStatus(DomainStatus.of(StateReason.PAUSED_SAVE));
            }
            try {
                Files.deleteIfExists(tmp);
                String xml = DomainXml.format(d.liveDef(), -1, EnumSet.of(FormatFlag.SECURE, FormatFlag.STATUS));
                SaveImage.create(tmp, xml, runAfterRestore);
                d.setProgress(migrationProgress(mon, "save"));
                mon.migrate("exec:cat >> " + SaveImage.shellQuote(tmp.toString()));
                awaitMigration(mon, proc, "save");
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                d.setProgress(null);
                deleteQuietly(tmp);
                if (wasRunning && proc.isAlive()) {
                    mon.cont();
                    d.setStatus(before);
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "cannot write save image '" + file + "': " + e.getMessage(), e);
            }
            d.setProgress(null);
            // the guest now lives in the file: stop QEMU, recorded as "saved"
            d.markSaved();
            proc.stop(DomainStopper.DESTROY_GRACE_MS);
            driver.stopper.processExited(d, proc);
        }
    }

    /**
     * The progress of the migration {@code what} (a save or core dump) that is about to start on
     * {@code mon}: guest RAM sent and left, as query-migrate reports it; abort cancels it.
     */
    static JobProgress migrationProgress(DomainMonitor mon, String what) {
        long start = System.nanoTime();
        return new JobProgress() {
            @Override
            public DomainJobInfo info() {
                QmpMigrationRam ram = mon.migration().ram();
                long elapsed = (System.nanoTime() - start) / 1_000_000;
                return ram == null ? DomainJobInfo.memory(DomainJobInfo.TYPE_UNBOUNDED, elapsed, 0, 0, 0)
                        : DomainJobInfo.memory(DomainJobInfo.TYPE_UNBOUNDED, elapsed, ram.totalBytes(),
                                ram.transferredBytes(), ram.remainingBytes());
            }

            @Override
            public void abort() {
                mon.execute("migrate_cancel", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode());
            }
        };
    }

    /** Follows a migration until it completes; fails with QEMU's reason, or when QEMU dies. */
    static void awaitMigration(DomainMonitor mon, QemuProcess proc, String what) {
        while (true) {
            QmpMigrationInfo info = mon.migration();
            String st = info.status() == null ? "none" : info.status();
            switch (st) {
                case "completed":
                    return;
                case "cancelled":
                    throw new OperationFailedException(ErrorNumber.OPERATION_ABORTED, ErrorDomain.QEMU,
                            what + " job: canceled by client");
                case "failed":
                    throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                            what + " failed: " + (info.errorDesc() == null ? st : info.errorDesc()));
                default:
                    break;
            }
            if (!proc.isAlive()) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        what + " failed: QEMU exited");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException(ErrorNumber.OPERATION_ABORTED, ErrorDomain.QEMU, what + " interrupted");
            }
        }
    }

    /** Feeds a save image's stream to a QEMU started with -incoming defer and waits for it. */
    static void receive(DomainMonitor mon, DomainStarter.Incoming in, QemuProcess proc) {
        mon.migrateIncoming("exec:tail -c +" + (in.offset() + 1) + " " + SaveImage.shellQuote(in.file().toString()));
        awaitMigration(mon, proc, "restore");
    }

    /** virDomainRestoreFlags: defines nothing; starts the saved guest (transient unless defined). */
    DomainRef restore(Path file, int flags, Object owner) {
        Flags.check(flags, Flags.Save.BYPASS_CACHE | Flags.Save.RUNNING | Flags.Save.PAUSED, "qemuDomainRestoreFlags");
        SaveImage img = SaveImage.read(file);
        DomainDef def = driver.definer.prepareRestored(img.xml());
        DomainObj d = driver.definer.objectForRestore(def);
        try {
            return driver.starter.start(d, def, startFlags(img, flags), owner,
                    new DomainStarter.Incoming(file, img.offset()));
        } catch (RuntimeException e) {
            if (!d.isActive() && !d.isPersistent()) {
                driver.domains.remove(d);
            }
            throw e;
        }
    }

    private static int startFlags(SaveImage img, int flags) {
        boolean paused = (flags & Flags.Save.PAUSED) != 0 || (!img.running() && (flags & Flags.Save.RUNNING) == 0);
        return paused ? Flags.Start.PAUSED : 0;
    }

    void managedSave(DomainObj d, int flags) {
        if (!d.isPersistent()) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "cannot do managed save for transient domain");
        }
        Path file = managedSaveFile(d.name());
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        save(d, file, flags);
    }

    /** Starts a domain from its managed save image, which is removed once the guest runs. */
    DomainRef restoreManaged(DomainObj d, int startFlags, Object owner) {
        Path file = managedSaveFile(d.name());
        SaveImage img = SaveImage.read(file);
        DomainDef def = driver.definer.prepareRestored(img.xml());
        int flags = (startFlags & Flags.Start.PAUSED) != 0 || !img.running() ? Flags.Start.PAUSED : 0;
        DomainRef ref = driver.starter.start(d, def, flags | (startFlags & Flags.Start.AUTODESTROY), owner,
                new DomainStarter.Incoming(file, img.offset()));
        deleteQuietly(file);
        return ref;
    }

    void removeManagedSave(DomainObj d, int flags) {
        Flags.check(flags, 0, "qemuDomainManagedSaveRemove");
        deleteQuietly(managedSaveFile(d.name()));
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + p + ": " + e.getMessage());
        }
    }
}
