package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.HubDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.ShmemDef;
import io.jvirt.conf.device.SmartcardDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.conf.device.PanicDef;
import io.jvirt.conf.device.ParallelDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.conf.device.VideoDef;
import io.jvirt.conf.device.VsockDef;
import io.jvirt.conf.device.WatchdogDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.qemu.command.PciControllerCommandLine;


/**
 * Configuration the domain model keeps but the argv builder does not build yet. Each is refused
 * with VIR_ERR_CONFIG_UNSUPPORTED naming it, so a guest never starts without something its XML
 * asked for. When a builder learns a part, remove its refusal here in the same change. The
 * switch over {@link DeviceDef} has no default: a new device family must be decided here.
 */
final class UnbuiltConfig {
    private UnbuiltConfig() {
    }

    static void refuse(DomainDef def) {
        // <vcpus>: VcpuHotplug
        // <cputune>: pinning is built and its cgroup knobs are refused by CpuPinning
        // <memtune>, <blkiotune>, <numatune>, <resource>, placement: GuestCgroups, MemoryCommandLine
        for (DeviceDef d : def.devices().others()) {
            switch (d) {
                case ControllerDef c -> check(builtIn(c, def.os().machine()), "controller '" + c.type() + "'"
                        + (c.model() == null ? "" : " model '" + c.model() + "'") + " index " + c.index());
                case InputDef i -> { } // InputCommandLine (GuestDeviceRules)
                case VideoDef v -> { } // VideoCommandLine (GuestDeviceRules)
                case FilesystemDef x -> { } // FilesystemCommandLine (SharedResourceRules, Virtiofsd)
                case TpmDef x -> { } // TpmCommandLine (TpmRules, TpmEmulator)
                case SoundDef x -> { } // SoundCommandLine (GuestDeviceRules)
                case AudioDef x -> { } // AudioCommandLine (GuestDeviceRules)
                case HostdevDef x -> { } // HostdevCommandLine (HostdevRules)
                case WatchdogDef x -> { } // WatchdogCommandLine (WatchdogRules)
                case RngDef x -> { } // MiscDeviceRules
                case PanicDef x -> check(x.model().equals("isa") || x.model().equals("pvpanic"),
                        "panic model '" + x.model() + "'");
                case MemoryDeviceDef x -> { } // MemoryDeviceCommandLine (MemoryDeviceRules)
                case IommuDef x -> { } // MiscDeviceRules
                case VsockDef x -> { } // MiscDeviceRules
                case RedirdevDef x -> { } // MiscDeviceRules
                case SmartcardDef x -> { } // MiscDeviceRules
                case HubDef x -> { } // MiscDeviceRules
                case ShmemDef x -> { } // ShmemCommandLine (SharedResourceRules)
                case ParallelDef x -> { } // ChrCommandLine (ChrRules)
            }
        }
    }

    /** The controllers the machine type has built in, at the place it has them. */
    private static boolean builtIn(ControllerDef c, String machine) {
        boolean q35 = machine != null && machine.contains("q35");
        if (PciControllerCommandLine.builds(c) || io.jvirt.qemu.command.ScsiControllerCommandLine.builds(c)) {
            return true;
        }
        Integer index = c.index();
        if (c.type().equals("usb") && !"none".equals(c.model()) && c.driverQueues() == null
                && io.jvirt.qemu.command.UsbAddresses.builtModel(c, machine)) {
            return true; // UsbControllerCommandLine
        }
        if (c.type().equals("virtio-serial") && index != null && index == 0 && c.driverQueues() == null) {
            return true; // ChrCommandLine builds it for channels and virtio consoles
        }
        if (index == null || index != 0 || c.ports() != null || c.driverQueues() != null) {
            return false;
        }
        return switch (c.type()) {
            case "pci" -> (q35 ? "pcie-root" : "pci-root").equals(c.model());
            case "ide" -> !q35;
            case "sata" -> q35;
            case "fdc" -> true;
            case "usb" -> "none".equals(c.model());
            case "ccid" -> true; // UsbDeviceCommandLine
            default -> false;
        };
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    what + " is not supported by this driver yet");
        }
    }
}
