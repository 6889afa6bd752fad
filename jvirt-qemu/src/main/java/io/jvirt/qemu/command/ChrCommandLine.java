package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ChrDef;

/** Serial ports, consoles and channels as {@code -chardev} backends and their frontends. */
final class ChrCommandLine {
    private ChrCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        for (ChrDef s : def.devices().serials()) {
            String id = "char" + s.alias();
            a.keyValue("-chardev", backend(s, id), "backend");
            String driver = switch (s.targetType()) {
                case "isa-serial" -> "isa-serial";
                case "usb-serial" -> "usb-serial";
                case "pci-serial" -> "pci-serial";
                default -> throw new IllegalStateException("serial target " + s.targetType() + " reached the argv builder");
            };
            JsonProps.Builder b = JsonProps.builder().put("driver", driver).put("chardev", id).put("id", s.alias());
            if (driver.equals("isa-serial")) {
                b.put("index", s.targetPort());
            }
            a.json("-device", b.build());
        }
        // a console with target type 'serial' is the serial port itself: nothing more to add
    }

    /** The chardev backend for a character device. */
    static JsonProps backend(ChrDef c, String id) {
        JsonProps.Builder b = JsonProps.builder();
        switch (c.type()) {
            case "pty" -> b.put("backend", "pty").put("id", id);
            case "file" -> b.put("backend", "file").put("id", id).put("path", c.path())
                    .put("append", c.logAppend() == null ? null : true);
            case "unix" -> b.put("backend", "socket").put("id", id).put("path", c.path())
                    .put("server", !"connect".equals(c.mode())).put("wait", "connect".equals(c.mode()) ? null : false);
            case "tcp" -> b.put("backend", "socket").put("id", id).put("host", c.host()).put("port", c.service())
                    .put("server", !"connect".equals(c.mode())).put("wait", "connect".equals(c.mode()) ? null : false);
            case "null" -> b.put("backend", "null").put("id", id);
            case "stdio" -> b.put("backend", "stdio").put("id", id);
            default -> throw new IllegalStateException("chardev type " + c.type() + " reached the argv builder");
        }
        if (c.logFile() != null) {
            b.put("logfile", c.logFile());
            b.put("logappend", c.logAppend() == null || c.logAppend());
        }
        return b.build();
    }
}
