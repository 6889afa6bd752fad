package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.MemballoonDef;
import io.jvirt.qemu.caps.QemuCaps;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds QEMU's argv from a definition: a pure function of {@code (DomainDef, QemuCaps,
 * LaunchContext)} with no I/O and no user-facing validation (the validator ran before). A broken
 * precondition is a bug and throws {@link IllegalStateException}. The emulator path is the first
 * element; {@code <qemu:override>} changes the built {@code -device} properties, and
 * {@code <qemu:commandline>} arguments come last.
 */
public final class CommandLineBuilder {
    private CommandLineBuilder() {
    }

    public static List<String> build(DomainDef def, QemuCaps caps, LaunchContext ctx) {
        return build(def, caps, ctx, DiskSecrets.NONE);
    }

    /** The same, with the disks' secrets looked up and encrypted by the driver. */
    public static List<String> build(DomainDef def, QemuCaps caps, LaunchContext ctx, DiskSecrets secrets) {
        Argv a = new Argv();
        a.add(def.devices().emulator());
        MachineCommandLine.build(a, def, caps, ctx);
        MiscDeviceCommandLine.iommu(a, def, false);
        PciControllerCommandLine.build(a, def);
        MiscDeviceCommandLine.iommu(a, def, true);
        UsbControllerCommandLine.build(a, def);
        ScsiControllerCommandLine.build(a, def);
        UsbDeviceCommandLine.hubs(a, def);
        DiskCommandLine.build(a, def, ctx, secrets);
        FilesystemCommandLine.build(a, def, ctx);
        NetCommandLine.build(a, def);
        UsbDeviceCommandLine.smartcards(a, def);
        ChrCommandLine.build(a, def, ctx);
        TpmCommandLine.build(a, def, ctx);
        InputCommandLine.build(a, def);
        AudioCommandLine.build(a, def);
        GraphicsCommandLine.build(a, def, ctx);
        VideoCommandLine.build(a, def);
        SoundCommandLine.build(a, def);
        WatchdogCommandLine.build(a, def);
        UsbDeviceCommandLine.redirdevs(a, def);
        HostdevCommandLine.build(a, def, ctx);
        MemballoonDef balloon = def.devices().memballoon();
        if (balloon != null && !balloon.model().equals("none")) {
            JsonProps.Builder b = JsonProps.builder().put("driver", "virtio-balloon-pci").put("id", balloon.alias());
            DeviceAddresses.pci(b, balloon.address(), def.os().machine());
            b.put("deflate-on-oom", balloon.autodeflate()).put("free-page-reporting", balloon.freePageReporting());
            if (balloon.statsPeriod() != null) {
                b.put("guest-stats-polling-interval", balloon.statsPeriod());
            }
            a.json("-device", b.build());
        }
        MiscDeviceCommandLine.rngs(a, def);
        MiscDeviceCommandLine.vsocks(a, def);
        PanicCommandLine.build(a, def);
        ShmemCommandLine.build(a, def);
        if (ctx.incoming()) {
            a.add("-incoming", "defer");
        }
        if (ctx.sandbox()) {
            // spawn stays allowed (libvirt denies it): save and restore stream through "exec:"
            // migration, since the JDK cannot pass a file descriptor to QEMU over its socket
            a.add("-sandbox", "on,obsolete=deny,elevateprivileges=deny,resourcecontrol=deny");
        }
        if (ctx.msgTimestamp()) {
            a.add("-msg", "timestamp=on");
        }
        List<String> out = new ArrayList<>(DeviceOverrides.apply(a.toList(), def.qemu().overrides()));
        out.addAll(def.qemu().args());
        return out;
    }
}
