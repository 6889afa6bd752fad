package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.util.Rollback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host side of graphics devices: display ports for VNC and SPICE (qemu.conf
 * remote_display_port_min/max), VNC websocket ports (remote_websocket_port_min/max), the UNIX
 * socket of qemu.conf vnc_auto_unix_socket, the qemu.conf default passwords, and setting the
 * passwords over QMP before the guest runs (they never go on the command line).
 */
final class GraphicsResources {
    private final QemuDriver driver;
    private final PortAllocator websocketPorts;

    GraphicsResources(QemuDriver driver) {
        this.driver = driver;
        this.websocketPorts = new PortAllocator((int) driver.conf.number("remote_websocket_port_min", 5700),
                (int) driver.conf.number("remote_websocket_port_max", 65535));
    }

    /** The run definition: ports allocated (undone by {@code rb}), auto socket and default passwords filled in. */
    DomainDef allocate(DomainDef def, Path domainDir, Rollback rb) {
        List<GraphicsDef> out = new ArrayList<>();
        boolean changed = false;
        for (GraphicsDef g : def.devices().graphics()) {
            GraphicsDef n = defaults(g, domainDir);
            if (n.needsPort()) {
                String listen = listen(n);
                int port = driver.vncPorts.allocate(listen);
                rb.add(() -> driver.vncPorts.release(port));
                n = n.withPort(port);
            }
            if (n.needsWebsocket()) {
                int ws = websocketPorts.allocate(listen(n));
                rb.add(() -> websocketPorts.release(ws));
                n = n.withWebsocket(ws);
            }
            changed |= !n.equals(g);
            out.add(n);
        }
        return changed ? def.withDevices(def.devices().withGraphics(out)) : def;
    }

    /** What domxml-to-native shows: the first ports of each range, no host resources taken. */
    DomainDef preview(DomainDef def, Path domainDir) {
        List<GraphicsDef> out = new ArrayList<>();
        for (GraphicsDef g : def.devices().graphics()) {
            GraphicsDef n = defaults(g, domainDir);
            n = n.needsPort() ? n.withPort((int) driver.conf.number("remote_display_port_min", 5900)) : n;
            n = n.needsWebsocket() ? n.withWebsocket((int) driver.conf.number("remote_websocket_port_min", 5700)) : n;
            out.add(n);
        }
        return def.withDevices(def.devices().withGraphics(out));
    }

    private GraphicsDef defaults(GraphicsDef g, Path domainDir) {
        GraphicsDef n = g;
        if (n.type().equals("vnc") && n.socket() == null && n.listen() == null && n.listenType() == null
                && (n.port() == null || n.port() < 0 || Boolean.TRUE.equals(n.autoport()))
                && driver.conf.bool("vnc_auto_unix_socket", false)) {
            n = n.withSocket(domainDir.resolve("vnc.sock").toString());
        }
        if (n.passwd() == null) {
            String dflt = driver.conf.string(n.type().equals("vnc") ? "vnc_password" : "spice_password", null);
            if (dflt != null) {
                n = new GraphicsDef(n.type(), n.port(), n.autoport(), n.listen(), n.socket(), dflt, n.keymap(),
                        n.websocket(), n.tlsPort(), n.listenType(), n.spice());
            }
        }
        return n;
    }

    private String listen(GraphicsDef g) {
        if (g.listen() != null) {
            return g.listen();
        }
        return driver.conf.string(g.type().equals("vnc") ? "vnc_listen" : "spice_listen", "127.0.0.1");
    }

    /** Sets each graphics password over QMP (set_password), before the guest first runs. */
    static void setPasswords(DomainMonitor mon, DomainDef live) {
        for (GraphicsDef g : live.devices().graphics()) {
            if (g.passwd() == null) {
                continue;
            }
            ObjectNode args = JsonNodeFactory.instance.objectNode();
            args.put("protocol", g.type());
            args.put("password", g.passwd());
            if (g.type().equals("spice")) {
                args.put("connected", "keep");
            }
            mon.execute("set_password", args);
        }
    }

    /** Takes the ports of a reattached guest out of the ranges again. */
    void reserve(DomainDef live) {
        for (GraphicsDef g : live.devices().graphics()) {
            if (g.port() != null && g.port() > 0 && g.socket() == null) {
                driver.vncPorts.reserve(g.port());
            }
            if (g.websocket() != null && g.websocket() > 0) {
                websocketPorts.reserve(g.websocket());
            }
        }
    }

    /** Gives a stopped guest's ports back. */
    void release(DomainDef live) {
        for (GraphicsDef g : live.devices().graphics()) {
            if (g.port() != null && g.port() > 0 && g.socket() == null) {
                driver.vncPorts.release(g.port());
            }
            if (g.websocket() != null && g.websocket() > 0) {
                websocketPorts.release(g.websocket());
            }
        }
    }
}
