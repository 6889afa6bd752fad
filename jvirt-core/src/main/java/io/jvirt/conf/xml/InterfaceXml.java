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
        String[] mode = new String[2];
        String source = e.child("source").map(s -> switch (type) {
            case "network" -> s.requireAttr("network");
            case "bridge" -> s.requireAttr("bridge");
            case "direct" -> {
                mode[0] = Parse.optOneOf(s, "mode", "vepa", "bridge", "private", "passthrough");
                yield s.requireAttr("dev");
            }
            case "vhostuser" -> {
                Parse.oneOf(s, "type", s.requireAttr("type"), "unix");
                mode[0] = Parse.oneOf(s, "mode", s.requireAttr("mode"), "client", "server");
                mode[1] = s.requireAttr("path");
                yield null;
            }
            default -> throw s.error("element 'source' is not supported for interface type '" + type + "'");
        }).orElse(null);
        Integer mtu = e.child("mtu").map(m -> Parse.toInt(m, "size", m.requireAttr("size"))).orElse(null);
        String driverName = null;
        Integer queues = null;
        var drv = e.child("driver");
        if (drv.isPresent()) {
            driverName = Parse.optOneOf(drv.get(), "name", "qemu", "vhost");
            queues = Parse.optUInt(drv.get(), "queues");
        }
        String filter = null;
        java.util.Map<String, String> params = new java.util.LinkedHashMap<>();
        var fr = e.child("filterref");
        if (fr.isPresent()) {
            filter = fr.get().requireAttr("filter");
            for (XmlElement p : fr.get().children("parameter")) {
                params.put(p.requireAttr("name"), p.requireAttr("value"));
            }
        }
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
        InterfaceDef.Virtualport vport = e.child("virtualport").map(v -> {
            String vt = Parse.optOneOf(v, "type", "openvswitch", "802.1Qbg", "802.1Qbh", "midonet");
            java.util.Map<String, String> p = new java.util.LinkedHashMap<>();
            v.child("parameters").ifPresent(x -> {
                for (String k : java.util.List.of("interfaceid", "profileid", "managerid", "typeid", "typeidversion",
                        "instanceid")) {
                    x.attr(k).ifPresent(val -> p.put(k, val));
                }
            });
            return new InterfaceDef.Virtualport(vt, p);
        }).orElse(null);
        InterfaceDef.Bandwidth bw = e.child("bandwidth").map(b -> new InterfaceDef.Bandwidth(
                b.child("inbound").map(InterfaceXml::limit).orElse(null),
                b.child("outbound").map(InterfaceXml::limit).orElse(null))).orElse(null);
        InterfaceDef.Rom rom = e.child("rom").map(r -> new InterfaceDef.Rom(Parse.optOnOff(r, "bar"),
                r.attr("file").orElse(null), Parse.optYesNo(r, "enabled"))).orElse(null);
        Integer frames = e.child("coalesce").map(c -> c.child("rx").flatMap(rx -> rx.child("frames"))
                .map(f -> Parse.toInt(f, "max", f.requireAttr("max"))).orElse(null)).orElse(null);
        return new InterfaceDef(type, mac, model, source, targetDev, fwds, boot, link, AddressXml.parseAlias(e),
                AddressXml.parse(e), new InterfaceDef.Extra(mode[0], mode[1], mtu, driverName, queues, filter, params,
                vport, bw, rom, frames));
    }

    private static InterfaceDef.Limit limit(XmlElement l) {
        InterfaceDef.Limit lim = new InterfaceDef.Limit(Parse.optLong(l, "average"), Parse.optLong(l, "peak"),
                Parse.optLong(l, "burst"), l.name().equals("inbound") ? Parse.optLong(l, "floor") : null);
        if (lim.average() == null && lim.floor() == null) {
            throw l.error("bandwidth '" + l.name() + "' needs 'average' (or 'floor')");
        }
        return lim;
    }

    private static void formatLimit(XmlWriter w, String name, InterfaceDef.Limit l) {
        if (l != null) {
            w.start(name).attr("average", l.average()).attr("peak", l.peak()).attr("floor", l.floor())
                    .attr("burst", l.burst()).end();
        }
    }

    static void format(XmlWriter w, InterfaceDef i, Set<FormatFlag> flags) {
        w.start("interface").attr("type", i.type());
        if (i.mac() != null) {
            w.start("mac").attr("address", i.mac()).end();
        }
        InterfaceDef.Extra x = i.extra();
        if (i.type().equals("vhostuser") && x.sourcePath() != null) {
            w.start("source").attr("type", "unix").attr("path", x.sourcePath()).attr("mode", x.sourceMode()).end();
        } else if (i.source() != null) {
            String attr = switch (i.type()) {
                case "network" -> "network";
                case "bridge" -> "bridge";
                default -> "dev";
            };
            w.start("source").attr(attr, i.source()).attr("mode", x.sourceMode()).end();
        }
        if (x.virtualport() != null) {
            w.start("virtualport").attr("type", x.virtualport().type());
            if (!x.virtualport().parameters().isEmpty()) {
                w.start("parameters");
                x.virtualport().parameters().forEach(w::attr);
                w.end();
            }
            w.end();
        }
        if (i.targetDev() != null) {
            w.start("target").attr("dev", i.targetDev()).end();
        }
        if (i.model() != null) {
            w.start("model").attr("type", i.model()).end();
        }
        if (x.driverName() != null || x.driverQueues() != null) {
            w.start("driver").attr("name", x.driverName()).attr("queues", x.driverQueues()).end();
        }
        if (x.bandwidth() != null) {
            w.start("bandwidth");
            formatLimit(w, "inbound", x.bandwidth().inbound());
            formatLimit(w, "outbound", x.bandwidth().outbound());
            w.end();
        }
        if (x.filter() != null) {
            w.start("filterref").attr("filter", x.filter());
            x.filterParams().forEach((k, v) -> w.start("parameter").attr("name", k).attr("value", v).end());
            w.end();
        }
        if (i.linkUp() != null) {
            w.start("link").attr("state", i.linkUp() ? "up" : "down").end();
        }
        if (x.mtu() != null) {
            w.start("mtu").attr("size", x.mtu()).end();
        }
        if (x.coalesceRxFrames() != null) {
            w.start("coalesce").start("rx").start("frames").attr("max", x.coalesceRxFrames()).end().end().end();
        }
        if (x.rom() != null) {
            w.start("rom").attrOnOff("bar", x.rom().bar()).attr("file", x.rom().file())
                    .attrYesNo("enabled", x.rom().enabled()).end();
        }
        for (InterfaceDef.PortForward pf : i.hostFwds()) {
            w.start("portForward").attr("proto", pf.proto()).attr("address", pf.hostAddress());
            w.start("range").attr("start", pf.hostPort()).attr("to", pf.guestPort() == pf.hostPort() ? null : pf.guestPort()).end();
            w.end();
        }
        if (i.bootOrder() != null) {
            w.start("boot").attr("order", i.bootOrder()).end();
        }
        AddressXml.formatAlias(w, i.alias(), flags);
        AddressXml.format(w, i.address());
        w.end();
    }
}
