package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.conf.VirtType;
import io.jvirt.qemu.caps.QemuCaps;

/** The machine-wide options: name, machine, accelerator, CPU, memory, SMP, UUID, clock, boot. */
final class MachineCommandLine {
    private MachineCommandLine() {
    }

    static void build(Argv a, DomainDef def, QemuCaps caps, LaunchContext ctx) {
        a.keyValue("-name", JsonProps.builder().put("guest", def.name()).put("debug-threads", true).build(), null);
        a.add("-S");
        a.keyValue("-machine", JsonProps.builder()
                .put("type", def.os().machine())
                .put("usb", false)
                .put("dump-guest-core", false)
                .put("acpi", def.hasFeature("acpi"))
                .put("pcspk-audiodev", SoundCommandLine.pcspkAudiodev(def))
                .build(), "type");
        a.add("-accel", def.type() == VirtType.KVM ? "kvm" : "tcg");
        var cpu = def.cpu();
        if (cpu.mode() != null && (cpu.mode().equals("host-passthrough") || cpu.mode().equals("host-model"))) {
            a.add("-cpu", def.type() == VirtType.KVM ? "host" : "max");
        } else if (cpu.mode() != null && cpu.mode().equals("maximum")) {
            a.add("-cpu", "max");
        } else if (cpu.model() != null) {
            a.add("-cpu", JsonProps.escape(cpu.model()));
        }
        a.add("-m", JsonProps.builder().put("size", def.memory().memory().kib() + "k").build().toKeyValue(null));
        a.add("-overcommit", "mem-lock=off");
        var vcpu = def.vcpu();
        int sockets = cpu.sockets() != null ? cpu.sockets() : vcpu.max();
        int cores = cpu.cores() != null ? cpu.cores() : 1;
        int threads = cpu.threads() != null ? cpu.threads() : 1;
        a.add("-smp", vcpu.effectiveCurrent() + (vcpu.current() != null ? ",maxcpus=" + vcpu.max() : "")
                + ",sockets=" + sockets + ",cores=" + cores + ",threads=" + threads);
        a.add("-uuid", def.uuid().toString());
        a.add("-no-user-config", "-nodefaults");
        a.keyValue("-chardev", JsonProps.builder().put("backend", "socket").put("id", "charmonitor")
                .put("path", ctx.monitorSocket().toString()).put("server", true).put("wait", false).build(), "backend");
        a.add("-mon", "chardev=charmonitor,id=monitor,mode=control");
        var clock = def.clock();
        String base = clock.offset() == null || clock.offset().equals("utc") ? "utc" : "localtime";
        a.add("-rtc", "base=" + base);
        if (def.lifecycle().effectiveReboot() == LifecycleAction.DESTROY) {
            a.add("-no-reboot");
        }
        a.add("-boot", bootOption(def));
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
        }
        sb.append("strict=on");
        return sb.toString();
    }
}
