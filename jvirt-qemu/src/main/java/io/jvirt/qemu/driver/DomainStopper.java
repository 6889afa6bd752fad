package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainRef;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;
import io.jvirt.qemu.domain.MonitorEvent;
import io.jvirt.qemu.process.QemuProcess;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Everything about a running domain's end: the monitor and exit watchers, destroy, shutdown,
 * and the bookkeeping when QEMU exits (state + reason, event, status file, runtime dir,
 * transient domains forgotten). Exit handling runs once per process, whoever notices first.
 */
final class DomainStopper {
    private static final System.Logger LOG = System.getLogger(DomainStopper.class.getName());
    /** How long destroy waits after SIGTERM before SIGKILL. */
    static final long DESTROY_GRACE_MS = 10_000;
    private final QemuDriver driver;
    private final MonitorEventQueue monitorEvents;
    private final Map<DomainObj, CompletableFuture<Void>> monitorGone = new ConcurrentHashMap<>();

    DomainStopper(QemuDriver driver) {
        this.driver = driver;
        this.monitorEvents = new MonitorEventQueue();
    }

    /** Connects the domain's monitor; its events are handled in order on one worker. */
    DomainMonitor connectMonitor(DomainObj d, Path socket, BooleanSupplier alive, java.time.Duration deadline) {
        CompletableFuture<Void> closed = new CompletableFuture<>();
        monitorGone.put(d, closed);
        return driver.monitorConnector.connect(socket, deadline, alive,
                ev -> monitorEvents.add(() -> onMonitorEvent(d, ev)), () -> closed.complete(null));
    }

    DomainMonitor connectMonitor(DomainObj d, Path socket, BooleanSupplier alive) {
        return connectMonitor(d, socket, alive, DomainStarter.MONITOR_DEADLINE);
    }

    /**
     * Arranges for {@link #processExited} to run when {@code proc} exits, on the event queue and
     * after the monitor has delivered what QEMU said before exiting (a SHUTDOWN event).
     */
    void watch(DomainObj d, QemuProcess proc) {
        proc.onExit().thenRunAsync(() -> {
            CompletableFuture<Void> gone = monitorGone.get(d);
            if (gone != null) {
                try {
                    gone.get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    // a monitor that does not see EOF must not keep the exit from being handled
                }
            }
            monitorEvents.add(() -> processExited(d, proc));
        }, r -> Thread.ofVirtual().name("jvirt-exit").start(r));
    }

    /** Lets go of a running domain without stopping it (driver close). */
    void detach(DomainObj d) {
        DomainMonitor m = d.monitor();
        if (m != null) {
            d.setMonitor(null);
            m.close();
        }
    }

    void close() {
        monitorEvents.close();
    }

    // ---- API ---------------------------------------------------------------------------------

    void destroy(DomainObj d, int flags) {
        Flags.check(flags, Flags.Destroy.GRACEFUL | Flags.Destroy.REMOVE_LOGS, "qemuDomainDestroyFlags");
        QemuProcess proc = requireRunning(d);
        d.markDestroyRequested();
        // no job wait first: destroy must work even when another job is stuck on a dead monitor
        if ((flags & Flags.Destroy.GRACEFUL) != 0) {
            proc.terminate();
            try {
                proc.onExit().get(DESTROY_GRACE_MS, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "failed to terminate process " + proc.pid() + " with SIGTERM: still running");
            }
        } else {
            proc.stop(DESTROY_GRACE_MS);
        }
        processExited(d, proc);
    }

    void shutdown(DomainObj d, int flags) {
        Flags.check(flags, Flags.Shutdown.ACPI_POWER_BTN, "qemuDomainShutdownFlags");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "shutdown", QemuDriver.JOB_WAIT)) {
            requireRunning(d);
            monitorOf(d).systemPowerdown();
        }
    }

    static QemuProcess requireRunning(DomainObj d) {
        QemuProcess p = d.process();
        if (p == null) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "domain is not running");
        }
        return p;
    }

    static DomainMonitor monitorOf(DomainObj d) {
        DomainMonitor m = d.monitor();
        if (m == null) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "monitor of domain '" + d.name() + "' is not connected");
        }
        return m;
    }

    // ---- QEMU's side -------------------------------------------------------------------------

    /** QEMU's exit status: from the launcher if we started it, else as recorded; -1 if unknown. */
    static int exitStatus(DomainObj d, QemuProcess proc) {
        return proc.exitStatus().or(() -> d.domainDir() == null ? java.util.Optional.empty()
                : QemuProcess.recordedExit(d.domainDir())).orElse(-1);
    }

    private void onMonitorEvent(DomainObj d, MonitorEvent ev) {
        if (driver.isClosed() || !d.isActive()) {
            return;
        }
        DomainRef ref = d.ref();
        switch (ev.name()) {
            case "SHUTDOWN" -> {
                boolean guest = "true".equals(ev.get("guest"));
                if (d.fakeReboot() && !d.rebootResuming() && !d.destroyRequested()) {
                    driver.control.finishFakeReboot(d);
                    return;
                }
                if (DomainControl.restartsOnPoweroff(d) && !d.destroyRequested() && !d.saved()) {
                    // on_poweroff='restart': the shutdown is reported, then the guest starts again
                    driver.emit(new DomainEvent.Lifecycle(ref,
                            guest ? LifecycleDetail.SHUTDOWN_GUEST : LifecycleDetail.SHUTDOWN_HOST));
                    d.setFakeReboot(true);
                    driver.control.finishFakeReboot(d);
                    return;
                }
                d.markShutdown(guest);
                if (d.destroyRequested()) {
                    // QEMU's answer to destroy's SIGTERM: libvirt reports it (Shutdown Finished after
                    // host request) before Stopped Destroyed, and so does jvirt
                    driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.SHUTDOWN_HOST));
                } else if (!d.saved() && d.setStatusIfActive(DomainStatus.of(StateReason.SHUTDOWN_USER))) {
                    driver.emit(new DomainEvent.Lifecycle(ref,
                            guest ? LifecycleDetail.SHUTDOWN_GUEST : LifecycleDetail.SHUTDOWN_HOST));
                }
                driver.status.save(d);
            }
            case "STOP" -> {
                // pauses the driver asked for are recorded by the job that asked
                if (d.jobs().holder() == null && !d.fakeReboot() && d.status().state() == DomainState.RUNNING
                        && d.setStatusIfActive(DomainStatus.of(StateReason.PAUSED_UNKNOWN))) {
                    driver.status.save(d);
                    driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.SUSPENDED_PAUSED));
                }
            }
            case "GUEST_PANICKED" -> guestPanicked(d, ref);
            case "WATCHDOG" -> WatchdogEvents.onWatchdog(driver, d, ev);
            case "BLOCK_IO_ERROR" -> IoErrorEvents.onBlockIoError(driver, d, ev);
            case "RESUME" -> {
                if (d.rebootResuming()) {
                    d.setFakeReboot(false);
                } else if (d.jobs().holder() == null && d.status().state() == DomainState.PAUSED
                        && d.setStatusIfActive(DomainStatus.of(StateReason.RUNNING_UNPAUSED))) {
                    driver.status.save(d);
                    driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.RESUMED_UNPAUSED));
                }
            }
            // like libvirt, every machine reset is a reboot event: the driver's own system_reset of an
            // API reboot, and the guest's (firmware resets once more on a warm boot)
            case "RESET" -> driver.emit(new DomainEvent.Reboot(ref));
            case "DEVICE_DELETED" -> driver.devices.onDeviceDeleted(d, ev);
            default -> LOG.log(System.Logger.Level.DEBUG, "domain {0}: QMP event {1}", ref.name(), ev.name());
        }
    }

    /**
     * The guest panicked (a pvpanic device told QEMU, which paused it: {@code -action panic=pause}):
     * it is crashed (panicked), then on_crash is carried out: destroy stops QEMU (shutoff,
     * crashed), restart resets and resumes the guest in the same QEMU, preserve leaves it crashed;
     * coredump-destroy and coredump-restart first dump guest memory ({@link GuestDumps}), on a
     * thread of their own under the domain's job, so that the event thread is never held.
     */
    private void guestPanicked(DomainObj d, DomainRef ref) {
        if (d.destroyRequested() || d.saved() || !d.setStatusIfActive(DomainStatus.of(StateReason.CRASHED_PANICKED))) {
            return;
        }
        driver.status.save(d);
        driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.CRASHED_PANICKED));
        LifecycleAction action = d.liveDef().lifecycle().effectiveCrash();
        switch (action) {
            case DESTROY -> crashStop(d);
            case RESTART -> crashRestart(d);
            case COREDUMP_DESTROY, COREDUMP_RESTART -> Thread.ofPlatform().daemon().name("jvirt-crash-dump-" + ref.name())
                    .start(() -> dumpThen(d, action == LifecycleAction.COREDUMP_RESTART));
            default -> {
                // preserve: the crashed guest stays for inspection (QEMU keeps it paused)
            }
        }
    }

    private void dumpThen(DomainObj d, boolean restart) {
        String name = d.ref().name();
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.ASYNC, "crash dump", QemuDriver.JOB_WAIT)) {
            if (d.destroyRequested() || d.status().state() != DomainState.CRASHED) {
                return; // someone else has dealt with the crashed guest meanwhile
            }
            Path file = driver.dumps.crashDump(d);
            LOG.log(System.Logger.Level.INFO, "domain {0}: crash dump written to {1}", name, file);
            if (restart) {
                crashRestart(d);
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain {0}: crash dump failed: {1}", name, e.getMessage());
            if (restart && d.status().state() == DomainState.CRASHED && !d.destroyRequested()) {
                crashRestart(d);
            }
        }
        if (!restart) {
            crashStop(d);
        }
    }

    /** on_crash destroy: QEMU is stopped; the domain becomes shutoff (crashed). */
    private void crashStop(DomainObj d) {
        d.markCrashStop();
        QemuProcess proc = d.process();
        if (proc != null) {
            // not on the monitor's event thread, which the stop waits for
            Thread.ofVirtual().start(() -> {
                proc.stop(DESTROY_GRACE_MS);
                processExited(d, proc);
            });
        }
    }

    /** on_crash restart: the guest is reset and resumed in the same QEMU (running, crashed). */
    private void crashRestart(DomainObj d) {
        d.setFakeReboot(true);
        driver.control.finishFakeReboot(d);
        if (d.setStatusIfActive(DomainStatus.of(StateReason.RUNNING_CRASHED))) {
            driver.status.save(d);
        }
    }

    /**
     * QEMU {@code proc} of {@code d} has exited (or is being given up for dead): records why,
     * cleans up and tells listeners. Runs its body at most once per process.
     */
    void processExited(DomainObj d, QemuProcess proc) {
        // whoever comes second waits until the first has finished cleaning up, so that destroy
        // returns only when the domain is fully stopped
        synchronized (d) {
            stopOnce(d, proc);
        }
    }

    private void stopOnce(DomainObj d, QemuProcess proc) {
        if (driver.isClosed()) {
            return;
        }
        record Outcome(DomainRef ref, StateReason reason, LifecycleDetail detail, DomainMonitor monitor, Path dir,
                       Path socket, boolean transientDomain, List<Path> tpmState, DomainDef liveDef) { }
        Outcome o = d.locked(() -> {
            if (d.process() != proc) {
                return null;
            }
            DomainRef ref = d.ref();
            StateReason reason;
            LifecycleDetail detail;
            if (d.saved()) {
                reason = StateReason.SHUTOFF_SAVED;
                detail = LifecycleDetail.STOPPED_SAVED;
            } else if (d.crashStop()) {
                reason = StateReason.SHUTOFF_CRASHED;
                detail = LifecycleDetail.STOPPED_CRASHED;
            } else if (d.destroyRequested()) {
                reason = StateReason.SHUTOFF_DESTROYED;
                detail = LifecycleDetail.STOPPED_DESTROYED;
            } else if (d.shutdownSeen() || exitStatus(d, proc) == 0) {
                reason = StateReason.SHUTOFF_SHUTDOWN;
                detail = LifecycleDetail.STOPPED_SHUTDOWN;
            } else {
                reason = StateReason.SHUTOFF_CRASHED;
                detail = LifecycleDetail.STOPPED_FAILED;
            }
            // a transient domain's TPM state goes with it (unless persistent_state), as at undefine
            List<Path> tpmState = d.isPersistent() ? List.of() : UndefineHostState.plan(d.liveDef(), io.jvirt.Flags.Undefine.KEEP_NVRAM, driver.paths)
                    .stream().filter(p -> p.startsWith(driver.paths.swtpmStorageDir())).toList();
            Outcome out = new Outcome(ref, reason, detail, d.monitor(), d.domainDir(), d.monitorPath(), !d.isPersistent(),
                    tpmState, d.liveDef());
            driver.graphics.release(d.liveDef());
            driver.vsockCids.release(d.liveDef());
            d.setStopped(DomainStatus.of(reason));
            return out;
        });
        if (o == null) {
            return;
        }
        monitorGone.remove(d);
        LOG.log(System.Logger.Level.DEBUG, "domain {0} stopped: {1}", o.ref().name(), o.reason());
        if (o.monitor() != null) {
            o.monitor().close();
        }
        driver.status.delete(o.ref().name());
        Virtiofsd.stopAll(o.dir());
        driver.pciHostdevs.release(o.ref().name(), o.liveDef(), o.dir()); // QEMU is gone: back to their drivers
        RuntimeDirs.deleteTree(o.dir());
        TpmEmulator.stop(driver.paths, o.ref().id(), o.ref().name());
        driver.cgroups.release(o.liveDef(), o.ref().id());
        driver.hugepages.release(o.liveDef(), o.ref().id());
        try {
            UndefineHostState.remove(o.tpmState());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain {0}: {1}", o.ref().name(), e.getMessage());
        }
        if (o.socket() != null) {
            RuntimeDirs.deleteSocket(o.socket());
        }
        if (o.transientDomain()) {
            d.markRemoved();
            driver.domains.remove(d);
        } else {
            driver.status.saveStopped(o.ref().name(), DomainStatus.of(o.reason()));
        }
        driver.emit(new DomainEvent.Lifecycle(o.ref(), o.detail()));
    }
}
