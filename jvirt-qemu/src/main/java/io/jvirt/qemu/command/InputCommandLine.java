package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.InputDef;

/**
 * Input devices: PS/2 mouse and keyboard are the machine's own (nothing to add); USB ones are
 * usb-tablet/usb-mouse/usb-kbd on the USB bus; virtio ones virtio-*-pci; passthrough is
 * virtio-input-host-pci on a host event device; evdev is an {@code input-linux} object.
 */
final class InputCommandLine {
    private InputCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        UsbAddresses usb = UsbAddresses.of(def);
        for (InputDef i : def.devices().of(InputDef.class)) {
            if (i.type().equals("evdev")) {
                a.json("-object", JsonProps.builder().put("qom-type", "input-linux").put("id", i.alias())
                        .put("evdev", i.source())
                        .put("repeat", i.repeat())
                        .put("grab_all", "all".equals(i.grab()) ? Boolean.TRUE : null)
                        .put("grab-toggle", i.grabToggle())
                        .build());
                continue;
            }
            String bus = i.bus() == null ? "ps2" : i.bus();
            switch (bus) {
                case "ps2" -> { }
                case "usb" -> {
                    JsonProps.Builder b = JsonProps.builder().put("driver", switch (i.type()) {
                        case "tablet" -> "usb-tablet";
                        case "mouse" -> "usb-mouse";
                        case "keyboard" -> "usb-kbd";
                        default -> throw new IllegalStateException("usb input " + i.type() + " reached the argv builder");
                    }).put("id", i.alias());
                    usb.put(b, i);
                    a.json("-device", b.build());
                }
                case "virtio" -> {
                    JsonProps.Builder b = JsonProps.builder().put("driver", switch (i.type()) {
                        case "tablet" -> "virtio-tablet-pci";
                        case "mouse" -> "virtio-mouse-pci";
                        case "keyboard" -> "virtio-keyboard-pci";
                        case "passthrough" -> "virtio-input-host-pci";
                        default -> throw new IllegalStateException("virtio input " + i.type() + " reached the argv builder");
                    }).put("id", i.alias());
                    if (i.type().equals("passthrough")) {
                        b.put("evdev", i.source());
                    }
                    DeviceAddresses.pci(b, i.address(), def.os().machine());
                    a.json("-device", b.build());
                }
                default -> throw new IllegalStateException("input bus " + bus + " reached the argv builder");
            }
        }
    }
}
