package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainRef;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.Devices;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.command.CommandLineBuilder;
import io.jvirt.qemu.command.LaunchContext;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;
import io.jvirt.qemu.process.QemuProcess;
import io.jvirt.qemu.util.Rollback;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starting a domain: a list of steps, each registering its undo in a {@link Rollback}, so a
 * failure at any step leaves nothing behind (no process, no socket, no status file). QEMU starts
 * paused ({@code -S}); the driver connects QMP within a deadline, learns pty paths, writes the
 * status file and only then lets the guest run.
 */
final class DomainStarter {
    private static final System.Logger LOG = System.getLogger(DomainStarter.class.getName());
    static final Duration MONITOR_DEADLINE = Duration.ofSeconds(30);
    private final QemuDriver driver;

    DomainStarter(QemuDriver driver) {
        this.driver = driver;
    }

    /** Starts a defined domain ({@code virDomainCreateWithFlags}). */
    DomainRef create(DomainObj d, int flags, Object owner) {
        Flags.check(flags, Flags.Start.PAUSED | Flags.Start.AUTODESTROY | Flags.Start.BYPASS_CACHE
                | Flags.Start.FORCE_BOOT | Flags.Start.VALIDATE, "qemuDomainCreateWithFlags");
        DomainDef def = d.persistentDef();
        if (def == null) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "domain '" + d.name() + "' is transient and cannot be started again");
        }
        if (driver.saver.hasManagedSave(d)) {
            if ((flags & Flags.Start.FORCE_BOOT) == 0) {
                return driver.saver.restoreManaged(d, flags, owner);
            }
            driver.saver.removeManagedSave(d, 0); // a forced boot discards the saved state
        }
        return start(d, def, flags, owner);
    }

    /** Where an incoming migration stream comes from: a save image, from {@code offset} on. */
    record Incoming(Path file, long offset) {
    }

    /** Starts {@code d} running {@code def}. */
    DomainRef start(DomainObj d, DomainDef def, int flags, Object owner) {
        return start(d, def, flags, owner, null);
    }

    /** Starts {@code d} running {@code def}, its memory restored from {@code incoming} if given. */
    DomainRef start(DomainObj d, DomainDef def, int flags, Object owner, Incoming incoming) {
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "start", QemuDriver.JOB_WAIT)) {
            if (d.isActive()) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "domain is already running");
            }
            if (d.isRemoved()) {
                throw new io.jvirt.error.NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                        "no domain with matching uuid '" + d.uuid() + "' (" + d.name() + ")");
            }
            QemuValidator.validateForStart(def, driver.caps);
            driver.cgroups.validateForStart(def);
            boolean paused = (flags & Flags.Start.PAUSED) != 0;
            launch(d, def, paused, (flags & Flags.Start.AUTODESTROY) != 0, owner, incoming);
            DomainRef ref = d.ref();
            if (incoming != null) {
                driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.STARTED_RESTORED));
                if (paused) {
                    driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.SUSPENDED_RESTORED));
                }
            } else if (paused) {
                driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.STARTED_BOOTED));
                driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.SUSPENDED_PAUSED));
            } else {
                driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.RESUMED_UNPAUSED));
                driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.STARTED_BOOTED));
            }
            return ref;
        }
    }

    private void launch(DomainObj d, DomainDef def, boolean paused, boolean autodestroy, Object owner,
                        Incoming incoming) {
        int id = driver.nextId.getAndIncrement();
        Path dir = RuntimeDirs.domainDir(driver.paths.stateDir(), id, def.name());
        Path log = driver.paths.logDir().resolve(def.name() + ".log");
        try (Rollback rb = new Rollback()) {
            RuntimeDirs.create(dir);
            rb.add(() -> RuntimeDirs.deleteTree(dir));
            Path monitorPath = RuntimeDirs.monitorSocket(dir, driver.paths.stateDir(), id);
            RuntimeDirs.deleteSocket(monitorPath); // a stale one from a killed QEMU would be waited on in vain
            rb.add(() -> RuntimeDirs.deleteSocket(monitorPath));
            String numad = NumaPlacement.advise(def); // numad's answer, before anything runs
            DomainDef placement = NumaPlacement.apply(def, numad);
            DomainDef runDef = driver.graphics.allocate(def, dir, rb);
            runDef = driver.vsockCids.allocate(runDef, rb);
            runDef = FirmwareSelection.prepareHost(runDef, driver.paths);
            TpmEmulator.start(driver.paths, id, runDef, rb);
            runDef = HostdevRules.prepare(runDef, HostdevRules.SYS);
            driver.pciHostdevs.prepare(runDef, dir, rb); // managed PCI devices move to vfio-pci
            Virtiofsd.start(runDef, dir, driver.paths.logDir(), rb);
            runDef = runDef.withDevices(runDef.devices().withChrs(runDef.devices().serials(),
                    runDef.devices().consoles(),
                    io.jvirt.qemu.command.ChrCommandLine.channelsWithPaths(runDef, monitorPath)));
            DiskStartup.Prepared disks = DiskStartup.prepare(runDef, dir, driver.secrets, rb);
            runDef = disks.def();
            // QEMU, its cgroup and its threads get numad's placement; the live XML keeps placement='auto'
            DomainDef placed = runDef.withVcpu(placement.vcpu())
                    .withTuning(runDef.tuning().withNumatune(placement.tuning().numatune()));
            HugepageBacking.Layout hugepages = driver.hugepages.prepare(runDef, id, rb);
            LaunchContext ctx = new LaunchContext(monitorPath, dir, -1, incoming != null, driver.settings.sandbox(),
                    driver.settings.logTimestamp()).withTpmSockets(TpmEmulator.sockets(driver.paths, id, runDef))
                    .withHostdevNodes(HostdevRules.scsiNodes(runDef, HostdevRules.SYS))
                    .withHugepages(hugepages.dirs(), hugepages.pageKiB());
            List<String> argv = CommandLineBuilder.build(placed, driver.caps.get(def.devices().emulator()), ctx,
                    disks.secrets());
            var cgroup = driver.cgroups.prepare(placed, id, ctx.hostdevNodes().values(), rb);
            QemuProcess proc = QemuProcess.launch(argv, environment(def), log, dir,
                    new QemuProcess.Limits(driver.settings.maxProcesses(), driver.settings.maxFiles(),
                            cgroup.map(io.jvirt.qemu.cgroup.DomainCgroup::joinCommand).orElse("")));
            rb.add(() -> proc.stop(2000));
            DomainMonitor mon;
            try {
                mon = driver.stopper.connectMonitor(d, monitorPath, proc::isAlive);
            } catch (LibvirtException e) {
                throw startFailure(proc, log, e);
            }
            rb.add(mon::close);
            DomainDef live = withPtyPaths(runDef, mon.ptyPaths());
            try {
                VcpuHotplug.plugAtStart(live, mon); // before an incoming state, which expects them
            } catch (LibvirtException e) {
                throw proc.isAlive() ? e : startFailure(proc, log, e);
            }
            if (incoming != null) {
                try {
                    DomainSaver.receive(mon, incoming, proc);
                } catch (LibvirtException e) {
                    throw proc.isAlive() ? e : startFailure(proc, log, e);
                }
            }
            try {
                DomainDef livePlaced = live.withVcpu(placed.vcpu()).withTuning(live.tuning()
                        .withNumatune(placed.tuning().numatune()));
                if (cgroup.isPresent()) {
                    driver.cgroups.placeThreads(cgroup.get(), livePlaced, mon, proc.pid());
                }
                CpuPinning.apply(livePlaced, mon, proc.pid());
                GraphicsResources.setPasswords(mon, live);
                Iotune.apply(mon, live);
                for (var nic : live.devices().interfaces()) {
                    if (Boolean.FALSE.equals(nic.linkUp())) {
                        DomainDevices.setLinkDown(mon, nic);
                    }
                }
            } catch (LibvirtException e) {
                throw proc.isAlive() ? e : startFailure(proc, log, e);
            }
            d.setRunning(id, proc, mon, monitorPath, dir, live, autodestroy, owner);
            d.setAutoNodeset(numad);
            d.setStatus(DomainStatus.of(paused ? StateReason.PAUSED_USER
                    : incoming != null ? StateReason.RUNNING_RESTORED : StateReason.RUNNING_BOOTED));
            rb.add(() -> d.setStopped(DomainStatus.of(StateReason.SHUTOFF_FAILED)));
            driver.status.save(d);
            rb.add(() -> driver.status.delete(def.name()));
            if (!paused) {
                try {
                    mon.cont();
                } catch (LibvirtException e) {
                    throw startFailure(proc, log, e);
                }
            }
            driver.stopper.watch(d, proc);
            rb.commit();
            if (def.qemu().hasCommandline()) {
                driver.taint(d, "custom-argv");
            }
            if (!def.qemu().capsAdd().isEmpty() || !def.qemu().capsDel().isEmpty()) {
                driver.taint(d, "custom-hypervisor-feature");
            }
            driver.status.deleteStopped(def.name());
        }
    }

    private static OperationFailedException startFailure(QemuProcess proc, Path log, LibvirtException cause) {
        String tail = waitForExitAndTail(proc, log);
        String msg = proc.isAlive() ? cause.getMessage()
                : "QEMU exited" + proc.exitStatus().map(s -> " with status " + s).orElse("") + " during startup";
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                msg + (tail.isEmpty() ? "" : ": " + tail.replace('\n', ' ')) + " (log: " + log + ")", cause);
    }

    private static String waitForExitAndTail(QemuProcess proc, Path log) {
        try {
            proc.onExit().get(500, java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (Exception ignored) {
            // still running: the monitor failed for another reason
        }
        return QemuProcess.logTail(log, 5);
    }

    /** The environment QEMU gets: a minimal clean one plus {@code <qemu:env>}. */
    static Map<String, String> environment(DomainDef def) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("LC_ALL", "C");
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        String home = System.getProperty("user.home");
        if (home != null) {
            env.put("HOME", home);
        }
        if ("timezone".equals(def.clock().offset()) && def.clock().timezone() != null) {
            env.put("TZ", def.clock().timezone()); // QEMU's -rtc base=localtime follows it
        }
        def.qemu().env().forEach(e -> env.put(e.name(), e.value() == null ? "" : e.value()));
        return env;
    }

    /** Records the pty each pty chardev got, as libvirt shows it in the live XML. */
    static DomainDef withPtyPaths(DomainDef def, Map<String, String> ptys) {
        Devices dv = def.devices();
        List<ChrDef> serials = new ArrayList<>();
        for (ChrDef s : dv.serials()) {
            String pty = ptys.get("char" + s.alias());
            serials.add(s.type().equals("pty") && pty != null ? s.withPath(pty) : s);
        }
        List<ChrDef> consoles = new ArrayList<>();
        for (ChrDef c : dv.consoles()) {
            String pty = ptys.get("char" + c.alias());
            consoles.add(c.type().equals("pty") && pty != null ? c.withPath(pty) : c);
        }
        List<ChrDef> channels = new ArrayList<>();
        for (ChrDef c : dv.channels()) {
            String pty = ptys.get("char" + c.alias());
            channels.add(c.type().equals("pty") && pty != null ? c.withPath(pty) : c);
        }
        return def.withDevices(dv.withChrs(serials, consoles, channels));
    }

    /** Starts every autostart domain that is not running; failures are logged, not fatal. */
    void autostartAll() {
        boolean first = true;
        for (DomainObj d : driver.domains.all()) {
            if (d.autostart() && !d.isActive()) {
                try {
                    if (!first && driver.settings.autoStartDelayMs() > 0) {
                        Thread.sleep(driver.settings.autoStartDelayMs()); // qemu.conf auto_start_delay
                    }
                    first = false;
                    create(d, 0, null);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "autostart of domain {0} failed: {1}", d.name(), e.getMessage());
                }
            }
        }
    }
}
