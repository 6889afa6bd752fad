package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainRef;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.MonitorEvent;

/**
 * QEMU's BLOCK_IO_ERROR, as libvirt handles it: the disk is found by its node name (with
 * -blockdev QEMU names no drive), the io-error and io-error-reason events are sent, and when QEMU
 * stopped the guest for it (error_policy stop, or enospace on a full host) a running domain becomes
 * paused (reason ioerror) with a suspended/ioerror lifecycle event. The STOP event that follows
 * finds the domain paused already and changes nothing.
 */
final class IoErrorEvents {
    private static final System.Logger LOG = System.getLogger(IoErrorEvents.class.getName());

    private IoErrorEvents() {
    }

    static void onBlockIoError(QemuDriver driver, DomainObj d, MonitorEvent ev) {
        DomainRef ref = d.ref();
        DiskDef disk = disk(d, ev.get("node-name"), ev.get("device"));
        String src = disk == null || disk.source() == null ? "" : disk.source();
        String alias = disk == null || disk.alias() == null ? "" : disk.alias();
        int action = DomainEvent.IoError.actionOf(ev.get("action") == null ? "" : ev.get("action"));
        String reason = "true".equals(ev.get("nospace")) ? "enospc" : "";
        LOG.log(System.Logger.Level.WARNING, "domain {0}: I/O error on disk {1} ({2}): {3}", ref.name(), alias,
                ev.get("action"), ev.get("reason"));
        boolean pause = action == DomainEvent.IoError.PAUSE && d.status().state() == DomainState.RUNNING
                && d.setStatusIfActive(DomainStatus.of(StateReason.PAUSED_IOERROR));
        if (pause) {
            driver.status.save(d);
        }
        driver.emit(new DomainEvent.IoError(ref, src, alias, action));
        driver.emit(new DomainEvent.IoErrorReason(ref, src, alias, action, reason));
        if (pause) {
            driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.SUSPENDED_IOERROR));
        }
    }

    /** The disk whose format or storage node is {@code nodeName}, else whose alias is {@code device}. */
    private static DiskDef disk(DomainObj d, String nodeName, String device) {
        for (DiskDef disk : d.liveDef().devices().disks()) {
            String node = "libvirt-" + disk.alias() + "-";
            if (nodeName != null && nodeName.startsWith(node)) {
                return disk;
            }
            if (device != null && !device.isEmpty() && (device.equals(disk.alias())
                    || device.equals("drive-" + disk.alias()))) {
                return disk;
            }
        }
        return null;
    }
}
