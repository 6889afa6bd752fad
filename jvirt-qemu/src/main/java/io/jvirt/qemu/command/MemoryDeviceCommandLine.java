package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.MemoryDeviceDef;

import java.util.List;

/**
 * {@code <memory model=...>} devices present at start, each a backend object {@code memALIAS} and
 * its device: {@code pc-dimm} and {@code nvdimm} in a hotplug slot (the address's slot, else the
 * next free one; base address when given), {@code virtio-mem-pci} (block and requested size) and
 * {@code virtio-pmem-pci} on their PCI addresses. nvdimm and virtio-pmem map their file; the
 * machine gets {@code nvdimm=on} for nvdimms.
 */
public final class MemoryDeviceCommandLine {
    private MemoryDeviceCommandLine() {
    }

    /** The QOM id of each memory device's backend ({@code memALIAS}), in device order. */
    public static List<String> backendIds(DomainDef def) {
        List<String> out = new java.util.ArrayList<>();
        int n = 0;
        for (MemoryDeviceDef m : def.devices().of(MemoryDeviceDef.class)) {
            out.add("mem" + (m.alias() != null ? m.alias() : m.model().replace("-", "") + n));
            n++;
        }
        return out;
    }

    /** nvdimm and virtio-pmem map the file their {@code <source><path>} names. */
    public static boolean fileBacked(MemoryDeviceDef m) {
        return m.model().equals("nvdimm") || m.model().equals("virtio-pmem");
    }

    static boolean hasNvdimm(DomainDef def) {
        return def.devices().of(MemoryDeviceDef.class).stream().anyMatch(m -> m.model().equals("nvdimm"));
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        List<MemoryDeviceDef> devs = def.devices().of(MemoryDeviceDef.class);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (MemoryDeviceDef m : devs) {
            if (isDimm(m) && m.address() != null && m.address().attributes().get("slot") != null) {
                taken.add(m.address().intAttr("slot"));
            }
        }
        int next = 0;
        List<String> ids = backendIds(def);
        for (int n = 0; n < devs.size(); n++) {
            MemoryDeviceDef m = devs.get(n);
            String memdev = ids.get(n);
            String alias = memdev.substring("mem".length());
            a.json("-object", hostNodes(backend(def, ctx, m, memdev), def, m));
            JsonProps.Builder dev = JsonProps.builder().put("driver", driver(m.model()));
            if (!m.model().equals("virtio-pmem")) {
                dev.put("node", m.node() == null ? 0 : m.node());
            }
            if (m.label() != null) {
                dev.put("label-size", m.label().bytes());
            }
            if (m.block() != null) {
                dev.put("block-size", m.block().bytes());
            }
            if (m.requested() != null) {
                dev.put("requested-size", m.requested().bytes());
            }
            dev.put("memdev", memdev).put("id", alias);
            AddressDef addr = m.address();
            if (isDimm(m)) {
                Integer slot = addr != null && addr.attributes().get("slot") != null ? addr.intAttr("slot") : null;
                if (slot == null) {
                    while (taken.contains(next)) {
                        next++;
                    }
                    slot = next;
                    taken.add(slot);
                }
                dev.put("slot", slot);
                if (addr != null && addr.attributes().get("base") != null) {
                    dev.put("addr", Long.decode(addr.attributes().get("base")));
                }
            } else {
                DeviceAddresses.pci(dev, addr, def.os().machine());
            }
            a.json("-device", dev.build());
        }
    }

    /**
     * The backend of one device: nvdimm and virtio-pmem map their file; dimm and virtio-mem get
     * the domain's kind of RAM backend (memfd, file, huge pages: {@link MemoryCommandLine#backend})
     * with the device's access; discard applies to file-backed memory only.
     */
    private static JsonProps backend(DomainDef def, LaunchContext ctx, MemoryDeviceDef m, String memdev) {
        if (fileBacked(m)) {
            JsonProps.Builder b = JsonProps.builder().put("qom-type", "memory-backend-file").put("id", memdev)
                    .put("mem-path", m.sourcePath());
            // a pmem device writes through to its file; an nvdimm shares it only when asked
            b.put("share", m.model().equals("virtio-pmem") || "shared".equals(m.access()));
            if (Boolean.TRUE.equals(m.discard())) {
                b.put("discard-data", true);
            }
            return b.put("size", m.size().bytes()).build();
        }
        JsonProps ram = MemoryCommandLine.backend(def, ctx, memdev, m.size(), m.access(), m.discard(), false);
        if (!m.model().equals("virtio-mem")) {
            return ram;
        }
        JsonProps.Builder b = JsonProps.builder();
        ram.asMap().forEach((k, v) -> {
            if (k.equals("size")) {
                b.put("reserve", false); // the guest plugs blocks as it is asked to
            }
            b.put(k, v);
        });
        return b.build();
    }

    /** The device's {@code <source><nodemask>} binds its memory; else the numatune of its node does. */
    private static JsonProps hostNodes(JsonProps backend, DomainDef def, MemoryDeviceDef m) {
        if (m.nodemask() == null) {
            return MemoryCommandLine.withHostNodes(backend, def.tuning().numatune(), m.node() == null ? 0 : m.node());
        }
        var bind = new io.jvirt.conf.TuningDef.Numatune("strict", m.nodemask(), null, List.of());
        return MemoryCommandLine.withHostNodes(backend, bind, -2);
    }

    private static boolean isDimm(MemoryDeviceDef m) {
        return m.model().equals("dimm") || m.model().equals("nvdimm");
    }

    private static String driver(String model) {
        return switch (model) {
            case "dimm" -> "pc-dimm";
            case "nvdimm" -> "nvdimm";
            case "virtio-mem" -> "virtio-mem-pci";
            default -> "virtio-pmem-pci";
        };
    }
}
