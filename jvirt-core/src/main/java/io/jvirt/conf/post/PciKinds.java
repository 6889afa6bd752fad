package io.jvirt.conf.post;

import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.VideoDef;

import java.util.Set;

/**
 * Whether a device is PCI Express or conventional PCI, which decides where it goes on a q35
 * machine ({@link PciAllocator.Kind}). virtio devices are treated as PCI Express, as libvirt
 * does (QEMU's virtio-*-pci devices become PCIe on a PCIe port).
 */
final class PciKinds {
    private static final Set<String> PCIE_NICS = Set.of("virtio", "virtio-transitional", "virtio-non-transitional",
            "e1000e", "igb");
    private static final Set<String> PCIE_USB = Set.of("qemu-xhci", "nec-xhci");
    private static final Set<String> ROOT_BUS = Set.of("pcie-root-port", "dmi-to-pci-bridge", "pcie-expander-bus",
            "pci-expander-bus");

    private PciKinds() {
    }

    static PciAllocator.Kind of(InterfaceDef nic) {
        return PCIE_NICS.contains(nic.model() == null ? "" : nic.model()) ? PciAllocator.Kind.PCIE
                : PciAllocator.Kind.PCI;
    }

    static PciAllocator.Kind of(DeviceDef d) {
        return switch (d) {
            case ControllerDef c -> controller(c);
            case SoundDef s -> s.model().equals("ich9") ? PciAllocator.Kind.PCIE : PciAllocator.Kind.PCI;
            case VideoDef v -> v.model().equals("virtio") ? PciAllocator.Kind.PCIE : PciAllocator.Kind.PCI;
            case HostdevDef h -> PciAllocator.Kind.PCIE;
            case io.jvirt.conf.device.IommuDef i -> PciAllocator.Kind.ROOT; // QEMU: "must be plugged on the root bus"
            case io.jvirt.conf.device.WatchdogDef w -> PciAllocator.Kind.PCI;
            case io.jvirt.conf.device.ShmemDef s -> PciAllocator.Kind.PCI;
            default -> PciAllocator.Kind.PCIE; // the other PCI families are virtio
        };
    }

    private static PciAllocator.Kind controller(ControllerDef c) {
        String model = c.model() == null ? "" : c.model();
        return switch (c.type()) {
            case "pci" -> ROOT_BUS.contains(model) ? PciAllocator.Kind.ROOT
                    : model.equals("pci-bridge") ? PciAllocator.Kind.PCI : PciAllocator.Kind.PCIE;
            case "usb" -> PCIE_USB.contains(model) ? PciAllocator.Kind.PCIE : PciAllocator.Kind.PCI;
            case "scsi" -> model.isEmpty() || model.startsWith("virtio") ? PciAllocator.Kind.PCIE : PciAllocator.Kind.PCI;
            default -> PciAllocator.Kind.PCIE; // virtio-serial, sata (AHCI)
        };
    }
}
