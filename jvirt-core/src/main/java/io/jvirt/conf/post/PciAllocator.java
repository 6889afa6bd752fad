package io.jvirt.conf.post;

import io.jvirt.conf.device.AddressDef;

import java.util.BitSet;

/**
 * Hands out PCI slots on bus 0 in order, skipping the slots the machine type builds in (i440fx:
 * 0 host bridge, 1 PIIX3, 2 reserved for video; q35: 0 host bridge, 0x1f ICH9 functions) and
 * those the user fixed.
 */
final class PciAllocator {
    private static final int SLOTS = 32;
    private final BitSet used = new BitSet(SLOTS);
    private final int videoSlot;
    private boolean videoTaken;

    PciAllocator(String machine) {
        videoSlot = machine != null && machine.contains("q35") ? 1 : 2;
        used.set(0);
        if (machine != null && machine.contains("q35")) {
            used.set(0x1f);
            used.set(1); // video
        } else {
            used.set(1);
            used.set(2); // video
        }
    }

    void reserve(AddressDef a) {
        if (a != null && a.type().equals("pci") && a.intAttr("bus") <= 0) {
            int slot = a.intAttr("slot");
            if (slot >= 0 && slot < SLOTS) {
                used.set(slot);
            }
        }
    }

    /** The slot the machine keeps for the primary video device (the first time), else the next free one. */
    AddressDef video() {
        if (videoTaken) {
            return next();
        }
        videoTaken = true;
        return slot(videoSlot, 0);
    }

    static AddressDef slot(int slot, int function) {
        return new AddressDef("pci", DomainPostParse.orderedMap("domain", "0x0000", "bus", "0x00",
                "slot", String.format("0x%02x", slot), "function", "0x" + Integer.toHexString(function)));
    }

    AddressDef next() {
        int slot = used.nextClearBit(0);
        if (slot >= SLOTS) {
            // a user's configuration, not our bug: automatic bridges are not placed yet
            throw new io.jvirt.error.ConfigUnsupportedException(io.jvirt.error.ErrorNumber.CONFIG_UNSUPPORTED,
                    io.jvirt.error.ErrorDomain.DOMAIN, "no free PCI slot on bus 0 for another device; add a "
                    + "'pci-bridge' controller and give the remaining devices addresses on its bus");
        }
        used.set(slot);
        return new AddressDef("pci", DomainPostParse.orderedMap("domain", "0x0000", "bus", "0x00",
                "slot", String.format("0x%02x", slot), "function", "0x0"));
    }
}
