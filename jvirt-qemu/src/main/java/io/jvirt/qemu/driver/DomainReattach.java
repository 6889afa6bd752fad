package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainStatus;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.conf.DomainDef;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.process.QemuProcess;
import io.jvirt.qemu.process.StatusXml;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reattaching guests that outlived the process that started them: each status file under the
 * state dir names a pid (with its start time), a monitor and the live definition. A process is
 * adopted only if it is the very same process (pid + start time + QEMU's command line for this
 * UUID); otherwise the guest died meanwhile and becomes shutoff (crashed, or shutdown if QEMU had
 * reported a shutdown). Domains are reattached in parallel; an unresponsive monitor delays only
 * its own domain, up to {@link #MONITOR_DEADLINE}.
 */
final class DomainReattach {
    private static final System.Logger LOG = System.getLogger(DomainReattach.class.getName());
    static final java.time.Duration MONITOR_DEADLINE = java.time.Duration.ofSeconds(5);
    private final QemuDriver driver;

    DomainReattach(QemuDriver driver) {
        this.driver = driver;
    }

    void reattachAll() {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(driver.paths.stateDir(), "*.xml")) {
            ds.forEach(files::add);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot list " + driver.paths.stateDir() + ": " + e.getMessage());
            return;
        }
        List<Thread> threads = new ArrayList<>();
        for (Path f : files) {
            if (f.getFileName().toString().startsWith(".")) {
                continue;
            }
            // platform threads: the QMP handshake blocks on the socket, and a virtual thread doing
            // that would start the JDK's I/O poller (see QmpConnection), delaying the JVM's exit
            threads.add(Thread.ofPlatform().daemon().name("jvirt-reattach").start(() -> reattach(f)));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void reattach(Path file) {
        StatusXml st;
        try {
            st = StatusXml.parse(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "ignoring unreadable status file " + file + ": " + e.getMessage());
            return;
        }
        DomainDef live = st.def();
        DomainObj d = driver.domains.withIndexLock(() -> driver.domains.byUuid(live.uuid()).orElseGet(() -> {
            DomainObj obj = new DomainObj(live, false);
            driver.domains.add(obj);
            return obj;
        }));
        driver.nextId.accumulateAndGet(st.id() + 1, Math::max);
        Optional<QemuProcess> proc = QemuProcess.adopt(st.identity(), live.devices().emulator(), live.uuid().toString());
        if (proc.isEmpty()) {
            forgetDead(d, st);
            return;
        }
        QemuProcess p = proc.get();
        driver.graphics.reserve(live);
        driver.vsockCids.reserve(live);
        driver.pciHostdevs.adopt(live.name(), live); // the guest keeps its devices: nothing is rebound
        d.setRunning(st.id(), p, null, st.monitor(), st.domainDir(), live, st.autodestroy(), null);
        d.setAutoNodeset(st.autoNodeset());
        d.setStatus(st.status());
        if (st.shutdownSeen()) {
            d.markShutdown(st.shutdownByGuest());
        }
        driver.stopper.watch(d, p);
        if (st.autodestroy()) {
            // its owner was a connection of a process that is gone
            LOG.log(System.Logger.Level.INFO, "destroying autodestroy domain {0}: its owner is gone", live.name());
            driver.stopper.destroy(d, 0);
            return;
        }
        try {
            DomainMonitor mon = driver.stopper.connectMonitor(d, st.monitor(), p::isAlive, MONITOR_DEADLINE);
            d.setMonitor(mon);
            String qemuStatus = mon.queryStatus();
            if (qemuStatus.equals("shutdown") && live.lifecycle().effectivePoweroff() != io.jvirt.conf.LifecycleAction.PRESERVE) {
                // only an API reboot makes QEMU stay after a guest shutdown: finish it
                LOG.log(System.Logger.Level.INFO, "domain {0}: finishing a reboot begun while detached", live.name());
                driver.control.finishFakeReboot(d);
                qemuStatus = "running";
            }
            d.setStatus(trueStatus(qemuStatus, st.status()));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain {0}: monitor not reconnected: {1}", live.name(), e.getMessage());
        }
        driver.status.save(d);
    }

    /** The state QEMU reports now, keeping the recorded reason when the state agrees. */
    static DomainStatus trueStatus(String qemuStatus, DomainStatus recorded) {
        StateReason now = switch (qemuStatus) {
            case "running" -> StateReason.RUNNING_UNPAUSED;
            case "shutdown" -> StateReason.SHUTDOWN_USER;
            case "guest-panicked" -> StateReason.CRASHED_PANICKED;
            case "internal-error", "io-error" -> StateReason.PAUSED_IOERROR;
            default -> StateReason.PAUSED_UNKNOWN;
        };
        return now.state() == recorded.state() ? recorded : DomainStatus.of(now);
    }

    private void forgetDead(DomainObj d, StatusXml st) {
        // QEMU exits 0 when the guest powers off (or on SIGTERM, which QEMU also reports as a
        // shutdown); anything else, or no recorded status, is a crash
        boolean clean = st.shutdownSeen() || QemuProcess.recordedExit(st.domainDir()).orElse(-1) == 0;
        StateReason reason = clean ? StateReason.SHUTOFF_SHUTDOWN : StateReason.SHUTOFF_CRASHED;
        LOG.log(System.Logger.Level.INFO, "domain {0} (pid {1}) died while detached: {2}", st.def().name(),
                st.identity().pid(), reason);
        d.setStopped(DomainStatus.of(reason));
        driver.status.delete(st.def().name());
        Virtiofsd.stopAll(st.domainDir());
        driver.pciHostdevs.release(st.def().name(), st.def(), st.domainDir());
        RuntimeDirs.deleteTree(st.domainDir());
        TpmEmulator.stop(driver.paths, st.id(), st.def().name());
        driver.cgroups.release(st.def(), st.id());
        driver.hugepages.release(st.def(), st.id());
        if (!d.isPersistent()) {
            d.markRemoved();
            driver.domains.remove(d);
        } else {
            driver.status.saveStopped(st.def().name(), DomainStatus.of(reason));
        }
        driver.emit(new DomainEvent.Lifecycle(d.ref(),
                clean ? LifecycleDetail.STOPPED_SHUTDOWN : LifecycleDetail.STOPPED_FAILED));
    }
}
