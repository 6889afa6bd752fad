package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.SoundDef;

/**
 * Sound devices: the PCI/ISA/USB cards with their audiodev, HDA controllers (ich6, ich9) with
 * one codec device each ({@code hda-duplex} unless the XML names codecs), the PC speaker as the
 * machine's {@code pcspk-audiodev}.
 */
final class SoundCommandLine {
    private SoundCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        UsbAddresses usb = UsbAddresses.of(def);
        for (SoundDef s : def.devices().of(SoundDef.class)) {
            String audiodev = AudioCommandLine.soundAudiodev(def, s);
            if (s.model().equals("pcspk")) {
                continue; // a -machine property (MachineCommandLine)
            }
            boolean hda = s.model().equals("ich6") || s.model().equals("ich9");
            JsonProps.Builder b = JsonProps.builder().put("driver", driver(s.model())).put("id", s.alias());
            if (!hda) {
                b.put("audiodev", audiodev);
            }
            if (s.model().equals("usb")) {
                usb.put(b, s);
            } else {
                DeviceAddresses.pci(b, s.address(), def.os().machine());
            }
            a.json("-device", b.build());
            if (hda) {
                var codecs = s.codecs().isEmpty() ? java.util.List.of("duplex") : s.codecs();
                for (int i = 0; i < codecs.size(); i++) {
                    a.json("-device", JsonProps.builder().put("driver", "hda-" + codecs.get(i))
                            .put("id", s.alias() + "-codec" + i).put("bus", s.alias() + ".0").put("cad", i)
                            .put("audiodev", audiodev).build());
                }
            }
        }
    }

    static String driver(String model) {
        return switch (model) {
            case "ich6" -> "intel-hda";
            case "ich9" -> "ich9-intel-hda";
            case "ac97" -> "AC97";
            case "es1370" -> "ES1370";
            case "sb16" -> "sb16";
            case "usb" -> "usb-audio";
            default -> throw new IllegalStateException("sound model " + model + " reached the argv builder");
        };
    }

    /** The audiodev of the PC speaker, or null without one. */
    static String pcspkAudiodev(DomainDef def) {
        return def.devices().of(SoundDef.class).stream().filter(s -> s.model().equals("pcspk")).findFirst()
                .map(s -> AudioCommandLine.soundAudiodev(def, s)).orElse(null);
    }
}
