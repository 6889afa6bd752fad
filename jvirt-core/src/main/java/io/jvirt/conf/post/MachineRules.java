package io.jvirt.conf.post;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.MemoryBackingDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.VideoDef;
import io.jvirt.conf.device.WatchdogDef;

import java.util.List;
import java.util.Set;

/**
 * Rules tying devices to the machine family (i440fx or q35), to their bus and to the guest NUMA
 * layout: which PCI controllers exist on which chipset, which disk devices a bus can carry, and
 * that node numbers name existing guest cells.
 */
final class MachineRules {
    private static final Set<String> PCIE_ONLY = Set.of("pcie-root", "pcie-root-port", "pcie-switch-upstream-port",
            "pcie-switch-downstream-port", "dmi-to-pci-bridge", "pcie-expander-bus", "pcie-to-pci-bridge");

    private MachineRules() {
    }

    static void validate(DomainDef def) {
        String machine = def.os().machine();
        boolean q35 = machine != null && machine.contains("q35");
        for (ControllerDef c : def.devices().controllers()) {
            if (c.type().equals("pci") && c.model() != null) {
                if (!q35 && PCIE_ONLY.contains(c.model())) {
                    throw DeviceRules.unsupported("PCI controller model '" + c.model() + "' needs a q35 machine");
                }
                if (q35 && c.model().equals("pci-root")) {
                    throw DeviceRules.unsupported("'pci-root' is the i440fx root; q35 machines have 'pcie-root'");
                }
            }
            if (c.type().equals("ide") && q35) {
                throw DeviceRules.unsupported("IDE controllers are unsupported for this machine type (q35)");
            }
        }
        for (DiskDef d : def.devices().disks()) {
            String bus = d.targetBus();
            if (d.device().equals("cdrom") && "virtio".equals(bus)) {
                throw DeviceRules.unsupported("disk '" + d.targetDev() + "': bus 'virtio' cannot carry a cdrom");
            }
            if (d.device().equals("floppy") && !"fdc".equals(bus)) {
                throw DeviceRules.unsupported("disk '" + d.targetDev() + "': a floppy needs bus 'fdc'");
            }
            if ("fdc".equals(bus) && !d.device().equals("floppy")) {
                throw DeviceRules.unsupported("disk '" + d.targetDev() + "': bus 'fdc' carries only floppies");
            }
            if (d.device().equals("lun") && !(d.type().equals("block") || d.type().equals("network"))) {
                throw DeviceRules.xml("disk '" + d.targetDev() + "': device 'lun' needs a block or network source");
            }
            if ("ide".equals(bus) && q35) {
                throw DeviceRules.unsupported("disk '" + d.targetDev() + "': IDE is unsupported on q35 machines");
            }
        }
        long primaries = def.devices().of(VideoDef.class).stream().filter(v -> Boolean.TRUE.equals(v.primary()))
                .count();
        if (primaries > 1) {
            throw DeviceRules.unsupported("Only one primary video device is supported");
        }
        for (WatchdogDef w : def.devices().of(WatchdogDef.class)) {
            if (w.model().equals("itco") && !q35) {
                throw DeviceRules.unsupported("watchdog model 'itco' is only part of q35 machines");
            }
        }
        java.util.Set<Integer> buses = new java.util.HashSet<>();
        for (ControllerDef c : def.devices().controllers()) {
            if (c.type().equals("pci") && c.index() != null) {
                buses.add(c.index());
            }
        }
        java.util.List<io.jvirt.conf.device.AddressDef> addrs = new java.util.ArrayList<>();
        def.devices().disks().forEach(d -> addrs.add(d.address()));
        def.devices().interfaces().forEach(n -> addrs.add(n.address()));
        def.devices().others().forEach(x -> addrs.add(x.address()));
        if (def.devices().memballoon() != null) {
            addrs.add(def.devices().memballoon().address());
        }
        for (var a : addrs) {
            if (a != null && a.type().equals("pci") && a.intAttr("bus") > 0 && !buses.contains(a.intAttr("bus"))) {
                throw DeviceRules.unsupported("PCI address on bus " + a.attributes().get("bus")
                        + " but no PCI controller has index " + a.intAttr("bus"));
            }
        }
        int cells = def.cpu().numa().size();
        for (MemoryBackingDef.Page p : def.memory().backing().pages()) {
            if (p.nodeset() != null) {
                int max = TuningRules.checkSet(p.nodeset(), "hugepages nodeset").length() - 1;
                if (max >= cells) {
                    throw DeviceRules.unsupported("hugepages: node " + max + " not found");
                }
            }
        }
        for (var m : def.tuning().numatune().memnodes()) {
            if (m.cellid() >= cells) {
                throw DeviceRules.unsupported("Numa node " + m.cellid() + " is not available");
            }
            TuningRules.checkSet(m.nodeset(), "memnode nodeset");
        }
        List<Integer> ids = def.tuning().iothreadIds();
        int count = def.tuning().iothreads() == null ? 0 : def.tuning().iothreads();
        for (Integer id : def.tuning().cputune().iothreadpins().keySet()) {
            if (!(ids.contains(id) || (ids.isEmpty() && id >= 1 && id <= count))) {
                throw DeviceRules.xml("iothreadpin names iothread " + id + " which does not exist");
            }
        }
    }
}
