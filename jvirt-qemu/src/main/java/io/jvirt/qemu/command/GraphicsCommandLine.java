package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.GraphicsDef;

/** Graphics: {@code -vnc} with an allocated port or a UNIX socket, else {@code -display none}. */
final class GraphicsCommandLine {
    private GraphicsCommandLine() {
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        var vnc = def.devices().graphics().stream().filter(g -> g.type().equals("vnc")).findFirst();
        if (vnc.isEmpty()) {
            a.add("-display", "none");
            return;
        }
        GraphicsDef g = vnc.get();
        if (g.socket() != null) {
            a.add("-vnc", "unix:" + JsonProps.escape(g.socket()));
        } else {
            // the driver has put the port it allocated (autoport) into the definition
            int port = g.port() == null ? -1 : g.port();
            if (port < 5900) {
                throw new IllegalStateException("no VNC port allocated");
            }
            String listen = g.listen() == null ? "127.0.0.1" : g.listen();
            a.add("-vnc", (listen.contains(":") ? "[" + listen + "]" : listen) + ":" + (port - 5900));
        }
        a.add("-vga", "std");
    }
}
