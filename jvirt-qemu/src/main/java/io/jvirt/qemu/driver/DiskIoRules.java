package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

/**
 * What QEMU can do with a disk's I/O settings: IOThreads only on virtio disks and virtio-scsi
 * controllers; {@code <iotune>} values that fit together (libvirt's rules: a total excludes its
 * read/write pair, a burst needs its base value, a burst length needs its burst).
 */
final class DiskIoRules {
    private DiskIoRules() {
    }

    static void validate(DomainDef def) {
        for (DiskDef d : def.devices().disks()) {
            if (d.driver().iothread() != null && !d.targetBus().equals("virtio")) {
                throw unsupported("IOThreads only available for virtio pci and virtio ccw disk");
            }
            Iotune.validate(d);
        }
        for (ControllerDef c : def.devices().controllers()) {
            if (c.driverIothread() != null && !(c.type().equals("scsi") && "virtio-scsi".equals(c.model()))) {
                throw unsupported("IOThreads only available for virtio pci and virtio ccw controllers");
            }
        }
    }

    static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
