package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ControllerDef;

import java.util.Comparator;

/**
 * The PCI topology post-parse grows: {@code pcie-root-port} and {@code pcie-to-pci-bridge} on q35,
 * {@code pci-bridge} on i440fx, in index order so every bus exists before anything plugs into it.
 * The root bus ({@code pci.0} / {@code pcie.0}) is the machine's own.
 */
public final class PciControllerCommandLine {
    private PciControllerCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        String machine = def.os().machine();
        def.devices().controllers().stream()
                .filter(c -> c.type().equals("pci") && c.index() != null && c.index() > 0)
                .sorted(Comparator.comparingInt(ControllerDef::index))
                .forEach(c -> a.json("-device", props(c, machine)));
    }

    /** Whether the builder knows the controller's model. */
    public static boolean builds(ControllerDef c) {
        return c.type().equals("pci") && c.index() != null && c.index() > 0 && c.model() != null
                && switch (c.model()) {
                    case "pcie-root-port", "pcie-to-pci-bridge", "pci-bridge" -> true;
                    default -> false;
                };
    }

    private static JsonProps props(ControllerDef c, String machine) {
        JsonProps.Builder b = JsonProps.builder();
        switch (c.model()) {
            case "pcie-root-port" -> {
                b.put("driver", c.modelName() == null ? "pcie-root-port" : c.modelName());
                if (c.targetPort() != null) {
                    b.put("port", parse(c.targetPort()));
                }
                b.put("chassis", c.targetChassis() == null ? c.index() : c.targetChassis());
            }
            case "pcie-to-pci-bridge" -> b.put("driver", "pcie-pci-bridge");
            case "pci-bridge" -> b.put("driver", "pci-bridge").put("chassis_nr", c.index());
            default -> throw new IllegalStateException("PCI controller model " + c.model() + " is not built");
        }
        b.put("id", c.alias() == null ? "pci." + c.index() : c.alias());
        DeviceAddresses.pci(b, c.address(), machine);
        return b.build();
    }

    private static int parse(String v) {
        return v.startsWith("0x") || v.startsWith("0X") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }
}
