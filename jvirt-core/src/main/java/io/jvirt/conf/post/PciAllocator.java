package io.jvirt.conf.post;

import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands out PCI slots in order, skipping the slots the machine type builds in (i440fx: 0 host
 * bridge, 1 PIIX3, 2 reserved for video; q35: 0 host bridge, 0x1f ICH9 functions) and those the
 * user fixed. On i440fx, when a bus is down to its last free slot, that slot gets a new
 * {@code pci-bridge} and placement continues on the bridge's bus (slots 1-31), as libvirt grows
 * the PCI topology; q35 (which libvirt grows with PCIe root ports, a different guest ABI) stops
 * with an error instead.
 */
final class PciAllocator {
    private static final int SLOTS = 32;
    private final Map<Integer, BitSet> used = new HashMap<>();
    private final boolean q35;
    private final int videoSlot;
    private boolean videoTaken;
    private int bus;
    private int nextIndex;
    private final List<ControllerDef> bridges = new ArrayList<>();

    /** @param firstFreeIndex the lowest PCI controller index no user controller has */
    PciAllocator(String machine, int firstFreeIndex) {
        q35 = machine != null && machine.contains("q35");
        videoSlot = q35 ? 1 : 2;
        nextIndex = Math.max(firstFreeIndex, 1);
        BitSet root = slots(0);
        root.set(0);
        if (q35) {
            root.set(0x1f);
            root.set(1); // video
        } else {
            root.set(1);
            root.set(2); // video
        }
    }

    PciAllocator(String machine) {
        this(machine, 1);
    }

    private BitSet slots(int b) {
        return used.computeIfAbsent(b, k -> {
            BitSet s = new BitSet(SLOTS);
            if (k > 0) {
                s.set(0); // slot 0 of a pci-bridge is not usable
            }
            return s;
        });
    }

    void reserve(AddressDef a) {
        if (a != null && a.type().equals("pci")) {
            int slot = a.intAttr("slot");
            if (slot >= 0 && slot < SLOTS) {
                slots(Math.max(a.intAttr("bus"), 0)).set(slot);
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
        return at(0, slot, function);
    }

    private static AddressDef at(int bus, int slot, int function) {
        return new AddressDef("pci", DomainPostParse.orderedMap("domain", "0x0000", "bus", String.format("0x%02x", bus),
                "slot", String.format("0x%02x", slot), "function", "0x" + Integer.toHexString(function)));
    }

    AddressDef next() {
        BitSet s = slots(bus);
        int slot = s.nextClearBit(0);
        int free = SLOTS - s.cardinality();
        if (free == 0 || (free == 1 && !q35)) {
            if (q35 || free == 0) {
                // a user's configuration, not our bug
                throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                        "no free PCI slot on bus 0 for another device; add a 'pci-bridge' controller and give "
                                + "the remaining devices addresses on its bus");
            }
            s.set(slot);
            int index = nextIndex++;
            while (used.containsKey(index) && used.get(index).cardinality() > 1) {
                index = nextIndex++;
            }
            bridges.add(new ControllerDef("pci", index, "pci-bridge", null, null, null, null, null, null, null, null,
                    "pci." + index, at(bus, slot, 0)));
            bus = index;
            return next();
        }
        s.set(slot);
        return at(bus, slot, 0);
    }

    /** The bridges placement added, in order. */
    List<ControllerDef> bridges() {
        return List.copyOf(bridges);
    }
}
