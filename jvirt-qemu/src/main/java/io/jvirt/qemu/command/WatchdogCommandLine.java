package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.WatchdogDef;

import java.util.List;

/**
 * {@code <watchdog>}: the i6300esb (PCI) or ib700 (ISA) device, or the q35 chipset's iTCO watchdog
 * ({@code -global ICH9-LPC.noreboot=off}), then {@code -watchdog-action}. QEMU has no 'dump'
 * action: like libvirt it is told to pause, and the driver dumps and resumes on the WATCHDOG event.
 */
final class WatchdogCommandLine {
    private WatchdogCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        List<WatchdogDef> dogs = def.devices().of(WatchdogDef.class);
        for (WatchdogDef w : dogs) {
            switch (w.model()) {
                case "i6300esb" -> {
                    JsonProps.Builder b = JsonProps.builder().put("driver", "i6300esb").put("id", alias(w));
                    DeviceAddresses.pci(b, w.address(), def.os().machine());
                    a.json("-device", b.build());
                }
                case "ib700" -> a.json("-device", JsonProps.builder().put("driver", "ib700").put("id", alias(w)).build());
                case "itco" -> a.add("-global", "ICH9-LPC.noreboot=off");
                default -> throw new IllegalStateException("watchdog model " + w.model() + " reached the argv builder");
            }
        }
        if (!dogs.isEmpty()) {
            a.add("-watchdog-action", qemuAction(dogs.getFirst().action()));
        }
    }

    /** The QEMU action for a libvirt action: the same name, but 'dump' pauses (the driver dumps). */
    static String qemuAction(String action) {
        if (action == null) {
            return "reset";
        }
        return switch (action) {
            case "dump" -> "pause";
            case "reset", "shutdown", "poweroff", "pause", "none", "inject-nmi" -> action;
            default -> throw new IllegalStateException("watchdog action " + action + " reached the argv builder");
        };
    }

    private static String alias(WatchdogDef w) {
        return w.alias() == null ? "watchdog0" : w.alias();
    }
}
