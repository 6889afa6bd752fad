package io.jvirt.conf.xml;

import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.SpiceDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code <graphics type='vnc|spice'>}: parse and format. */
final class GraphicsXml {
    private GraphicsXml() {
    }

    static GraphicsDef parse(XmlElement g) {
        String type = Parse.oneOf(g, "type", g.requireAttr("type"), "vnc", "spice");
        Integer port = Parse.optInt(g, "port");
        Boolean autoport = Parse.optYesNo(g, "autoport");
        String listen = g.attr("listen").orElse(null);
        String socket = type.equals("vnc") ? g.attr("socket").orElse(null) : null;
        Integer websocket = type.equals("vnc") ? Parse.optInt(g, "websocket") : null;
        Integer tlsPort = type.equals("spice") ? Parse.optInt(g, "tlsPort") : null;
        String listenType = null;
        List<XmlElement> listens = g.children("listen");
        if (listens.size() > 1) {
            throw listens.get(1).error("only one <listen> per graphics device is supported");
        }
        for (XmlElement l : listens) {
            String lt = Parse.oneOf(l, "type", l.requireAttr("type"), "address", "socket", "none");
            if (lt.equals("address")) {
                String a = l.attr("address").orElse(null);
                if (listen != null && a != null && !listen.equals(a)) {
                    throw l.error("graphics listen attribute '" + listen
                            + "' must match address attribute of first listen element (found '" + a + "')");
                }
                listen = a == null ? listen : a;
                listenType = listen == null ? "address" : null;
            } else if (lt.equals("none")) {
                if (listen != null || socket != null) {
                    throw l.error("listen type 'none' conflicts with a listen address or socket");
                }
                listenType = "none";
            } else if (lt.equals("socket")) {
                if (!type.equals("vnc")) {
                    throw l.error("listen type 'socket' is only supported with VNC here");
                }
                socket = l.attr("socket").orElse(socket);
                if (socket == null) {
                    throw l.error("listen type 'socket' needs a 'socket' path here");
                }
            }
        }
        SpiceDef spice = type.equals("spice") ? spice(g) : SpiceDef.NONE;
        return new GraphicsDef(type, port, autoport, listen, socket, g.attr("passwd").orElse(null),
                g.attr("keymap").orElse(null), websocket, tlsPort, listenType, spice);
    }

    /** Each SPICE option element: its attribute and allowed values, in libvirt's order. */
    private static final Map<String, List<String>> SPICE_OPTIONS = new LinkedHashMap<>();

    static {
        SPICE_OPTIONS.put("image", List.of("compression", "auto_glz", "auto_lz", "quic", "glz", "lz", "off"));
        SPICE_OPTIONS.put("jpeg", List.of("compression", "auto", "never", "always"));
        SPICE_OPTIONS.put("zlib", List.of("compression", "auto", "never", "always"));
        SPICE_OPTIONS.put("playback", List.of("compression", "on", "off"));
        SPICE_OPTIONS.put("streaming", List.of("mode", "filter", "all", "off"));
        SPICE_OPTIONS.put("clipboard", List.of("copypaste", "yes", "no"));
        SPICE_OPTIONS.put("mouse", List.of("mode", "server", "client"));
        SPICE_OPTIONS.put("filetransfer", List.of("enable", "yes", "no"));
        SPICE_OPTIONS.put("gl", List.of("enable", "yes", "no"));
    }

    private static SpiceDef spice(XmlElement g) {
        String defaultMode = Parse.optOneOf(g, "defaultMode", "any", "secure", "insecure");
        List<SpiceDef.Channel> channels = new ArrayList<>();
        for (XmlElement c : g.children("channel")) {
            channels.add(new SpiceDef.Channel(Parse.oneOf(c, "name", c.requireAttr("name"), "main", "display",
                    "inputs", "cursor", "playback", "record", "smartcard", "usbredir"),
                    Parse.oneOf(c, "mode", c.requireAttr("mode"), "any", "secure", "insecure")));
        }
        Map<String, String> options = new LinkedHashMap<>();
        String[] rendernode = new String[1];
        SPICE_OPTIONS.forEach((el, spec) -> g.child(el).ifPresent(x -> {
            String attr = spec.getFirst();
            options.put(el, Parse.oneOf(x, attr, x.requireAttr(attr), spec.subList(1, spec.size())
                    .toArray(String[]::new)));
            if (el.equals("gl")) {
                rendernode[0] = x.attr("rendernode").orElse(null);
            }
        }));
        return new SpiceDef(defaultMode, channels, options, rendernode[0]);
    }

    static void format(XmlWriter w, GraphicsDef g, Set<FormatFlag> flags) {
        w.start("graphics").attr("type", g.type()).attr("port", g.port()).attr("tlsPort", g.tlsPort())
                .attrYesNo("autoport", g.autoport()).attr("websocket", g.websocket())
                .attr("socket", g.socket()).attr("listen", g.listen())
                .attr("passwd", flags.contains(FormatFlag.SECURE) ? g.passwd() : null)
                .attr("keymap", g.keymap()).attr("defaultMode", g.spice().defaultMode());
        if (g.listen() != null) {
            w.start("listen").attr("type", "address").attr("address", g.listen()).end();
        } else if (g.socket() != null) {
            w.start("listen").attr("type", "socket").attr("socket", g.socket()).end();
        } else if (g.listenType() != null) {
            w.start("listen").attr("type", g.listenType()).end();
        }
        SpiceDef sp = g.spice();
        sp.channels().forEach(c -> w.start("channel").attr("name", c.name()).attr("mode", c.mode()).end());
        sp.options().forEach((el, v) -> {
            w.start(el).attr(SPICE_OPTIONS.get(el).getFirst(), v);
            if (el.equals("gl")) {
                w.attr("rendernode", sp.glRendernode());
            }
            w.end();
        });
        w.end();
    }
}
