package io.jvirt.qemu.driver;

import io.jvirt.DomainJobInfo;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.JobManager;
import io.jvirt.qemu.domain.JobProgress;
import io.jvirt.qemu.process.QemuProcess;
import io.jvirt.qemu.domain.DomainObj;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Core dumps. {@code virsh dump} ({@link #coreDump}): QEMU's whole state (a migration stream), or
 * with MEMORY_ONLY guest memory as an ELF or kdump core; the guest is paused meanwhile unless
 * LIVE, and afterwards resumed, reset (RESET) or stopped as crashed (CRASH). The file appears
 * only when complete (a hidden temporary sibling, synced, then renamed). And guest memory dumps
 * written by the driver itself: on_crash='coredump-destroy|coredump-restart'
 * dumps a panicked guest into the auto dump directory (qemu.conf auto_dump_path, by default the
 * driver's lib directory's {@code dump}) as {@code ID-NAME-YYYY-MM-DD-HH:MM:SS}, an ELF core of
 * guest memory. QEMU writes it under a hidden temporary name that is renamed only once the dump
 * has completed, so a dump that fails leaves nothing behind.
 */
final class GuestDumps {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss");
    private final QemuDriver driver;

    GuestDumps(QemuDriver driver) {
        this.driver = driver;
    }

    /** The directory crash dumps go to. */
    Path directory() {
        String conf = driver.settings.autoDumpPath();
        return conf != null ? Path.of(conf) : driver.paths.libDir().resolve("dump");
    }

    /** Dumps the memory of running domain {@code d} into {@link #directory()}; returns the file. */
    Path crashDump(DomainObj d) {
        String base = d.id() + "-" + d.ref().name() + "-" + LocalDateTime.now().format(STAMP);
        Path dir = directory();
        Path file = dir.resolve(base);
        Path part = dir.resolve("." + base + ".part");
        try {
            Files.createDirectories(dir);
            DomainStopper.monitorOf(d).dumpGuestMemory(part, "elf");
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            deleteQuietly(part);
            throw new OperationFailedException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot write the crash dump of domain '" + d.ref().name() + "' to " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    /** dump-guest-memory's name of each {@code Flags.DumpFormat}, by number. */
    private static final java.util.List<String> FORMATS = java.util.List.of("elf", "kdump-zlib", "kdump-lzo",
            "kdump-snappy", "win-dmp");

    void coreDump(DomainObj d, Path file, int format, int flags) {
        Flags.check(flags, Flags.Dump.CRASH | Flags.Dump.LIVE | Flags.Dump.BYPASS_CACHE | Flags.Dump.RESET
                | Flags.Dump.MEMORY_ONLY, "qemuDomainCoreDumpWithFormat");
        exclusive(flags, Flags.Dump.CRASH, "VIR_DUMP_CRASH", Flags.Dump.LIVE, "VIR_DUMP_LIVE");
        exclusive(flags, Flags.Dump.CRASH, "VIR_DUMP_CRASH", Flags.Dump.RESET, "VIR_DUMP_RESET");
        exclusive(flags, Flags.Dump.LIVE, "VIR_DUMP_LIVE", Flags.Dump.RESET, "VIR_DUMP_RESET");
        if (format < 0 || format >= FORMATS.size()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "unknown dumpformat '" + format + "'");
        }
        boolean memoryOnly = (flags & Flags.Dump.MEMORY_ONLY) != 0;
        if (!memoryOnly && format != Flags.DumpFormat.RAW) {
            throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "kdump-compressed format is only supported with memory-only dump");
        }
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.ASYNC, "dump", QemuDriver.JOB_WAIT)) {
            QemuProcess proc = DomainStopper.requireRunning(d);
            DomainMonitor mon = DomainStopper.monitorOf(d);
            String fmt = FORMATS.get(format);
            if (memoryOnly && !mon.dumpFormats().contains(fmt)) {
                throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                        "unsupported dumpformat '" + fmt + "' for this QEMU binary");
            }
            DomainStatus before = d.status();
            boolean wasRunning = before.state() == DomainState.RUNNING;
            if (wasRunning && (flags & Flags.Dump.LIVE) == 0) {
                mon.stop();
                d.setStatus(DomainStatus.of(StateReason.PAUSED_DUMP));
            }
            Path tmp = file.resolveSibling("." + file.getFileName() + ".jvirt-part");
            try {
                Files.deleteIfExists(tmp);
                if (memoryOnly) {
                    d.setProgress(memoryDumpProgress(mon));
                    mon.dumpGuestMemory(tmp, fmt);
                } else {
                    Files.createFile(tmp);
                    d.setProgress(DomainSaver.migrationProgress(mon, "dump"));
                    mon.migrate("exec:cat >> " + QemuProcess.shellQuote(tmp.toString()));
                    DomainSaver.awaitMigration(mon, proc, "dump");
                }
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException | RuntimeException e) {
                d.setProgress(null);
                deleteQuietly(tmp);
                if (wasRunning && proc.isAlive()) {
                    mon.cont(); // a migration that completed has paused QEMU too
                    d.setStatus(before);
                }
                if (e instanceof RuntimeException re) {
                    throw re;
                }
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "cannot write core dump '" + file + "': " + e.getMessage(), e);
            }
            d.setProgress(null);
            if ((flags & Flags.Dump.CRASH) != 0) {
                d.markCrashStop();
                proc.stop(DomainStopper.DESTROY_GRACE_MS);
                driver.stopper.processExited(d, proc);
                return;
            }
            if ((flags & Flags.Dump.RESET) != 0) {
                mon.systemReset();
            }
            if (wasRunning) {
                mon.cont(); // QEMU is paused after a migration stream even when the dump was live
                if ((flags & Flags.Dump.LIVE) == 0) {
                    d.setStatus(DomainStatus.of(StateReason.RUNNING_UNPAUSED)); // as libvirt: the dump paused it
                }
            }
        }
    }

    /** A memory-only dump's progress (query-dump); QEMU 7.2 cannot cancel one. */
    private static JobProgress memoryDumpProgress(DomainMonitor mon) {
        long start = System.nanoTime();
        return new JobProgress() {
            @Override
            public DomainJobInfo info() {
                long[] p = mon.dumpProgress();
                return DomainJobInfo.memory(DomainJobInfo.TYPE_UNBOUNDED, (System.nanoTime() - start) / 1_000_000,
                        p[1], p[0], Math.max(0, p[1] - p[0]));
            }

            @Override
            public void abort() {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "cannot abort memory-only dump");
            }
        };
    }

    private static void exclusive(int flags, int a, String aName, int b, String bName) {
        if ((flags & a) != 0 && (flags & b) != 0) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "Flags '" + aName + "' and '" + bName + "' are mutually exclusive");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do: the dump failed already
        }
    }
}
