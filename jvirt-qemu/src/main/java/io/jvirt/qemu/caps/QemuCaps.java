package io.jvirt.qemu.caps;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one QEMU binary can do, as probed. Immutable snapshot; the driver replaces it whole when
 * the binary changes.
 *
 * @param binary         the emulator path
 * @param version        major * 1000000 + minor * 1000 + micro
 * @param arch           the guest architecture ("x86_64")
 * @param machines       machine types with aliases and the default
 * @param kvmUsable      whether KVM actually runs a vCPU on this host (not merely /dev/kvm existing)
 */
public record QemuCaps(String binary, long version, String arch, List<Machine> machines, boolean kvmUsable) {
    public QemuCaps {
        Objects.requireNonNull(binary, "binary");
        machines = List.copyOf(machines);
    }

    /** A machine type. */
    public record Machine(String name, String alias, boolean isDefault, int maxCpus) {
    }

    /** Resolves an alias ("pc") or the default (null) to the canonical name; the name itself if unknown. */
    public String canonicalMachine(String requested) {
        if (requested == null) {
            return machines.stream().filter(Machine::isDefault).map(Machine::name).findFirst().orElse("pc");
        }
        return machines.stream().filter(m -> requested.equals(m.alias())).map(Machine::name).findFirst()
                .orElse(requested);
    }

    public Optional<Machine> machine(String name) {
        return machines.stream().filter(m -> m.name().equals(name) || name.equals(m.alias())).findFirst();
    }

    /** "7.2.0" style. */
    public String versionString() {
        return (version / 1000000) + "." + (version / 1000 % 1000) + "." + (version % 1000);
    }
}
