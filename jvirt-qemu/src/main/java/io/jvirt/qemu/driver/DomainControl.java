package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

/** Run-state changes of a running guest over QMP: suspend, resume, reset, reboot. */
final class DomainControl {
    private final QemuDriver driver;

    DomainControl(QemuDriver driver) {
        this.driver = driver;
    }

    void suspend(DomainObj d) {
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "suspend", QemuDriver.JOB_WAIT)) {
            DomainStopper.requireRunning(d);
            if (d.status().state() == DomainState.PAUSED) {
                return; // libvirt: suspending a paused domain succeeds without an event
            }
            DomainStopper.monitorOf(d).stop();
            d.setStatus(DomainStatus.of(StateReason.PAUSED_USER));
            driver.status.save(d);
            driver.emit(new DomainEvent.Lifecycle(d.ref(), LifecycleDetail.SUSPENDED_PAUSED));
        }
    }

    void resume(DomainObj d) {
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "resume", QemuDriver.JOB_WAIT)) {
            DomainStopper.requireRunning(d);
            DomainState st = d.status().state();
            if (st == DomainState.RUNNING) {
                return;
            }
            if (st != DomainState.PAUSED) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "domain is not paused (state: " + d.status() + ")");
            }
            DomainStopper.monitorOf(d).cont();
            d.setStatus(DomainStatus.of(StateReason.RUNNING_UNPAUSED));
            driver.status.save(d);
            driver.emit(new DomainEvent.Lifecycle(d.ref(), LifecycleDetail.RESUMED_UNPAUSED));
        }
    }

    void reset(DomainObj d, int flags) {
        Flags.check(flags, 0, "qemuDomainReset");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "reset", QemuDriver.JOB_WAIT)) {
            DomainStopper.requireRunning(d);
            DomainStopper.monitorOf(d).systemReset();
        }
    }

    /**
     * ACPI reboot: QEMU is told to stay on the guest's shutdown ({@code set-action shutdown=pause}),
     * the power button is pressed, and when the guest has shut down the driver resets and resumes
     * it ({@link #finishFakeReboot}) — the guest reboots without QEMU exiting.
     */
    void reboot(DomainObj d, int flags) {
        io.jvirt.Flags.check(flags, io.jvirt.Flags.Reboot.ACPI_POWER_BTN, "qemuDomainReboot");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "reboot", QemuDriver.JOB_WAIT)) {
            DomainStopper.requireRunning(d);
            var mon = DomainStopper.monitorOf(d);
            mon.setShutdownAction("pause");
            d.setFakeReboot(true);
            try {
                mon.systemPowerdown();
            } catch (RuntimeException e) {
                d.setFakeReboot(false);
                mon.setShutdownAction(restartsOnPoweroff(d) ? "pause" : "poweroff");
                throw e;
            }
        }
    }

    /** The guest shut down during an API reboot: reset it and let it run again. */
    void finishFakeReboot(DomainObj d) {
        d.setRebootResuming(); // the RESUME event that follows ends the reboot
        var mon = DomainStopper.monitorOf(d);
        mon.systemReset();
        mon.cont();
        mon.setShutdownAction(restartsOnPoweroff(d) ? "pause" : "poweroff");
    }

    /** on_poweroff='restart': every guest power-off (or API shutdown) ends in a reset, QEMU stays. */
    static boolean restartsOnPoweroff(DomainObj d) {
        return d.liveDef() != null
                && d.liveDef().lifecycle().effectivePoweroff() == io.jvirt.conf.LifecycleAction.RESTART;
    }

    /** qemu-monitor-command: the caller's text goes to QEMU as is; the domain is tainted. */
    String monitorCommand(DomainObj d, String command, int flags) {
        io.jvirt.Flags.check(flags, io.jvirt.Flags.QemuMonitorCommand.HMP, "qemuDomainQemuMonitorCommand");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "qemu-monitor-command", QemuDriver.JOB_WAIT)) {
            DomainStopper.requireRunning(d);
            var mon = DomainStopper.monitorOf(d);
            driver.taint(d, "custom-monitor");
            return (flags & io.jvirt.Flags.QemuMonitorCommand.HMP) != 0 ? mon.humanMonitorCommand(command)
                    : mon.executeRaw(command);
        }
    }
}
