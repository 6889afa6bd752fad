package io.jvirt.qemu.driver;

import io.jvirt.conf.ClockDef;
import io.jvirt.conf.CpuDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FeatureDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.conf.LifecycleDef;
import io.jvirt.conf.SeclabelDef;
import io.jvirt.conf.VirtType;
import io.jvirt.qemu.caps.QemuCaps;

import java.util.Set;

/**
 * What the QEMU driver runs of the machine-wide configuration: features, the CPU, the clock and
 * its timers, security labels, SMBIOS mode and {@code <qemu:capabilities>}. KVM-only parts are
 * refused for {@code type='qemu'} (TCG) with the reason, never dropped.
 */
final class MachineRules {
    /** Hyper-V enlightenments QEMU 7.2 cannot give a TCG guest (they need KVM's VP index). */
    private static final Set<String> HYPERV_KVM_ONLY = Set.of("vpindex", "synic", "stimer", "tlbflush", "ipi", "evmcs");
    /**
     * The {@code <qemu:capabilities>} names jvirt knows: the builder always uses these (JSON
     * -device/-object, -blockdev, -audiodev), so adding one changes nothing and deleting one is
     * refused.
     */
    static final Set<String> ALWAYS_ON_CAPS = Set.of("device.json", "object.qapified", "blockdev", "audiodev",
            "netdev.json", "chardev.json", "query-display-options", "machine.pseries.cap-cfpc");

    private MachineRules() {
    }

    /**
     * The lifecycle actions QEMU guests can have, as libvirt's QEMU driver allows them:
     * 'preserve' only for on_crash (the guest stays paused; a powered-off or rebooting QEMU
     * guest has nothing to preserve), 'rename-restart' nowhere.
     */
    private static void lifecycle(LifecycleDef l) {
        if (l.effectivePoweroff() == LifecycleAction.PRESERVE || l.effectiveReboot() == LifecycleAction.PRESERVE) {
            throw unsupported("qemu driver doesn't support the 'preserve' action for 'on_reboot'/'on_poweroff'");
        }
        if (l.effectivePoweroff() == LifecycleAction.RENAME_RESTART || l.effectiveReboot() == LifecycleAction.RENAME_RESTART
                || l.effectiveCrash() == LifecycleAction.RENAME_RESTART) {
            throw unsupported("qemu driver doesn't support the 'rename-restart' action for "
                    + "'on_reboot'/'on_poweroff'/'on_crash'");
        }
    }

    static void validate(DomainDef def, QemuCaps caps) {
        lifecycle(def.lifecycle());
        boolean tcg = def.type() != VirtType.KVM;
        for (FeatureDef f : def.features()) {
            String what = "feature <" + f.name() + ">";
            switch (f.name()) {
                case "acpi", "apic", "pae", "vmport", "smm", "pmu", "vmcoreinfo" -> {
                    if (f.name().equals("apic") && f.attributes().get("eoi") != null && tcg) {
                        throw kvmOnly("feature <apic eoi>");
                    }
                    if (f.name().equals("smm") && !f.children().isEmpty()) {
                        throw unsupported("feature <smm><tseg> is not supported by this driver");
                    }
                }
                case "ioapic" -> {
                    if (tcg && "kvm".equals(f.attributes().get("driver"))) {
                        throw kvmOnly("feature <ioapic driver='kvm'>");
                    }
                    if (!def.os().machine().contains("q35") && "qemu".equals(f.attributes().get("driver"))) {
                        throw unsupported("feature <ioapic driver='qemu'> (split irqchip) needs a q35 machine");
                    }
                }
                case "hyperv" -> {
                    if (tcg && "passthrough".equals(f.attributes().get("mode"))) {
                        throw kvmOnly("feature <hyperv mode='passthrough'>");
                    }
                    for (FeatureDef h : f.children()) {
                        if (tcg && h.enabled() && HYPERV_KVM_ONLY.contains(h.name())) {
                            throw kvmOnly("hyperv enlightenment <" + h.name() + ">");
                        }
                    }
                }
                case "kvm", "pvspinlock" -> {
                    if (tcg) {
                        throw kvmOnly(what);
                    }
                    if (f.children().stream().anyMatch(k -> k.name().equals("dirty-ring"))) {
                        throw unsupported("feature <kvm><dirty-ring> is not supported by this driver");
                    }
                }
                default -> throw unsupported(what + " is not supported by the QEMU driver on x86");
            }
        }
        CpuDef cpu = def.cpu();
        if (cpu.model() != null && (cpu.mode() == null || cpu.mode().equals("custom")) && !caps.cpuModels().isEmpty()
                && caps.cpuModels().stream().noneMatch(m -> m.name().equals(cpu.model()))) {
            throw unsupported("CPU model '" + cpu.model() + "' is not supported by this QEMU binary");
        }
        for (CpuDef.Feature f : cpu.features()) {
            if (!f.name().matches("[a-z0-9_.-]+")) {
                throw unsupported("CPU feature '" + f.name() + "' is not a QEMU CPU property name");
            }
        }
        if (cpu.cache() != null) {
            if (cpu.cache().mode().equals("passthrough") && (tcg || !"host-passthrough".equals(cpu.mode()))) {
                throw unsupported("CPU cache mode 'passthrough' needs a host-passthrough CPU under KVM");
            }
            if (cpu.cache().mode().equals("emulate") && cpu.cache().level() != null && cpu.cache().level() != 3) {
                throw unsupported("CPU cache emulation is only supported for level 3");
            }
        }
        if (cpu.maxphysaddr() != null && cpu.maxphysaddr().mode().equals("passthrough") && tcg) {
            throw kvmOnly("<maxphysaddr mode='passthrough'>");
        }
        if (cpu.maxphysaddr() != null && cpu.maxphysaddr().mode().equals("emulate")
                && cpu.maxphysaddr().bits() == null) {
            throw unsupported("<maxphysaddr mode='emulate'> needs bits");
        }
        if (cpu.migratable() != null && !("host-passthrough".equals(cpu.mode()) || "maximum".equals(cpu.mode()))) {
            throw unsupported("the migratable attribute is only supported for host-passthrough and maximum CPUs");
        }
        if (cpu.topology() != null && cpu.topology().clusters() != null && cpu.topology().clusters() != 1) {
            throw unsupported("CPU topology clusters are not supported by QEMU " + caps.versionString() + " on x86");
        }
        ClockDef clock = def.clock();
        if ("variable".equals(clock.offset())) {
            throw unsupported("clock offset 'variable' is not supported by this driver yet");
        }
        for (ClockDef.Timer t : clock.timers()) {
            String what = "timer '" + t.name() + "'";
            switch (t.name()) {
                case "rtc" -> {
                    if (t.tickpolicy() != null && !Set.of("delay", "catchup").contains(t.tickpolicy())) {
                        throw unsupported(what + ": tickpolicy '" + t.tickpolicy() + "' is not supported");
                    }
                    if (Boolean.FALSE.equals(t.present())) {
                        throw unsupported(what + " cannot be removed from an x86 machine");
                    }
                }
                case "pit" -> {
                    if (t.tickpolicy() != null && tcg) {
                        throw kvmOnly(what + " tickpolicy (the in-kernel PIT)");
                    }
                    if (Boolean.FALSE.equals(t.present())) {
                        throw unsupported(what + " cannot be removed from an x86 machine");
                    }
                }
                case "hpet" -> {
                    if (t.tickpolicy() != null) {
                        throw unsupported(what + ": tickpolicy is not supported");
                    }
                }
                case "kvmclock" -> {
                    if (tcg) {
                        throw kvmOnly(what);
                    }
                }
                case "hypervclock" -> { }
                case "tsc" -> {
                    if (t.mode() != null) {
                        throw unsupported(what + ": mode is not supported by the QEMU driver");
                    }
                }
                default -> throw unsupported(what + " is not supported on x86");
            }
        }
        for (SeclabelDef s : def.seclabels()) {
            if (s.type().equals("none")) {
                continue;
            }
            String model = s.model() == null ? "the default" : "'" + s.model() + "'";
            throw unsupported("security label model " + model + " is not supported: this driver runs no security "
                    + "driver (selinux, apparmor) and runs QEMU as the driver's own user (dac labels are not "
                    + "applied); use <seclabel type='none'/>");
        }
        if ("host".equals(def.os().smbiosMode())) {
            throw unsupported("<smbios mode='host'> is not supported by this driver (use mode='sysinfo')");
        }
        if ("sysinfo".equals(def.os().smbiosMode()) && def.sysinfo().stream().noneMatch(s -> s.type().equals("smbios"))) {
            throw unsupported("<smbios mode='sysinfo'> needs a <sysinfo type='smbios'>");
        }
        var q = def.qemu();
        for (String c : q.capsAdd()) {
            if (!ALWAYS_ON_CAPS.contains(c)) {
                throw unsupported("qemu capability '" + c + "' is not known to this driver");
            }
        }
        for (String c : q.capsDel()) {
            throw unsupported("qemu capability '" + c + "' cannot be removed: "
                    + (ALWAYS_ON_CAPS.contains(c) ? "this driver always uses it" : "it is not known to this driver"));
        }
    }

    private static io.jvirt.error.ConfigUnsupportedException kvmOnly(String what) {
        return unsupported(what + " needs KVM; this domain is type='qemu' (TCG)");
    }

    private static io.jvirt.error.ConfigUnsupportedException unsupported(String msg) {
        return GuestDeviceRules.unsupported(msg);
    }
}
