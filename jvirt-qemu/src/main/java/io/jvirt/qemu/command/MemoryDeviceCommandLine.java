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
final class MemoryDeviceCommandLine {
    private MemoryDeviceCommandLine() {
    }

    static boolean hasNvdimm(DomainDef def) {
        return def.devices().of(MemoryDeviceDef.class).stream().anyMatch(m -> m.model().equals("nvdimm"));
    }

    static void build(Argv a, DomainDef def) {
        List<MemoryDeviceDef> devs = def.devices().of(MemoryDeviceDef.class);
        java.util.Set<Integer> taken = new java.util.HashSet<>();
        for (MemoryDeviceDef m : devs) {
            if (isDimm(m) && m.address() != null && m.address().attributes().get("slot") != null) {
                taken.add(m.address().intAttr("slot"));
            }
        }
        int next = 0;
        int n = 0;
        for (MemoryDeviceDef m : devs) {
            String alias = m.alias() != null ? m.alias() : m.model().replace("-", "") + n;
            n++;
            String memdev = "mem" + alias;
            JsonProps.Builder backend = JsonProps.builder();
            boolean file = m.model().equals("nvdimm") || m.model().equals("virtio-pmem");
            if (file) {
                backend.put("qom-type", "memory-backend-file").put("id", memdev).put("mem-path", m.sourcePath());
                // a pmem device writes through to its file; an nvdimm shares it only when asked
                backend.put("share", m.model().equals("virtio-pmem") || "shared".equals(m.access()));
            } else {
                backend.put("qom-type", "memory-backend-ram").put("id", memdev);
                if (m.access() != null) {
                    backend.put("share", m.access().equals("shared"));
                }
                if (m.model().equals("virtio-mem")) {
                    backend.put("reserve", false); // the guest plugs blocks as it is asked to
                }
            }
            a.json("-object", backend.put("size", m.size().bytes()).build());
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
