package io.jvirt.qemu.caps;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one QEMU binary can do, as probed over QMP. Immutable snapshot; the cache replaces it
 * whole when the binary (or the host's KVM) changes.
 *
 * @param binary         the emulator path
 * @param version        major * 1000000 + minor * 1000 + micro
 * @param packageVersion the distribution's package string ("Debian 1:7.2+dfsg-7"), may be empty
 * @param arch           the guest architecture in libvirt's naming ("x86_64", "i686")
 * @param machines       machine types with aliases and the default, in QEMU's order
 * @param cpuModels      CPU models with their usability under TCG
 * @param deviceTypes    the names of every concrete QOM device type ({@code qom-list-types})
 * @param kvmPresent     what {@code query-kvm} says about KVM support being built in
 * @param kvm            whether KVM actually runs a vCPU on this host ({@link KvmCheck})
 * @param hostCpu        what {@code mode='host-model'} expands to, or null when unknown
 */
public record QemuCaps(String binary, long version, String packageVersion, String arch, List<Machine> machines,
                       List<CpuModel> cpuModels, Set<String> deviceTypes, boolean kvmPresent, KvmVerdict kvm,
                       HostCpuModel hostCpu) {
    public QemuCaps {
        Objects.requireNonNull(binary, "binary");
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kvm, "kvm");
        packageVersion = packageVersion == null ? "" : packageVersion;
        machines = List.copyOf(machines);
        cpuModels = List.copyOf(cpuModels);
        deviceTypes = java.util.Collections.unmodifiableSet(new TreeSet<>(deviceTypes));
    }

    public QemuCaps(String binary, long version, String packageVersion, String arch, List<Machine> machines,
                    List<CpuModel> cpuModels, Set<String> deviceTypes, boolean kvmPresent, KvmVerdict kvm) {
        this(binary, version, packageVersion, arch, machines, cpuModels, deviceTypes, kvmPresent, kvm, null);
    }

    /** A machine type; {@code alias} is e.g. "pc" for "pc-i440fx-7.2", or null. */
    public record Machine(String name, String alias, boolean isDefault, int maxCpus, boolean deprecated) {
        public Machine {
            Objects.requireNonNull(name, "name");
        }
    }

    /** A CPU model; {@code usable} under TCG (no unavailable features). */
    public record CpuModel(String name, boolean usable, boolean deprecated) {
        public CpuModel {
            Objects.requireNonNull(name, "name");
        }
    }

    /** Whether KVM actually runs a vCPU on this host (not merely /dev/kvm existing). */
    public boolean kvmUsable() {
        return kvm.usable();
    }

    /** Resolves an alias ("pc") or the default (null) to the canonical name; the name itself if unknown. */
    public String canonicalMachine(String requested) {
        if (requested == null) {
            return defaultMachine().map(Machine::name).orElse("pc");
        }
        for (Machine m : machines) {
            if (requested.equals(m.alias())) {
                return m.name();
            }
        }
        return requested;
    }

    /** The machine QEMU uses without {@code -machine}. */
    public Optional<Machine> defaultMachine() {
        for (Machine m : machines) {
            if (m.isDefault()) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public Optional<Machine> machine(String name) {
        for (Machine m : machines) {
            if (m.name().equals(name) || name.equals(m.alias())) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    public boolean hasDevice(String type) {
        return deviceTypes.contains(type);
    }

    /** "7.2.0" style. */
    public String versionString() {
        return (version / 1000000) + "." + (version / 1000 % 1000) + "." + (version % 1000);
    }
}
