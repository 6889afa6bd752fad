package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.SpiceDef;

import java.util.ArrayList;
import java.util.List;

/**
 * Graphics: {@code -vnc} (address:display or a UNIX socket, websocket, password=on, audiodev) and
 * {@code -k keymap}, {@code -spice}, else {@code -display none}. Ports were allocated by the
 * driver and are in the definition. Passwords never go on the command line: the option says a
 * password is needed and the driver sets it over QMP ({@code set_password}) before the guest runs.
 */
final class GraphicsCommandLine {
    private GraphicsCommandLine() {
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        List<GraphicsDef> graphics = def.devices().graphics();
        if (graphics.isEmpty()) {
            a.add("-display", "none");
            return;
        }
        String audio = AudioCommandLine.graphicsAudiodev(def);
        for (GraphicsDef g : graphics) {
            switch (g.type()) {
                case "vnc" -> vnc(a, g, audio);
                case "spice" -> spice(a, g);
                default -> throw new IllegalStateException("graphics type " + g.type() + " reached the argv builder");
            }
        }
    }

    private static void vnc(Argv a, GraphicsDef g, String audio) {
        JsonProps.Builder b = JsonProps.builder();
        if (g.socket() != null) {
            b.put("display", "unix:" + g.socket());
        } else if ("none".equals(g.listenType())) {
            b.put("display", "none");
        } else {
            int port = g.port() == null ? -1 : g.port();
            if (port < 5900) {
                throw new IllegalStateException("no VNC port allocated");
            }
            String listen = g.listen() == null ? "127.0.0.1" : g.listen();
            b.put("display", (listen.contains(":") ? "[" + listen + "]" : listen) + ":" + (port - 5900));
        }
        if (g.websocket() != null) {
            if (g.websocket() < 0) {
                throw new IllegalStateException("no VNC websocket port allocated");
            }
            b.put("websocket", g.websocket());
        }
        if (g.passwd() != null) {
            b.put("password", true);
        }
        b.put("audiodev", audio);
        a.keyValue("-vnc", b.build(), "display");
        if (g.keymap() != null) {
            a.add("-k", g.keymap());
        }
    }

    private static void spice(Argv a, GraphicsDef g) {
        JsonProps.Builder b = JsonProps.builder();
        if (!"none".equals(g.listenType())) {
            if (g.port() == null || g.port() <= 0) {
                throw new IllegalStateException("no SPICE port allocated");
            }
            b.put("port", g.port());
            b.put("addr", g.listen() == null ? "127.0.0.1" : g.listen());
        }
        if (g.passwd() == null) {
            b.put("disable-ticketing", true);
        }
        SpiceDef s = g.spice();
        List<String> plain = new ArrayList<>();
        for (SpiceDef.Channel c : s.channels()) {
            if ("insecure".equals(c.mode())) {
                plain.add(c.name());
            }
        }
        if (!plain.isEmpty()) {
            b.put("plaintext-channel", plain);
        }
        var o = s.options();
        b.put("image-compression", o.get("image"));
        b.put("jpeg-wan-compression", o.get("jpeg"));
        b.put("zlib-glz-wan-compression", o.get("zlib"));
        if (o.get("playback") != null) {
            b.put("playback-compression", o.get("playback").equals("on"));
        }
        b.put("streaming-video", o.get("streaming"));
        if ("server".equals(o.get("mouse"))) {
            b.put("agent-mouse", false);
        } else if ("client".equals(o.get("mouse"))) {
            b.put("agent-mouse", true);
        }
        if ("no".equals(o.get("clipboard"))) {
            b.put("disable-copy-paste", true);
        }
        if ("no".equals(o.get("filetransfer"))) {
            b.put("disable-agent-file-xfer", true);
        }
        b.put("seamless-migration", true);
        a.keyValue("-spice", b.build(), null);
    }
}
