package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.PanicDef;

/**
 * {@code <panic>}: the pvpanic device (ISA, or PCI for model 'pvpanic') through which the guest
 * kernel reports a panic. QEMU is told to pause the guest then ({@code -action panic=pause}), so
 * the driver sees GUEST_PANICKED and carries out on_crash itself.
 */
final class PanicCommandLine {
    private PanicCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        var panics = def.devices().of(PanicDef.class);
        if (panics.isEmpty()) {
            return;
        }
        a.add("-action", "panic=pause");
        for (PanicDef p : panics) {
            JsonProps.Builder b = JsonProps.builder();
            switch (p.model()) {
                case "isa" -> {
                    b.put("driver", "pvpanic");
                    if (p.address() != null && p.address().attributes().containsKey("iobase")) {
                        b.put("ioport", p.address().intAttr("iobase"));
                    }
                }
                case "pvpanic" -> b.put("driver", "pvpanic-pci");
                default -> throw new IllegalStateException("panic model " + p.model() + " reached the argv builder");
            }
            b.put("id", p.alias() == null ? "panic0" : p.alias());
            if (p.model().equals("pvpanic")) {
                DeviceAddresses.pci(b, p.address(), def.os().machine());
            }
            a.json("-device", b.build());
        }
    }
}
