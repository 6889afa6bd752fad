package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.ParallelDef;
import io.jvirt.qemu.command.UsbAddresses;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the QEMU driver runs of character devices: source types and their required parts,
 * serial/console/channel target types, and the protocols of TCP sources. Refusals are
 * VIR_ERR_CONFIG_UNSUPPORTED naming the device.
 */
final class ChrRules {
    private ChrRules() {
    }

    static void validate(DomainDef def) {
        List<ChrDef> all = new ArrayList<>(def.devices().serials());
        all.addAll(def.devices().consoles());
        all.addAll(def.devices().channels());
        def.devices().of(ParallelDef.class).forEach(p -> all.add(p.chr()));
        boolean spice = def.devices().graphics().stream().anyMatch(g -> g.type().equals("spice"));
        for (ChrDef c : all) {
            String what = c.kind().xml() + " '" + (c.alias() == null ? c.type() : c.alias()) + "'";
            if (c.protocol() != null && !c.protocol().equals("raw") && !c.protocol().equals("telnet")) {
                throw GuestDeviceRules.unsupported(what + ": protocol '" + c.protocol()
                        + "' needs TLS certificates, which this driver does not set up");
            }
            switch (c.type()) {
                case "file", "dev", "pipe" -> require(c.path() != null, what + ": source path is missing");
                case "unix" -> require(c.path() != null || (c.kind() == ChrDef.Kind.CHANNEL
                        && c.targetName() != null && !"connect".equals(c.mode())),
                        what + ": a unix source needs a path");
                case "tcp", "udp" -> require(c.service() != null, what + ": source service (port) is missing");
                case "spicevmc" -> require(spice && c.kind() == ChrDef.Kind.CHANNEL,
                        what + ": spicevmc needs SPICE graphics and a virtio channel");
                default -> { }
            }
        }
        for (ChrDef s : def.devices().serials()) {
            if (s.targetType().equals("usb-serial") && UsbAddresses.controller(def).isEmpty()) {
                throw GuestDeviceRules.unsupported("serial '" + s.alias() + "' of type usb-serial needs a USB "
                        + "controller (USB is disabled for this domain)");
            }
        }
        for (ChrDef c : def.devices().consoles()) {
            if (!Set.of("serial", "virtio").contains(c.targetType())) {
                throw GuestDeviceRules.unsupported("console target type '" + c.targetType()
                        + "' is not supported by the QEMU driver on x86");
            }
        }
        for (ChrDef c : def.devices().channels()) {
            if (!"virtio".equals(c.targetType())) {
                throw GuestDeviceRules.unsupported("channel target type '" + c.targetType() + "' is not supported"
                        + ("guestfwd".equals(c.targetType()) ? " (the model keeps no guestfwd address)" : ""));
            }
        }
    }

    private static void require(boolean ok, String msg) {
        if (!ok) {
            throw GuestDeviceRules.unsupported(msg);
        }
    }
}
