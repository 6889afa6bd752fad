package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.caps.CapsCache;
import io.jvirt.qemu.caps.QemuCaps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * The QEMU driver's rules: what this driver and the probed QEMU can run. Applied at define time
 * and again at start, so valid XML that cannot run is refused with VIR_ERR_CONFIG_UNSUPPORTED
 * before QEMU is ever launched.
 */
final class QemuValidator {
    private static final Set<String> DISK_BUSES = Set.of("virtio", "sata", "ide", "scsi", "usb", "fdc");
    private static final Set<String> CHR_TYPES = Set.of("pty", "file", "unix", "tcp", "null", "stdio", "udp", "vc",
            "spicevmc", "dev", "pipe");

    private QemuValidator() {
    }

    static void validate(DomainDef def, CapsCache capsCache) {
        validate(def, capsCache.get(def.devices().emulator()));
    }

    /** As {@link #validate(DomainDef, CapsCache)}, with the capabilities of the definition's emulator. */
    static void validate(DomainDef def, QemuCaps caps) {
        String machine = def.os().machine();
        if (!caps.machines().isEmpty() && caps.machine(machine).isEmpty()) {
            throw unsupported("machine type '" + machine + "' is not supported by emulator '"
                    + def.devices().emulator() + "'");
        }
        DiskIoRules.validate(def);
        MemoryRules.validate(def);
        UnbuiltConfig.refuse(def);
        VcpuHotplug.validate(def);
        GuestDeviceRules.validate(def, caps);
        MiscDeviceRules.validate(def, caps);
        WatchdogRules.validate(def, caps);
        TpmRules.validate(def, caps);
        SharedResourceRules.validate(def);
        HostdevRules.validate(def);
        CpuPinning.validate(def);
        GuestCgroups.validate(def);
        MachineRules.validate(def, caps);
        MemoryDeviceRules.validate(def);
        DiskSourceRules.validate(def);
        for (DiskDef d : def.devices().disks()) {
            if (!DISK_BUSES.contains(d.targetBus())) {
                throw unsupported("disk bus '" + d.targetBus() + "' is not supported");
            }
            String io = d.driver().io();
            String cache = d.driver().cache();
            if ("native".equals(io) && !"none".equals(cache) && !"directsync".equals(cache)) {
                throw unsupported("disk '" + d.targetDev() + "': native I/O needs either no disk cache "
                        + "(cache='none') or cache='directsync'");
            }
            String wwn = d.identity().wwn();
            if (wwn != null && Long.compareUnsigned(Long.parseUnsignedLong(wwn.replaceFirst("^0x", ""), 16), Long.MAX_VALUE) > 0) {
                throw unsupported("disk '" + d.targetDev() + "': wwn " + wwn + " is above 0x7fffffffffffffff");
            }
            if (d.driver().queues() != null && !d.targetBus().equals("virtio")) {
                throw unsupported("disk '" + d.targetDev() + "': driver queues are only supported with bus='virtio'");
            }
            if (d.targetBus().equals("sata") && !machine.contains("q35")) {
                throw unsupported("disk '" + d.targetDev() + "': SATA needs a q35 machine (this one is '" + machine + "')");
            }
        }
        NetRules.validate(def, caps);
        for (ChrDef c : concat(def)) {
            if (!CHR_TYPES.contains(c.type())) {
                throw unsupported("character device type '" + c.type() + "' is not supported");
            }
        }
        for (ChrDef s : def.devices().serials()) {
            if (!Set.of("isa-serial", "usb-serial", "pci-serial").contains(s.targetType())) {
                throw unsupported("serial target type '" + s.targetType() + "' is not supported");
            }
        }
        ChrRules.validate(def);
    }

    private static java.util.List<ChrDef> concat(DomainDef def) {
        var l = new java.util.ArrayList<ChrDef>(def.devices().serials());
        def.devices().of(io.jvirt.conf.device.ParallelDef.class).forEach(p -> l.add(p.chr()));
        l.addAll(def.devices().consoles());
        l.addAll(def.devices().channels());
        return l;
    }

    /** Checks that must run at start: host resources the definition points at. */
    static void validateForStart(DomainDef def, CapsCache capsCache) {
        QemuCaps caps = capsCache.get(def.devices().emulator());
        validate(def, caps);
        if (def.type() == io.jvirt.conf.VirtType.KVM && !caps.kvmUsable()) {
            throw unsupported("KVM is not usable on this host (the probe found no working KVM vCPU); "
                    + "use <domain type='qemu'> for emulation");
        }
        MiscDeviceRules.validateForStart(def);
        TpmRules.validateForStart(def);
        Virtiofsd.validateForStart(def);
        CpuPinning.validateForStart(def, CpuPinning.onlineCpus());
        checkReadable(def.os().kernel(), "kernel");
        def.os().acpiTables().forEach(t -> checkReadable(t.path(), "ACPI table"));
        checkReadable(def.os().firmware().loader(), "firmware loader");
        checkReadable(def.os().initrd(), "initrd");
        for (DiskDef d : def.devices().disks()) {
            if (d.source() != null && !d.type().equals("network") && !DiskStartup.optionalAndMissing(d)) {
                checkReadable(d.source(), "disk '" + d.targetDev() + "' source");
            }
            for (var b = d.sourceDef().backingStore(); b != null && b.type() != null; b = b.source().backingStore()) {
                if (!b.type().equals("network")) {
                    checkReadable(b.source().path(), "disk '" + d.targetDev() + "' backing store");
                }
            }
        }
    }

    private static void checkReadable(String path, String what) {
        if (path == null) {
            return;
        }
        Path p = Path.of(path);
        if (!Files.exists(p)) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "cannot access " + what + " '" + path + "': No such file or directory");
        }
        if (!Files.isReadable(p)) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "cannot access " + what + " '" + path + "': Permission denied");
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
