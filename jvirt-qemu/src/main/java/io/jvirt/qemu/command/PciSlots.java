package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.DeviceDef;

import java.util.BitSet;

/**
 * PCI slots for the few PCI devices the model keeps no address for (pci-serial ports): the
 * lowest slots of the root bus that no device address, machine built-in or reserved video slot
 * uses, handed out in device order. Every other PCI device has its address from post-parse, so a
 * slot found here never collides and is the same on every start.
 */
final class PciSlots {
    private PciSlots() {
    }

    /** Puts bus and addr for {@code serial}, a pci-serial port. */
    static void free(JsonProps.Builder b, DomainDef def, ChrDef serial) {
        boolean q35 = def.os().machine() != null && def.os().machine().contains("q35");
        BitSet used = new BitSet(32);
        used.set(0, 3); // host bridge, PIIX3 (i440fx) or video (q35), video (i440fx)
        if (q35) {
            used.set(0x1f);
        }
        def.devices().disks().forEach(d -> mark(used, d.address()));
        def.devices().interfaces().forEach(d -> mark(used, d.address()));
        def.devices().others().forEach((DeviceDef d) -> mark(used, d.address()));
        if (def.devices().memballoon() != null) {
            mark(used, def.devices().memballoon().address());
        }
        int slot = -1;
        for (ChrDef s : def.devices().serials()) {
            if (!"pci-serial".equals(s.targetType())) {
                continue;
            }
            slot = used.nextClearBit(1);
            used.set(slot);
            if (s == serial) {
                break;
            }
        }
        if (slot < 0 || slot > 31) {
            throw new IllegalStateException("no free PCI slot for " + serial.alias());
        }
        b.put("bus", q35 ? "pcie.0" : "pci.0").put("addr", String.format("0x%x", slot));
    }

    private static void mark(BitSet used, AddressDef a) {
        if (a != null && a.type().equals("pci") && Math.max(a.intAttr("bus"), 0) == 0 && a.intAttr("slot") >= 0) {
            used.set(a.intAttr("slot"));
        }
    }
}
