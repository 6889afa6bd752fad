package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.conf.VirtType;
import io.jvirt.qemu.caps.QemuCaps;

/** The machine-wide options: name, machine, accelerator, CPU, memory, SMP, UUID, clock, boot. */
public final class MachineCommandLine {
    private MachineCommandLine() {
    }

    static void build(Argv a, DomainDef def, QemuCaps caps, LaunchContext ctx) {
        a.keyValue("-name", JsonProps.builder().put("guest", def.name()).put("debug-threads", true).build(), null);
        a.add("-S");
        FirmwareCommandLine.blockdevs(a, def);
        JsonProps.Builder m = JsonProps.builder()
                .put("type", def.os().machine())
                .put("usb", false);
        for (io.jvirt.conf.FeatureDef f : def.features()) {
            switch (f.name()) {
                case "vmport" -> m.put("vmport", f.enabled());
                case "smm" -> m.put("smm", f.enabled());
                case "ioapic" -> m.put("kernel_irqchip", "qemu".equals(f.attributes().get("driver")) ? "split" : "on");
                default -> { }
            }
        }
        MemoryCommandLine.machineProps(m, def);
        if (MemoryDeviceCommandLine.hasNvdimm(def)) {
            m.put("nvdimm", true);
        }
        if (FirmwareCommandLine.pflash(def)) {
            m.put("pflash0", FirmwareCommandLine.PFLASH0);
            if (FirmwareCommandLine.nvram(def)) {
                m.put("pflash1", FirmwareCommandLine.PFLASH1);
            }
        }
        m.put("acpi", def.hasFeature("acpi"));
        m.put("pcspk-audiodev", SoundCommandLine.pcspkAudiodev(def));
        if (def.clock().timers().stream().anyMatch(t -> t.name().equals("hpet") && Boolean.FALSE.equals(t.present()))) {
            m.put("hpet", false);
        }
        a.keyValue("-machine", m.build(), "type");
        a.add("-accel", def.type() == VirtType.KVM ? "kvm" : "tcg");
        String cpuValue = CpuCommandLine.value(def);
        if (cpuValue != null) {
            a.add("-cpu", cpuValue);
        }
        FirmwareCommandLine.secure(a, def);
        var cpu = def.cpu();
        MemoryCommandLine.build(a, def, ctx);
        var vcpu = def.vcpu();
        int sockets = cpu.sockets() != null ? cpu.sockets() : vcpu.max();
        int cores = cpu.cores() != null ? cpu.cores() : 1;
        int threads = cpu.threads() != null ? cpu.threads() : 1;
        Integer dies = cpu.topology() == null ? null : cpu.topology().dies();
        int boot = bootVcpus(def);
        a.add("-smp", boot + (vcpu.current() != null || boot < vcpu.max() ? ",maxcpus=" + vcpu.max() : "")
                + ",sockets=" + sockets + (dies != null ? ",dies=" + dies : "") + ",cores=" + cores
                + ",threads=" + threads);
        IothreadCommandLine.build(a, def);
        MemoryCommandLine.numa(a, def, ctx);
        MemoryDeviceCommandLine.build(a, def, ctx);
        a.add("-uuid", def.uuid().toString());
        FirmwareCommandLine.sysinfo(a, def, java.util.List.of());
        if (def.general().genid() != null) {
            a.json("-device", JsonProps.builder().put("driver", "vmgenid").put("guid", def.general().genid())
                    .put("id", "vmgenid0").build());
        }
        a.add("-no-user-config", "-nodefaults");
        a.keyValue("-chardev", JsonProps.builder().put("backend", "socket").put("id", "charmonitor")
                .put("path", ctx.monitorSocket().toString()).put("server", true).put("wait", false).build(), "backend");
        a.add("-mon", "chardev=charmonitor,id=monitor,mode=control");
        ClockCommandLine.build(a, def);
        if (def.lifecycle().effectiveReboot() == LifecycleAction.DESTROY) {
            a.add("-no-reboot");
        }
        if (def.lifecycle().effectivePoweroff() == LifecycleAction.RESTART) {
            // QEMU stays when the guest powers off; the driver resets and resumes it
            a.add("-action", "shutdown=pause");
        }
        PmCommandLine.build(a, def);
        a.add("-boot", bootOption(def));
        FirmwareCommandLine.rom(a, def);
        FirmwareCommandLine.acpiTables(a, def.os());
        if (Boolean.TRUE.equals(def.os().bios().useserial())) {
            a.json("-device", JsonProps.builder().put("driver", "sga").build());
        }
        if (def.features().stream().anyMatch(f -> f.name().equals("vmcoreinfo") && f.enabled())) {
            a.json("-device", JsonProps.builder().put("driver", "vmcoreinfo").build());
        }
        var os = def.os();
        if (os.kernel() != null) {
            a.add("-kernel", os.kernel());
        }
        if (os.initrd() != null) {
            a.add("-initrd", os.initrd());
        }
        if (os.cmdline() != null) {
            a.add("-append", os.cmdline());
        }
        if (os.dtb() != null) {
            a.add("-dtb", os.dtb());
        }
    }

    private static String bootOption(DomainDef def) {
        StringBuilder order = new StringBuilder();
        for (String b : def.os().boot()) {
            order.append(switch (b) {
                case "hd" -> 'c';
                case "cdrom" -> 'd';
                case "network" -> 'n';
                case "fd" -> 'a';
                default -> throw new IllegalStateException("unknown boot device " + b);
            });
        }
        StringBuilder sb = new StringBuilder();
        if (!order.isEmpty()) {
            sb.append("order=").append(order).append(',');
        }
        if (def.os().bootmenu() != null) {
            sb.append("menu=").append(def.os().bootmenu() ? "on" : "off").append(',');
            if (def.os().bootmenu() && def.os().bootmenuTimeout() != null) {
                sb.append("splash-time=").append(def.os().bootmenuTimeout()).append(',');
            }
        }
        if (def.os().bios().rebootTimeout() != null) {
            sb.append("reboot-timeout=").append(def.os().bios().rebootTimeout()).append(',');
        }
        sb.append("strict=on");
        return sb.toString();
    }

    /**
     * The vCPUs QEMU creates at boot: the non-hotpluggable ones of {@code <vcpus>} (a vCPU without
     * the attribute is hotpluggable when disabled), else the current count.
     */
    public static int bootVcpus(io.jvirt.conf.DomainDef def) {
        var vcpus = def.tuning().vcpus();
        if (vcpus.isEmpty()) {
            return def.vcpu().effectiveCurrent();
        }
        return (int) vcpus.stream().filter(v -> !(v.hotpluggable() != null ? v.hotpluggable() : !v.enabled())).count();
    }
}
