package io.jvirt.conf.xml;

import io.jvirt.conf.device.InterfaceDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code <interface>}: parse and format. */
public final class InterfaceXml {
    private InterfaceXml() {
    }

    static InterfaceDef parse(XmlElement e) {
        String type = Parse.oneOf(e, "type", e.requireAttr("type"),
                "user", "network", "bridge", "direct", "ethernet", "vhostuser");
        String mac = e.child("mac").map(m -> m.requireAttr("address")).orElse(null);
        String model = e.child("model").map(m -> m.requireAttr("type")).orElse(null);
        String source = e.child("source").map(s -> switch (type) {
            case "network" -> s.requireAttr("network");
            case "bridge" -> s.requireAttr("bridge");
            case "direct" -> s.requireAttr("dev");
            default -> throw s.error("element 'source' is not supported for interface type '" + type + "'");
        }).orElse(null);
        String targetDev = e.child("target").map(t -> t.requireAttr("dev")).orElse(null);
        List<InterfaceDef.PortForward> fwds = new ArrayList<>();
        for (XmlElement pf : e.children("portForward")) {
            String proto = Parse.oneOf(pf, "proto", pf.requireAttr("proto"), "tcp", "udp");
            String addr = pf.attr("address").orElse(null);
            for (XmlElement r : pf.children("range")) {
                int start = Parse.toInt(r, "start", r.requireAttr("start"));
                int to = r.attr("to").map(v -> Parse.toInt(r, "to", v)).orElse(start);
                fwds.add(new InterfaceDef.PortForward(proto, addr, start, to));
            }
        }
        Integer boot = e.child("boot").map(b -> Parse.toInt(b, "order", b.requireAttr("order"))).orElse(null);
        Boolean link = e.child("link").map(l -> switch (l.requireAttr("state")) {
            case "up" -> Boolean.TRUE;
            case "down" -> Boolean.FALSE;
            default -> throw l.error("Invalid value for attribute 'state' in element 'link'");
        }).orElse(null);
        return new InterfaceDef(type, mac, model, source, targetDev, fwds, boot, link, AddressXml.parseAlias(e),
                AddressXml.parse(e));
    }

    static void format(XmlWriter w, InterfaceDef i, Set<FormatFlag> flags) {
        w.start("interface").attr("type", i.type());
        if (i.mac() != null) {
            w.start("mac").attr("address", i.mac()).end();
        }
        if (i.source() != null) {
            String attr = switch (i.type()) {
                case "network" -> "network";
                case "bridge" -> "bridge";
                default -> "dev";
            };
            w.start("source").attr(attr, i.source()).end();
        }
        if (i.targetDev() != null) {
            w.start("target").attr("dev", i.targetDev()).end();
        }
        if (i.model() != null) {
            w.start("model").attr("type", i.model()).end();
        }
        if (i.bootOrder() != null) {
            w.start("boot").attr("order", i.bootOrder()).end();
        }
        if (i.linkUp() != null) {
            w.start("link").attr("state", i.linkUp() ? "up" : "down").end();
        }
        for (InterfaceDef.PortForward pf : i.hostFwds()) {
            w.start("portForward").attr("proto", pf.proto()).attr("address", pf.hostAddress());
            w.start("range").attr("start", pf.hostPort()).attr("to", pf.guestPort() == pf.hostPort() ? null : pf.guestPort()).end();
            w.end();
        }
        AddressXml.formatAlias(w, i.alias(), flags);
        AddressXml.format(w, i.address());
        w.end();
    }
}
