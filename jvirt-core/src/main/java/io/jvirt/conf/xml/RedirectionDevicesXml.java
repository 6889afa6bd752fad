package io.jvirt.conf.xml;

import io.jvirt.conf.device.ChrSourceDef;
import io.jvirt.conf.device.HubDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.SmartcardDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** USB devices a client or the host hands in: redirdev, smartcard, hub. Parse/format pairs. */
final class RedirectionDevicesXml {
    private RedirectionDevicesXml() {
    }

    static RedirdevDef redirdev(XmlElement e) {
        Parse.oneOf(e, "bus", e.attr("bus").orElse("usb"), "usb");
        String type = Parse.oneOf(e, "type", e.requireAttr("type"), "spicevmc", "tcp");
        ChrSourceDef src = type.equals("tcp") ? tcpSource(e) : null;
        Integer boot = e.child("boot").map(b -> Parse.toInt(b, "order", b.requireAttr("order"))).orElse(null);
        return new RedirdevDef(type, src, boot, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    private static ChrSourceDef tcpSource(XmlElement e) {
        XmlElement s = e.child("source").orElseThrow(() -> e.error("missing <source> for type 'tcp'"));
        return new ChrSourceDef("tcp", Parse.optOneOf(s, "mode", "bind", "connect"), null, s.requireAttr("host"),
                s.requireAttr("service"));
    }

    static void format(XmlWriter w, RedirdevDef d, Set<FormatFlag> flags) {
        w.start("redirdev").attr("bus", "usb").attr("type", d.type());
        source(w, d.source());
        if (d.bootOrder() != null) {
            w.start("boot").attr("order", d.bootOrder()).end();
        }
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }

    private static void source(XmlWriter w, ChrSourceDef s) {
        if (s != null) {
            w.start("source").attr("mode", s.mode()).attr("host", s.host()).attr("service", s.service()).end();
        }
    }

    static SmartcardDef smartcard(XmlElement e) {
        String mode = Parse.oneOf(e, "mode", e.requireAttr("mode"), "host", "host-certificates", "passthrough");
        List<String> certs = new ArrayList<>();
        String db = null;
        String type = null;
        ChrSourceDef src = null;
        switch (mode) {
            case "host-certificates" -> {
                e.children("certificate").forEach(c -> certs.add(c.text()));
                if (certs.size() != 3) {
                    throw e.error("host-certificates mode needs exactly three <certificate> elements");
                }
                db = Parse.childText(e, "database");
            }
            case "passthrough" -> {
                type = Parse.oneOf(e, "type", e.requireAttr("type"), "spicevmc", "tcp");
                src = type.equals("tcp") ? tcpSource(e) : null;
            }
            default -> { }
        }
        return new SmartcardDef(mode, certs, db, type, src, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, SmartcardDef d, Set<FormatFlag> flags) {
        w.start("smartcard").attr("mode", d.mode()).attr("type", d.type());
        d.certificates().forEach(c -> w.element("certificate", c));
        w.element("database", d.database());
        source(w, d.source());
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }

    static HubDef hub(XmlElement e) {
        Parse.oneOf(e, "type", e.requireAttr("type"), "usb");
        return new HubDef(AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, HubDef d, Set<FormatFlag> flags) {
        w.start("hub").attr("type", "usb");
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }
}
