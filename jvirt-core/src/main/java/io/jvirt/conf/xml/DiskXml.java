package io.jvirt.conf.xml;

import io.jvirt.conf.device.DiskDef;

import java.util.Set;

/** {@code <disk>}: parse and format. */
public final class DiskXml {
    private DiskXml() {
    }

    static DiskDef parse(XmlElement e) {
        String type = Parse.oneOf(e, "type", e.attr("type").orElse("file"), "file", "block", "network", "volume", "dir");
        String device = Parse.oneOf(e, "device", e.attr("device").orElse("disk"), "disk", "cdrom", "floppy", "lun");
        String driverName = null;
        String format = null;
        String cache = null;
        var driver = e.child("driver");
        if (driver.isPresent()) {
            XmlElement d = driver.get();
            driverName = d.attr("name").orElse(null);
            format = d.attr("type").orElse(null);
            cache = Parse.oneOf(d, "cache", d.attr("cache").orElse(null),
                    "default", "none", "writethrough", "writeback", "directsync", "unsafe");
        }
        String source = e.child("source").map(s -> switch (type) {
            case "file" -> s.attr("file").orElse(null);
            case "block" -> s.attr("dev").orElse(null);
            case "dir" -> s.attr("dir").orElse(null);
            default -> throw s.error("disk type '" + type + "' is not supported yet");
        }).orElse(null);
        XmlElement target = e.child("target").orElseThrow(() -> e.error("missing <target> in element 'disk'"));
        String dev = target.requireAttr("dev");
        String bus = Parse.oneOf(target, "bus", target.attr("bus").orElse(null),
                "virtio", "sata", "scsi", "ide", "usb", "fdc", "sd");
        boolean readonly = e.child("readonly").isPresent();
        Integer boot = e.child("boot").map(b -> Parse.toInt(b, "order", b.requireAttr("order"))).orElse(null);
        String serial = Parse.childText(e, "serial");
        return new DiskDef(type, device, driverName, format, cache, source, dev, bus, readonly, boot, serial,
                AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, DiskDef d, Set<FormatFlag> flags) {
        w.start("disk").attr("type", d.type()).attr("device", d.device());
        if (d.driverName() != null || d.format() != null || d.cache() != null) {
            w.start("driver").attr("name", d.driverName()).attr("type", d.format()).attr("cache", d.cache()).end();
        }
        if (d.source() != null) {
            String attr = switch (d.type()) {
                case "block" -> "dev";
                case "dir" -> "dir";
                default -> "file";
            };
            w.start("source").attr(attr, d.source()).end();
        }
        w.start("target").attr("dev", d.targetDev()).attr("bus", d.targetBus()).end();
        if (d.bootOrder() != null) {
            w.start("boot").attr("order", d.bootOrder()).end();
        }
        if (d.readonly()) {
            w.empty("readonly");
        }
        w.element("serial", d.serial());
        AddressXml.formatAlias(w, d.alias(), flags);
        AddressXml.format(w, d.address());
        w.end();
    }
}
