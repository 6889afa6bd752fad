package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainRef;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.conf.device.WatchdogDef;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;
import io.jvirt.qemu.domain.MonitorEvent;

import java.nio.file.Path;

/**
 * QEMU's WATCHDOG event, as libvirt handles it: the watchdog event is sent with QEMU's action;
 * a pausing action makes a running domain paused (reason watchdog, with a suspended/watchdog
 * lifecycle event); with {@code action='dump'} (QEMU was told to pause) the driver then dumps guest
 * memory into the auto dump directory and resumes the guest, on a thread of its own under the
 * domain's job so the event thread is never held.
 */
final class WatchdogEvents {
    private static final System.Logger LOG = System.getLogger(WatchdogEvents.class.getName());

    private WatchdogEvents() {
    }

    static void onWatchdog(QemuDriver driver, DomainObj d, MonitorEvent ev) {
        DomainRef ref = d.ref();
        String qemuAction = ev.get("action") == null ? "" : ev.get("action");
        int action = DomainEvent.Watchdog.actionOf(qemuAction);
        driver.emit(new DomainEvent.Watchdog(ref, action));
        if (action == DomainEvent.Watchdog.PAUSE && d.status().state() == DomainState.RUNNING
                && d.setStatusIfActive(DomainStatus.of(StateReason.PAUSED_WATCHDOG))) {
            driver.status.save(d);
            driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.SUSPENDED_WATCHDOG));
        }
        boolean dump = d.liveDef().devices().of(WatchdogDef.class).stream().anyMatch(w -> "dump".equals(w.action()));
        if (dump && action == DomainEvent.Watchdog.PAUSE) {
            Thread.ofPlatform().daemon().name("jvirt-watchdog-dump-" + ref.name()).start(() -> dumpAndResume(driver, d));
        }
    }

    private static void dumpAndResume(QemuDriver driver, DomainObj d) {
        String name = d.ref().name();
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.ASYNC, "watchdog dump", QemuDriver.JOB_WAIT)) {
            if (!d.isActive() || d.status().reason() != StateReason.PAUSED_WATCHDOG) {
                return; // resumed or stopped meanwhile
            }
            try {
                Path file = driver.dumps.crashDump(d);
                LOG.log(System.Logger.Level.INFO, "domain {0}: watchdog dump written to {1}", name, file);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "domain {0}: watchdog dump failed: {1}", name, e.getMessage());
            }
            if (d.isActive()) {
                DomainStopper.monitorOf(d).cont();
                if (d.setStatusIfActive(DomainStatus.of(StateReason.RUNNING_UNPAUSED))) {
                    driver.status.save(d);
                    driver.emit(new DomainEvent.Lifecycle(d.ref(), LifecycleDetail.RESUMED_UNPAUSED));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain {0}: after the watchdog fired: {1}", name, e.getMessage());
        }
    }
}
