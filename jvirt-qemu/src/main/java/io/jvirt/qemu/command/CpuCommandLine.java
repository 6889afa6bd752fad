package io.jvirt.qemu.command;

import io.jvirt.conf.ClockDef;
import io.jvirt.conf.CpuDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FeatureDef;
import io.jvirt.conf.VirtType;

/**
 * The {@code -cpu} value: the model (host/max for host-passthrough and host-model, max for
 * maximum, else the named model) and, as {@code name=on|off} properties in libvirt's order, the
 * CPU feature policies, vendor_id, migratable, cache and physical address bits, the Hyper-V
 * enlightenments, the KVM switches, pmu and the kvmclock/hypervclock/tsc timers.
 */
final class CpuCommandLine {
    private CpuCommandLine() {
    }

    /** The -cpu value, or null when the machine's default CPU is used. */
    static String value(DomainDef def) {
        CpuDef cpu = def.cpu();
        boolean kvm = def.type() == VirtType.KVM;
        String model;
        if (cpu.mode() != null && (cpu.mode().equals("host-passthrough") || cpu.mode().equals("host-model"))) {
            model = kvm ? "host" : "max";
        } else if (cpu.mode() != null && cpu.mode().equals("maximum")) {
            model = "max";
        } else if (cpu.model() != null) {
            model = cpu.model();
        } else {
            model = null;
        }
        JsonProps.Builder b = JsonProps.builder();
        if (model != null) {
            b.put("model", model);
        }
        if (cpu.migratable() != null && model != null && (model.equals("host") || model.equals("max"))) {
            b.put("migratable", cpu.migratable());
        }
        for (CpuDef.Feature f : cpu.features()) {
            boolean on = switch (f.policy()) {
                case "force", "require", "optional" -> true;
                default -> false;
            };
            b.put(f.name(), on);
        }
        if (cpu.vendorId() != null) {
            b.put("vendor", cpu.vendorId());
        }
        if (cpu.cache() != null) {
            switch (cpu.cache().mode()) {
                case "passthrough" -> b.put("host-cache-info", true).put("l3-cache", false);
                case "emulate" -> b.put("host-cache-info", false).put("l3-cache", true);
                case "disable" -> b.put("host-cache-info", false).put("l3-cache", false);
                default -> throw new IllegalStateException("cpu cache mode " + cpu.cache().mode());
            }
        }
        if (cpu.maxphysaddr() != null) {
            var m = cpu.maxphysaddr();
            if (m.mode().equals("passthrough")) {
                b.put("host-phys-bits", true).put("host-phys-bits-limit", m.bits());
            } else {
                b.put("phys-bits", m.bits());
            }
        }
        for (ClockDef.Timer t : def.clock().timers()) {
            switch (t.name()) {
                case "kvmclock" -> b.put("kvmclock", t.present() == null || t.present());
                case "hypervclock" -> b.put("hv-time", t.present() == null || t.present());
                case "tsc" -> b.put("tsc-frequency", t.frequency());
                default -> { }
            }
        }
        for (FeatureDef f : def.features()) {
            switch (f.name()) {
                case "hyperv" -> hyperv(b, f);
                case "kvm" -> f.children().forEach(k -> {
                    switch (k.name()) {
                        case "hidden" -> b.put("kvm", !k.enabled());
                        case "hint-dedicated" -> b.put("kvm-hint-dedicated", k.enabled());
                        case "poll-control" -> b.put("kvm-poll-control", k.enabled());
                        case "pv-ipi" -> b.put("kvm-pv-ipi", k.enabled());
                        default -> throw new IllegalStateException("kvm feature " + k.name());
                    }
                });
                case "pvspinlock" -> b.put("kvm_pv_unhalt", f.enabled());
                case "pmu" -> b.put("pmu", f.enabled());
                case "apic" -> {
                    if (f.attributes().get("eoi") != null) {
                        b.put("kvm_pv_eoi", f.attributes().get("eoi").equals("on"));
                    }
                }
                default -> { }
            }
        }
        JsonProps p = b.build();
        if (p.asMap().isEmpty()) {
            return null;
        }
        if (model == null) {
            // properties for the machine's default model, as libvirt writes them (x86: qemu64)
            p = JsonProps.builder().put("model", "qemu64").build();
            JsonProps.Builder all = JsonProps.builder().put("model", "qemu64");
            b.build().asMap().forEach(all::put);
            p = all.build();
        }
        return p.toKeyValue("model");
    }

    private static void hyperv(JsonProps.Builder b, FeatureDef hv) {
        if ("passthrough".equals(hv.attributes().get("mode"))) {
            b.put("hv-passthrough", true);
        }
        for (FeatureDef h : hv.children()) {
            if (!h.enabled()) {
                continue; // libvirt writes only the enlightenments turned on
            }
            switch (h.name()) {
                case "spinlocks" -> b.put("hv-spinlocks", String.format("0x%x",
                        Integer.parseInt(h.attributes().getOrDefault("retries", "4095"))));
                case "vendor_id" -> b.put("hv-vendor-id", h.attributes().get("value"));
                case "stimer" -> {
                    b.put("hv-stimer", true);
                    h.children().stream().filter(c -> c.name().equals("direct") && c.enabled()).findFirst()
                            .ifPresent(c -> b.put("hv-stimer-direct", true));
                }
                default -> b.put("hv-" + h.name(), true);
            }
        }
    }

    /** Whether a CPU is given at all (a model, or properties for the default one). */
    static boolean present(DomainDef def) {
        return value(def) != null;
    }
}
