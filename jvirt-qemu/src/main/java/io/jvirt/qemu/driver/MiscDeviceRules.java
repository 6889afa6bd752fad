package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrSourceDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.SmartcardDef;
import io.jvirt.conf.device.VsockDef;
import io.jvirt.qemu.caps.QemuCaps;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** What the QEMU driver runs of rng, iommu, vsock, smartcard and redirdev devices. */
final class MiscDeviceRules {
    static final Path VHOST_VSOCK = Path.of("/dev/vhost-vsock");

    private MiscDeviceRules() {
    }

    static void validate(DomainDef def, QemuCaps caps) {
        boolean spice = def.devices().graphics().stream().anyMatch(g -> g.type().equals("spice"));
        for (RngDef r : def.devices().of(RngDef.class)) {
            if (r.backendModel().equals("egd")) {
                source(r.egdSource(), "rng egd backend", spice);
            }
            if (r.rateBytes() != null && r.rateBytes() <= 0) {
                throw GuestDeviceRules.unsupported("rng rate bytes must be positive");
            }
        }
        for (IommuDef i : def.devices().of(IommuDef.class)) {
            if (!Set.of("intel", "virtio").contains(i.model())) {
                throw GuestDeviceRules.unsupported("IOMMU model '" + i.model() + "' is not supported on x86");
            }
            if (Boolean.TRUE.equals(i.eim()) && def.type() != io.jvirt.conf.VirtType.KVM) {
                throw GuestDeviceRules.unsupported("IOMMU eim needs KVM with a split irqchip; this domain is "
                        + "type='qemu' (TCG)");
            }
            if (i.model().equals("virtio") && i.hasDriver()) {
                throw GuestDeviceRules.unsupported("IOMMU model 'virtio' has no driver options");
            }
        }
        for (SmartcardDef s : def.devices().of(SmartcardDef.class)) {
            if (s.mode().equals("passthrough")) {
                source(s.type().equals("spicevmc") ? null : s.source(), "smartcard passthrough", spice);
                if (s.type().equals("spicevmc") && !spice) {
                    throw GuestDeviceRules.unsupported("smartcard passthrough over spicevmc needs SPICE graphics");
                }
            }
        }
        for (RedirdevDef r : def.devices().of(RedirdevDef.class)) {
            if (r.type().equals("spicevmc") && !spice) {
                throw GuestDeviceRules.unsupported("redirdev over spicevmc needs SPICE graphics");
            }
            if (!r.type().equals("spicevmc")) {
                source(r.source(), "redirdev", spice);
            }
        }
        for (VsockDef v : def.devices().of(VsockDef.class)) {
            if (!Boolean.TRUE.equals(v.cidAuto()) && v.cidAddress() == null) {
                throw GuestDeviceRules.unsupported("vsock needs <cid auto='yes'/> or a cid address");
            }
            if (v.cidAddress() != null && v.cidAddress() < 3) {
                throw GuestDeviceRules.unsupported("vsock cid " + v.cidAddress() + " is reserved (use 3 or more)");
            }
        }
    }

    /** At start: host resources these devices need. */
    static void validateForStart(DomainDef def) {
        if (!def.devices().of(VsockDef.class).isEmpty() && !Files.exists(VHOST_VSOCK)) {
            throw GuestDeviceRules.unsupported("vsock needs " + VHOST_VSOCK
                    + ", which this host does not have (load the vhost_vsock kernel module)");
        }
    }

    private static void source(ChrSourceDef s, String what, boolean spice) {
        if (s == null) {
            return;
        }
        switch (s.type()) {
            case "tcp", "udp" -> {
                if (s.service() == null) {
                    throw GuestDeviceRules.unsupported(what + ": source service (port) is missing");
                }
            }
            case "unix" -> {
                if (s.path() == null) {
                    throw GuestDeviceRules.unsupported(what + ": a unix source needs a path");
                }
            }
            case "pty", "null", "file", "pipe", "dev" -> { }
            default -> throw GuestDeviceRules.unsupported(what + ": source type '" + s.type() + "' is not supported");
        }
    }
}
