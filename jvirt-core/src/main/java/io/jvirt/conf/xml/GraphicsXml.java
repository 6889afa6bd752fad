package io.jvirt.conf.xml;

import io.jvirt.conf.device.GraphicsDef;

import java.util.Set;

/** {@code <graphics type='vnc|spice'>}: parse and format. */
final class GraphicsXml {
    private GraphicsXml() {
    }

    static GraphicsDef parse(XmlElement g) {
        String type = Parse.oneOf(g, "type", g.requireAttr("type"), "vnc", "spice");
        Integer port = Parse.optInt(g, "port");
        if (port != null && port != -1 && (port < 0 || port > 65535)) {
            throw g.error("invalid graphics port " + port);
        }
        Boolean autoport = Parse.optYesNo(g, "autoport");
        String listen = g.attr("listen").orElse(null);
        String socket = type.equals("vnc") ? g.attr("socket").orElse(null) : null;
        Integer websocket = type.equals("vnc") ? Parse.optInt(g, "websocket") : null;
        Integer tlsPort = type.equals("spice") ? Parse.optInt(g, "tlsPort") : null;
        for (XmlElement l : g.children("listen")) {
            String lt = Parse.oneOf(l, "type", l.requireAttr("type"), "address", "socket", "none");
            if (lt.equals("address")) {
                String a = l.attr("address").orElse(null);
                if (listen != null && a != null && !listen.equals(a)) {
                    throw l.error("graphics listen attribute '" + listen
                            + "' must match address attribute of first listen element (found '" + a + "')");
                }
                listen = a == null ? listen : a;
            } else if (lt.equals("socket")) {
                if (!type.equals("vnc")) {
                    throw l.error("listen type 'socket' is only supported with VNC here");
                }
                socket = l.attr("socket").orElse(socket);
            }
        }
        return new GraphicsDef(type, port, autoport, listen, socket, g.attr("passwd").orElse(null),
                g.attr("keymap").orElse(null), websocket, tlsPort);
    }

    static void format(XmlWriter w, GraphicsDef g, Set<FormatFlag> flags) {
        w.start("graphics").attr("type", g.type()).attr("port", g.port()).attr("tlsPort", g.tlsPort())
                .attrYesNo("autoport", g.autoport()).attr("websocket", g.websocket())
                .attr("socket", g.socket()).attr("listen", g.listen())
                .attr("passwd", flags.contains(FormatFlag.SECURE) ? g.passwd() : null)
                .attr("keymap", g.keymap());
        if (g.listen() != null) {
            w.start("listen").attr("type", "address").attr("address", g.listen()).end();
        } else if (g.socket() != null) {
            w.start("listen").attr("type", "socket").attr("socket", g.socket()).end();
        }
        w.end();
    }
}
