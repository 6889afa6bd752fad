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
import java.util.TreeMap;

/**
 * Hands out PCI addresses, skipping the slots the machine type builds in (i440fx: 0 host bridge,
 * 1 PIIX3, 2 reserved for video; q35: 0 host bridge, 1 video, 0x1f ICH9 functions) and those the
 * user fixed, and grows the topology as libvirt does:
 * <ul>
 * <li>i440fx: devices go on the root bus; when it is down to its last free slot, that slot gets a
 *     new {@code pci-bridge} and placement continues on the bridge (slots 1-31).</li>
 * <li>q35: a PCI Express device goes on a {@code pcie-root-port} of its own (an empty one the
 *     domain already has, else a new one; new ports are packed eight to a root-bus slot as
 *     functions 0-7, function 0 multifunction, {@code chassis} = index, {@code port} =
 *     slot * 8 + function); a conventional PCI device goes on a {@code pcie-to-pci-bridge}
 *     (slots 1-31), itself on a root port; root ports and other root-bus controllers take root-bus
 *     slots.</li>
 * </ul>
 */
final class PciAllocator {
    /** Where a device may be plugged, which decides where it is placed on q35. */
    enum Kind {
        /** A PCI Express endpoint (virtio, e1000e, qemu-xhci ...): a root port of its own on q35. */
        PCIE,
        /** A conventional PCI device (e1000, rtl8139, ich6 sound ...): a pcie-to-pci-bridge on q35. */
        PCI,
        /** Only the root bus (root ports, dmi-to-pci-bridge). */
        ROOT
    }

    private static final int SLOTS = 32;
    private final Map<Integer, BitSet> used = new HashMap<>();
    private final Map<Integer, String> busModels = new TreeMap<>();
    private final boolean q35;
    private final int videoSlot;
    private boolean videoTaken;
    private int bus;
    private int nextIndex;
    private final List<ControllerDef> added = new ArrayList<>();
    private int portSlot = -1;
    private int portFunction = 8;

    /**
     * @param firstFreeIndex the lowest PCI controller index no user controller has
     * @param controllers    the PCI controllers the domain has (their buses may take devices)
     */
    PciAllocator(String machine, int firstFreeIndex, List<ControllerDef> controllers) {
        q35 = machine != null && machine.contains("q35");
        videoSlot = q35 ? 1 : 2;
        nextIndex = Math.max(firstFreeIndex, 1);
        for (ControllerDef c : controllers) {
            if (c.type().equals("pci") && c.index() != null && c.index() > 0 && c.model() != null) {
                busModels.put(c.index(), c.model());
            }
        }
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
        this(machine, 1, List.of());
    }

    private BitSet slots(int b) {
        return used.computeIfAbsent(b, k -> {
            BitSet s = new BitSet(SLOTS);
            if (k > 0) {
                s.set(0); // slot 0 of a bridge is not usable
                if (isPort(busModels.get(k))) {
                    s.clear(0);
                    s.set(1, SLOTS); // a port has exactly one slot
                }
            }
            return s;
        });
    }

    private static boolean isPort(String model) {
        return model != null && (model.equals("pcie-root-port") || model.equals("pcie-switch-downstream-port"));
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
    AddressDef video(Kind secondary) {
        if (videoTaken) {
            return next(secondary);
        }
        videoTaken = true;
        return slot(videoSlot, 0);
    }

    static AddressDef slot(int slot, int function) {
        return at(0, slot, function);
    }

    private static AddressDef at(int bus, int slot, int function) {
        return new AddressDef("pci", DomainPostParse.orderedMap("domain", "0x0000", "bus", hex2(bus),
                "slot", hex2(slot), "function", "0x" + Integer.toHexString(function)));
    }

    /** {@code String.format("0x%02x", v)} without the formatter (post-parse places many devices). */
    static String hex2(int v) {
        String h = Integer.toHexString(v);
        return h.length() < 2 ? "0x0" + h : "0x" + h;
    }

    /** The next address for a conventional PCI device. */
    AddressDef next() {
        return next(Kind.PCI);
    }

    AddressDef next(Kind kind) {
        if (!q35) {
            return nextConventional();
        }
        return switch (kind) {
            case ROOT -> rootSlot();
            case PCIE -> onFreeBus("pcie-root-port").orElseGet(() -> take(newRootPort()));
            case PCI -> onFreeBus("pcie-to-pci-bridge").orElseGet(() -> {
                int index = newController("pcie-to-pci-bridge", "pcie-pci-bridge", null, null, next(Kind.PCIE));
                return take(index);
            });
        };
    }

    private java.util.Optional<AddressDef> onFreeBus(String model) {
        for (var e : busModels.entrySet()) {
            if (e.getValue().equals(model) && slots(e.getKey()).nextClearBit(0) < SLOTS) {
                return java.util.Optional.of(take(e.getKey()));
            }
        }
        return java.util.Optional.empty();
    }

    private AddressDef take(int b) {
        BitSet s = slots(b);
        int slot = s.nextClearBit(0);
        s.set(slot);
        return at(b, slot, 0);
    }

    private AddressDef rootSlot() {
        BitSet s = slots(0);
        int slot = s.nextClearBit(0);
        if (slot >= SLOTS) {
            throw noSlot();
        }
        s.set(slot);
        return at(0, slot, 0);
    }

    private int newRootPort() {
        if (portFunction == 8) {
            AddressDef a = rootSlot();
            portSlot = a.intAttr("slot");
            portFunction = 0;
        }
        int function = portFunction++;
        var attrs = new java.util.LinkedHashMap<>(at(0, portSlot, function).attributes());
        if (function == 0) {
            attrs.put("multifunction", "on");
        }
        int index = nextFreeIndex();
        return newController("pcie-root-port", "pcie-root-port", index,
                String.format("0x%x", portSlot * 8 + function), new AddressDef("pci", attrs), index);
    }

    private int newController(String model, String modelName, Integer chassis, String port, AddressDef address) {
        return newController(model, modelName, chassis, port, address, nextFreeIndex());
    }

    private int newController(String model, String modelName, Integer chassis, String port, AddressDef address,
                              int index) {
        added.add(new ControllerDef("pci", index, model, null, null, null, null, modelName, chassis, port, null,
                "pci." + index, address));
        busModels.put(index, model);
        return index;
    }

    private int nextFreeIndex() {
        int index = nextIndex++;
        while (busModels.containsKey(index) || (used.containsKey(index) && used.get(index).cardinality() > 1)) {
            index = nextIndex++;
        }
        return index;
    }

    private AddressDef nextConventional() {
        BitSet s = slots(bus);
        int slot = s.nextClearBit(0);
        int free = SLOTS - s.cardinality();
        if (free == 0) {
            throw noSlot();
        }
        if (free == 1) {
            s.set(slot);
            int index = newController("pci-bridge", null, null, null, at(bus, slot, 0));
            bus = index;
            return nextConventional();
        }
        s.set(slot);
        return at(bus, slot, 0);
    }

    private static ConfigUnsupportedException noSlot() {
        // a user's configuration, not our bug
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                "no free PCI slot on bus 0 for another device; add a 'pci-bridge' controller and give "
                        + "the remaining devices addresses on its bus");
    }

    /** The controllers placement added (bridges, root ports), in order. */
    List<ControllerDef> bridges() {
        return List.copyOf(added);
    }
}
