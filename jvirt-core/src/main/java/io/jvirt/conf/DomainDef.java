package io.jvirt.conf;

import io.jvirt.conf.device.Devices;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A parsed domain definition: immutable configuration, exactly what the XML said plus the
 * defaults post-parse assigned once at define time. Build derived definitions with the
 * {@code with*} methods.
 *
 * @param type      which accelerator ({@code <domain type=...>})
 * @param name      the domain name
 * @param uuid      the UUID, or null until post-parse
 * @param general   title, description, metadata
 * @param memory    memory sizes
 * @param vcpu      vCPU count
 * @param cpu       guest CPU model and topology
 * @param os        boot configuration
 * @param features  simple features in document order
 * @param clock     clock offset
 * @param lifecycle on_poweroff / on_reboot / on_crash
 * @param devices   devices
 * @param qemu      qemu namespace extras
 * @param tuning    vcpus, iothreads, cputune, memtune, blkiotune, numatune, resource
 * @param seclabels security labels in document order
 * @param sysinfo   SMBIOS / fw_cfg data given to the guest, in document order
 */
public record DomainDef(VirtType type, String name, UUID uuid, GeneralDef general, MemoryDef memory, VcpuDef vcpu,
                        CpuDef cpu, OsDef os, List<FeatureDef> features, ClockDef clock, LifecycleDef lifecycle,
                        Devices devices, QemuNamespaceDef qemu, TuningDef tuning,
                        List<SeclabelDef> seclabels, List<SysinfoDef> sysinfo) {
    public DomainDef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(general, "general");
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(vcpu, "vcpu");
        Objects.requireNonNull(cpu, "cpu");
        Objects.requireNonNull(os, "os");
        features = List.copyOf(features);
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(lifecycle, "lifecycle");
        Objects.requireNonNull(devices, "devices");
        Objects.requireNonNull(qemu, "qemu");
        Objects.requireNonNull(tuning, "tuning");
        seclabels = List.copyOf(seclabels);
        sysinfo = List.copyOf(sysinfo);
    }

    public DomainDef withUuid(UUID u) {
        return new DomainDef(type, name, u, general, memory, vcpu, cpu, os, features, clock, lifecycle, devices, qemu, tuning, seclabels, sysinfo);
    }

    public DomainDef withMemory(MemoryDef m) {
        return new DomainDef(type, name, uuid, general, m, vcpu, cpu, os, features, clock, lifecycle, devices, qemu, tuning, seclabels, sysinfo);
    }

    public DomainDef withOs(OsDef o) {
        return new DomainDef(type, name, uuid, general, memory, vcpu, cpu, o, features, clock, lifecycle, devices, qemu, tuning, seclabels, sysinfo);
    }

    public DomainDef withDevices(Devices d) {
        return new DomainDef(type, name, uuid, general, memory, vcpu, cpu, os, features, clock, lifecycle, d, qemu, tuning, seclabels, sysinfo);
    }

    public DomainDef withVcpu(VcpuDef v) {
        return new DomainDef(type, name, uuid, general, memory, v, cpu, os, features, clock, lifecycle, devices, qemu, tuning, seclabels, sysinfo);
    }

    public DomainDef withCpu(CpuDef c) {
        return new DomainDef(type, name, uuid, general, memory, vcpu, c, os, features, clock, lifecycle, devices, qemu,
                tuning, seclabels, sysinfo);
    }

    public DomainDef withGeneral(GeneralDef g) {
        return new DomainDef(type, name, uuid, g, memory, vcpu, cpu, os, features, clock, lifecycle, devices, qemu,
                tuning, seclabels, sysinfo);
    }

    public DomainDef withClockLifecycle(ClockDef c, LifecycleDef l) {
        return new DomainDef(type, name, uuid, general, memory, vcpu, cpu, os, features, c, l, devices, qemu,
                tuning, seclabels, sysinfo);
    }

    public DomainDef withTuning(TuningDef t) {
        return new DomainDef(type, name, uuid, general, memory, vcpu, cpu, os, features, clock, lifecycle, devices, qemu,
                t, seclabels, sysinfo);
    }

    /** Whether a simple feature ({@code acpi}, {@code apic} ...) is present and on. */
    public boolean hasFeature(String feature) {
        return features.stream().anyMatch(f -> f.name().equals(feature) && f.enabled());
    }
}
