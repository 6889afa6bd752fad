package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ControllerDef;

/**
 * USB controllers (the bus USB inputs, sound, hubs, redirected devices, USB serial ports and CCID
 * readers sit on): piix3/piix4 UHCI, EHCI, NEC and QEMU xHCI, with the model's default per
 * machine (piix3-uhci on i440fx, qemu-xhci on q35) and {@code ports} as the xHCI port counts.
 */
final class UsbControllerCommandLine {
    private UsbControllerCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        for (ControllerDef c : def.devices().controllers()) {
            if (!c.type().equals("usb") || "none".equals(c.model())) {
                continue;
            }
            String driver = driver(c, def.os().machine());
            JsonProps.Builder b = JsonProps.builder().put("driver", driver)
                    .put("id", c.alias() != null ? c.alias() : c.index() == 0 ? "usb" : "usb" + c.index());
            if (c.ports() != null && driver.endsWith("xhci")) {
                b.put("p2", c.ports()).put("p3", c.ports());
            }
            DeviceAddresses.pci(b, c.address(), def.os().machine());
            a.json("-device", b.build());
        }
    }

    /** The QEMU device of a USB controller model, or null when this driver does not build it. */
    static String driver(ControllerDef c, String machine) {
        String model = c.model() != null ? c.model()
                : machine != null && machine.contains("q35") ? "qemu-xhci" : "piix3-uhci";
        return switch (model) {
            case "piix3-uhci" -> "piix3-usb-uhci";
            case "piix4-uhci" -> "piix4-usb-uhci";
            case "ehci" -> "usb-ehci";
            case "ich9-ehci1" -> "ich9-usb-ehci1";
            case "nec-xhci" -> "nec-usb-xhci";
            case "qemu-xhci" -> "qemu-xhci";
            default -> null;
        };
    }
}
