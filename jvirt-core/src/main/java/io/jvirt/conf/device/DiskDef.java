package io.jvirt.conf.device;

import java.util.Objects;

/**
 * A {@code <disk>}.
 *
 * @param type       "file", "block", "network", "volume", "dir"
 * @param device     "disk", "cdrom", "floppy", "lun"
 * @param driverName "qemu", or null
 * @param format     driver type ("raw", "qcow2"), or null
 * @param cache      driver cache mode, or null
 * @param source     the source path (file or block device), or null (an empty cdrom)
 * @param targetDev  the guest device name ("vda", "sda", "hdc")
 * @param targetBus  "virtio", "sata", "scsi", "ide", "usb", "fdc", or null until post-parse
 * @param readonly   {@code <readonly/>}
 * @param bootOrder  {@code <boot order='N'/>}, or null
 * @param serial     {@code <serial>}, or null
 * @param alias      the device alias ("virtio-disk0"), or null until post-parse
 * @param address    the device address, or null until post-parse
 */
public record DiskDef(String type, String device, String driverName, String format, String cache, String source,
                      String targetDev, String targetBus, boolean readonly, Integer bootOrder, String serial,
                      String alias, AddressDef address) {
    public DiskDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(targetDev, "targetDev");
    }

    public DiskDef withBusAliasAddress(String bus, String newAlias, AddressDef addr) {
        return new DiskDef(type, device, driverName, format, cache, source, targetDev, bus, readonly, bootOrder,
                serial, newAlias, addr);
    }

    public DiskDef withSource(String newSource) {
        return new DiskDef(type, device, driverName, format, cache, newSource, targetDev, targetBus, readonly,
                bootOrder, serial, alias, address);
    }
}
