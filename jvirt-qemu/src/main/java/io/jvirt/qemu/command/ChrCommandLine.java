package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.ParallelDef;

import java.nio.file.Path;
import java.util.List;

/**
 * Character devices as {@code -chardev} backends and their frontends: serial ports
 * (isa-serial, usb-serial, pci-serial), parallel ports (isa-parallel), channels (virtserialport
 * on the virtio-serial controller, which is built here too) and virtio consoles (virtconsole).
 * A console of target type 'serial' is the serial port itself and adds nothing.
 */
public final class ChrCommandLine {
    private ChrCommandLine() {
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        UsbAddresses usb = UsbAddresses.of(def);
        for (ChrDef s : def.devices().serials()) {
            String id = "char" + s.alias();
            a.keyValue("-chardev", backend(s, id), "backend");
            JsonProps.Builder b = JsonProps.builder();
            switch (s.targetType()) {
                case "isa-serial" -> b.put("driver", "isa-serial").put("chardev", id).put("id", s.alias())
                        .put("index", s.targetPort());
                case "usb-serial" -> {
                    b.put("driver", "usb-serial").put("chardev", id).put("id", s.alias());
                    usb.put(b, s);
                }
                case "pci-serial" -> {
                    b.put("driver", "pci-serial").put("chardev", id).put("id", s.alias());
                    // the model keeps no address for serial ports: the first slot nothing else uses
                    PciSlots.free(b, def, s);
                }
                default -> throw new IllegalStateException("serial target " + s.targetType()
                        + " reached the argv builder");
            }
            a.json("-device", b.build());
        }
        for (ParallelDef p : def.devices().of(ParallelDef.class)) {
            ChrDef c = p.chr();
            String id = "char" + c.alias();
            a.keyValue("-chardev", backend(c, id), "backend");
            a.json("-device", JsonProps.builder().put("driver", "isa-parallel").put("chardev", id)
                    .put("id", c.alias()).build());
        }
        virtioSerialControllers(a, def);
        int nr = 1;
        for (ChrDef c : def.devices().channels()) {
            String id = "char" + c.alias();
            a.keyValue("-chardev", backend(withChannelPath(c, ctx), id), "backend");
            a.json("-device", JsonProps.builder().put("driver", "virtserialport").put("bus", "virtio-serial0.0")
                    .put("nr", nr++).put("chardev", id).put("id", c.alias()).put("name", c.targetName()).build());
        }
        for (ChrDef c : def.devices().consoles()) {
            if (!"virtio".equals(c.targetType())) {
                continue; // a serial console is the serial port above
            }
            String id = "char" + c.alias();
            a.keyValue("-chardev", backend(c, id), "backend");
            a.json("-device", JsonProps.builder().put("driver", "virtconsole").put("chardev", id)
                    .put("id", c.alias()).build());
        }
    }

    /** The virtio-serial controllers channels and virtio consoles sit on. */
    private static void virtioSerialControllers(Argv a, DomainDef def) {
        for (ControllerDef c : def.devices().controllers()) {
            if (!c.type().equals("virtio-serial")) {
                continue;
            }
            JsonProps.Builder b = JsonProps.builder().put("driver", "virtio-serial-pci")
                    .put("id", c.alias() != null ? c.alias() : "virtio-serial" + c.index())
                    .put("max_ports", c.ports()).put("vectors", c.vectors());
            DeviceAddresses.pci(b, c.address(), def.os().machine());
            a.json("-device", b.build());
        }
    }

    /**
     * A unix channel without a path gets a socket in the domain's runtime directory named for
     * its target (libvirt's {@code org.qemu.guest_agent.0}), beside the monitor socket.
     */
    static ChrDef withChannelPath(ChrDef c, LaunchContext ctx) {
        if (c.type().equals("unix") && c.path() == null && c.targetName() != null) {
            return new ChrDef(c.kind(), c.type(), ctx.monitorSocket().resolveSibling(c.targetName()).toString(), "bind",
                    c.host(), c.service(), c.targetType(), c.targetPort(), c.targetName(), c.logFile(), c.logAppend(),
                    c.alias(), c.protocol());
        }
        return c;
    }

    /** The live channels: unix ones with the socket path the command line gave them. */
    public static List<ChrDef> channelsWithPaths(DomainDef def, Path monitorSocket) {
        LaunchContext ctx = new LaunchContext(monitorSocket, monitorSocket.getParent(), -1);
        return def.devices().channels().stream().map(c -> withChannelPath(c, ctx)).toList();
    }

    /** The chardev backend for a character device. */
    static JsonProps backend(ChrDef c, String id) {
        JsonProps.Builder b = JsonProps.builder();
        boolean server = "bind".equals(c.mode()); // libvirt: a socket source without a mode connects
        switch (c.type()) {
            case "pty" -> b.put("backend", "pty").put("id", id);
            case "file" -> b.put("backend", "file").put("id", id).put("path", c.path());
            case "dev" -> b.put("backend", c.kind() == ChrDef.Kind.PARALLEL ? "parallel" : "serial").put("id", id)
                    .put("path", c.path());
            case "pipe" -> b.put("backend", "pipe").put("id", id).put("path", c.path());
            case "unix" -> b.put("backend", "socket").put("id", id).put("path", c.path())
                    .put("server", server ? Boolean.TRUE : null).put("wait", server ? false : null);
            case "tcp" -> b.put("backend", "socket").put("id", id).put("host", c.host()).put("port", c.service())
                    .put("telnet", "telnet".equals(c.protocol()) ? Boolean.TRUE : null)
                    .put("server", server ? Boolean.TRUE : null).put("wait", server ? false : null);
            case "udp" -> b.put("backend", "udp").put("id", id).put("host", c.host() == null ? "127.0.0.1" : c.host())
                    .put("port", c.service());
            case "null" -> b.put("backend", "null").put("id", id);
            case "stdio" -> b.put("backend", "stdio").put("id", id);
            case "vc" -> b.put("backend", "vc").put("id", id);
            case "spicevmc" -> b.put("backend", "spicevmc").put("id", id).put("name", "vdagent");
            default -> throw new IllegalStateException("chardev type " + c.type() + " reached the argv builder");
        }
        if (c.logFile() != null) {
            b.put("logfile", c.logFile());
            b.put("logappend", c.logAppend());
        }
        return b.build();
    }
}
