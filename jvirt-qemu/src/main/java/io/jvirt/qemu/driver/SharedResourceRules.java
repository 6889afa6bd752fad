package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.conf.device.ShmemDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

/**
 * The QEMU driver's rules for what the guest shares with the host: {@code <filesystem>} (9p in
 * QEMU, virtiofs through virtiofsd), {@code <shmem>} (ivshmem-plain / ivshmem-doorbell). Applied at
 * define time and again at start; each refusal is VIR_ERR_CONFIG_UNSUPPORTED naming the element.
 */
final class SharedResourceRules {
    private SharedResourceRules() {
    }

    static void validate(DomainDef def) {
        for (FilesystemDef f : def.devices().of(FilesystemDef.class)) {
            filesystem(f);
        }
        for (ShmemDef s : def.devices().of(ShmemDef.class)) {
            shmem(s);
        }
    }

    private static void filesystem(FilesystemDef f) {
        String what = "filesystem '" + f.target() + "': ";
        String driver = f.driverType() == null ? "path" : f.driverType();
        FilesystemDef.NineP n = f.ninep();
        switch (driver) {
            case "path" -> {
                if (f.queue() != null) {
                    throw unsupported(what + "<driver queue> is only supported with virtiofs");
                }
                if (f.binary() != null) {
                    throw unsupported(what + "<binary> is only supported with virtiofs");
                }
                if ((n.fmode() != null || n.dmode() != null) && !"mapped".equals(f.accessmode())) {
                    throw unsupported(what + "fmode and dmode are only supported with accessmode 'mapped'");
                }
            }
            case "virtiofs" -> {
                if (f.accessmode() != null && !f.accessmode().equals("passthrough")) {
                    throw unsupported(what + "virtiofs only supports passthrough accessmode");
                }
                if (f.readonly()) {
                    throw unsupported(what + "virtiofs does not yet support read-only mode");
                }
                if (n.wrpolicy() != null) {
                    throw unsupported(what + "virtiofs does not support wrpolicy");
                }
                if (n.multidevs() != null) {
                    throw unsupported(what + "virtiofs does not support multidevs");
                }
                if (n.fmode() != null || n.dmode() != null) {
                    throw unsupported(what + "virtiofs does not support fmode and dmode");
                }
            }
            case "handle" -> throw unsupported(what + "filesystem driver type 'handle' is not supported by "
                    + "QEMU 7.2 (QEMU 4.0 removed it); use type 'path'");
            default -> throw unsupported(what + "filesystem driver type '" + driver + "' is not supported");
        }
        if (f.address() != null && !f.address().type().equals("pci")) {
            throw unsupported(what + "address type '" + f.address().type() + "' is not supported");
        }
    }

    private static void shmem(ShmemDef s) {
        String model = s.model() == null ? "ivshmem" : s.model();
        String what = "shmem '" + s.name() + "': ";
        switch (model) {
            case "ivshmem" -> throw unsupported(what + "shmem model 'ivshmem' is not supported by this QEMU binary "
                    + "(QEMU 4.0 removed it); use 'ivshmem-plain' or 'ivshmem-doorbell'");
            case "ivshmem-plain" -> {
                if (s.serverPath() != null) {
                    throw unsupported(what + "shmem model 'ivshmem-plain' does not support a <server>; "
                            + "use 'ivshmem-doorbell'");
                }
                if (s.vectors() != null || s.ioeventfd() != null) {
                    throw unsupported(what + "shmem model 'ivshmem-plain' does not support <msi>");
                }
            }
            default -> { // ivshmem-doorbell
                if (s.serverPath() == null) {
                    throw unsupported(what + "shmem model 'ivshmem-doorbell' needs a <server path='...'/>");
                }
                if (s.size() != null) {
                    throw unsupported(what + "shmem model 'ivshmem-doorbell' takes its size from the server; "
                            + "<size> is not supported");
                }
            }
        }
        if (s.size() != null && Long.bitCount(s.size().bytes()) != 1) {
            throw unsupported(what + "shmem size must be a power of two");
        }
        if (s.address() != null && !s.address().type().equals("pci")) {
            throw unsupported(what + "address type '" + s.address().type() + "' is not supported");
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
