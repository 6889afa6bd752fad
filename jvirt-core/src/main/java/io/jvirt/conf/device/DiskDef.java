package io.jvirt.conf.device;

import java.util.Objects;

/**
 * A {@code <disk>}.
 *
 * @param type       "file", "block", "network", "volume", "dir"
 * @param device     "disk", "cdrom", "floppy", "lun"
 * @param driver     the {@code <driver>} ({@link DiskDriverDef#NONE} when absent)
 * @param sourceDef  the {@code <source>} ({@link DiskSourceDef#NONE} when absent: an empty cdrom)
 * @param target     target dev, bus, tray and removable
 * @param flags      readonly, shareable, transient
 * @param bootOrder  {@code <boot order='N'/>}, or null
 * @param identity   serial and wwn
 * @param blockio    {@code <blockio logical_block_size physical_block_size/>}, or null
 * @param geometry   {@code <geometry cyls heads secs trans/>}, or null
 * @param iotune     {@code <iotune>} ({@link DiskIotuneDef#NONE} when absent)
 * @param encryption {@code <encryption format='luks'><secret type='passphrase' uuid/>}: the secret UUID, or null
 * @param alias      the device alias ("virtio-disk0"), or null until post-parse
 * @param address    the device address, or null until post-parse
 */
public record DiskDef(String type, String device, DiskDriverDef driver, DiskSourceDef sourceDef, Target target,
                      Flags flags, Integer bootOrder, Identity identity, BlockIo blockio, Geometry geometry, DiskIotuneDef iotune,
                      String encryption, String alias, AddressDef address) {
    public DiskDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(driver, "driver");
        Objects.requireNonNull(sourceDef, "sourceDef");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(target.dev(), "targetDev");
        Objects.requireNonNull(flags, "flags");
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(iotune, "iotune");
    }

    /** {@code <target dev bus tray removable/>}. */
    public record Target(String dev, String bus, String tray, Boolean removable) {
    }

    /** {@code <readonly/>}, {@code <shareable/>}, {@code <transient/>}. */
    public record Flags(boolean readonly, boolean shareable, boolean transientDisk) {
        public static final Flags NONE = new Flags(false, false, false);
    }

    /** {@code <serial>}, {@code <wwn>}, {@code <vendor>} and {@code <product>}. */
    public record Identity(String serial, String wwn, String vendor, String product) {
        public static final Identity NONE = new Identity(null, null, null, null);
    }

    /** {@code <geometry cyls heads secs trans/>}: the BIOS geometry of an IDE disk. */
    public record Geometry(int cyls, int heads, int secs, String trans) {
    }

    /** {@code <blockio logical_block_size physical_block_size discard_granularity/>}. */
    public record BlockIo(Integer logical, Integer physical) {
    }

    public String driverName() {
        return driver.name();
    }

    public String format() {
        return driver.format();
    }

    public String cache() {
        return driver.cache();
    }

    /** The file, block device or directory path, or null. */
    public String source() {
        return sourceDef.path();
    }

    public String targetDev() {
        return target.dev();
    }

    public String targetBus() {
        return target.bus();
    }

    public boolean readonly() {
        return flags.readonly();
    }

    public String serial() {
        return identity.serial();
    }

    public DiskDef withBusAliasAddress(String bus, String newAlias, AddressDef addr) {
        return new DiskDef(type, device, driver, sourceDef, new Target(target.dev(), bus, target.tray(),
                target.removable()), flags, bootOrder, identity, blockio, geometry, iotune, encryption, newAlias, addr);
    }

    public DiskDef withSourceDef(DiskSourceDef s) {
        return new DiskDef(type, device, driver, s, target, flags, bootOrder, identity, blockio, geometry, iotune,
                encryption, alias, address);
    }

    public DiskDef withIotune(DiskIotuneDef t) {
        return new DiskDef(type, device, driver, sourceDef, target, flags, bootOrder, identity, blockio, geometry, t,
                encryption, alias, address);
    }

    public DiskDef withSource(String newSource) {
        return new DiskDef(type, device, driver, sourceDef.withPath(newSource), target, flags, bootOrder, identity,
                blockio, geometry, iotune, encryption, alias, address);
    }
}
