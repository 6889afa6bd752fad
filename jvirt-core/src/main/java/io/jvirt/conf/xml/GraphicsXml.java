package io.jvirt.conf.xml;

import io.jvirt.conf.device.GraphicsDef;

import java.util.List;
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
        return new GraphicsDef(type, port, autoport, listen, socket, g.attr("passwd").orElse(null),
                g.attr("keymap").orElse(null), websocket, tlsPort, listenType);
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
        } else if (g.listenType() != null) {
            w.start("listen").attr("type", g.listenType()).end();
        }
        w.end();
    }
}
