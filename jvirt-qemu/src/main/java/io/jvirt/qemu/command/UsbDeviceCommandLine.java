package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.ChrSourceDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.HubDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.SmartcardDef;

import java.util.List;

/**
 * USB hubs, CCID smartcard readers with their cards (emulated from the host's NSS database or
 * certificates, or passed through a character device), and USB redirection (usb-redir over
 * spicevmc or TCP); bus and port from {@link UsbAddresses}.
 */
final class UsbDeviceCommandLine {
    private UsbDeviceCommandLine() {
    }

    static void hubs(Argv a, DomainDef def) {
        UsbAddresses usb = UsbAddresses.of(def);
        for (HubDef h : def.devices().of(HubDef.class)) {
            JsonProps.Builder b = JsonProps.builder().put("driver", "usb-hub").put("id", h.alias());
            usb.put(b, h);
            a.json("-device", b.build());
        }
    }

    static void smartcards(Argv a, DomainDef def) {
        UsbAddresses usb = UsbAddresses.of(def);
        for (ControllerDef c : def.devices().controllers()) {
            if (c.type().equals("ccid")) {
                JsonProps.Builder b = JsonProps.builder().put("driver", "usb-ccid").put("id", ccidAlias(c));
                usb.put(b, c);
                a.json("-device", b.build());
            }
        }
        List<SmartcardDef> cards = def.devices().of(SmartcardDef.class);
        for (int i = 0; i < cards.size(); i++) {
            SmartcardDef s = cards.get(i);
            String id = s.alias() != null ? s.alias() : "smartcard" + i;
            String bus = "ccid0.0";
            if (s.address() != null && s.address().type().equals("ccid")) {
                bus = "ccid" + Math.max(s.address().intAttr("controller"), 0) + ".0";
            }
            JsonProps.Builder b = JsonProps.builder();
            switch (s.mode()) {
                case "host" -> b.put("driver", "ccid-card-emulated").put("backend", "nss-emulated");
                case "host-certificates" -> {
                    b.put("driver", "ccid-card-emulated").put("backend", "certificates");
                    for (int k = 0; k < s.certificates().size(); k++) {
                        b.put("cert" + (k + 1), s.certificates().get(k));
                    }
                    b.put("db", s.database() != null ? s.database() : "/etc/pki/nssdb");
                }
                case "passthrough" -> {
                    String chr = "char" + id;
                    a.keyValue("-chardev", chardev(s.type(), s.source(), chr, "smartcard"), "backend");
                    b.put("driver", "ccid-card-passthru").put("chardev", chr);
                }
                default -> throw new IllegalStateException("smartcard mode " + s.mode() + " reached the argv builder");
            }
            b.put("id", id).put("bus", bus);
            a.json("-device", b.build());
        }
    }

    static void redirdevs(Argv a, DomainDef def) {
        UsbAddresses usb = UsbAddresses.of(def);
        for (RedirdevDef r : def.devices().of(RedirdevDef.class)) {
            String chr = "char" + r.alias();
            a.keyValue("-chardev", chardev(r.type(), r.source(), chr, "usbredir"), "backend");
            JsonProps.Builder b = JsonProps.builder().put("driver", "usb-redir").put("chardev", chr)
                    .put("id", r.alias());
            usb.put(b, r);
            b.put("bootindex", r.bootOrder());
            a.json("-device", b.build());
        }
    }

    /** The chardev of a redirected device or passthrough card: spicevmc, or a TCP/UNIX source. */
    private static JsonProps chardev(String type, ChrSourceDef src, String id, String spiceName) {
        if (type.equals("spicevmc")) {
            return JsonProps.builder().put("backend", "spicevmc").put("id", id).put("name", spiceName).build();
        }
        ChrDef c = new ChrDef(ChrDef.Kind.CHANNEL, type, src.path(), src.mode(), src.host(), src.service(), null,
                null, null, null, null, null);
        return ChrCommandLine.backend(c, id);
    }

    static String ccidAlias(ControllerDef c) {
        return c.alias() != null ? c.alias() : "ccid" + (c.index() == null ? 0 : c.index());
    }
}
