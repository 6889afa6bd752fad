package io.jvirt.conf.xml;

import io.jvirt.conf.device.BackingStoreDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskDriverDef;
import io.jvirt.conf.device.DiskSourceDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code <disk>}: parse and format. */
public final class DiskXml {
    static final List<String> IOTUNE = io.jvirt.conf.device.DiskIotuneDef.NAMES;

    private DiskXml() {
    }

    static DiskDef parse(XmlElement e) {
        String type = Parse.oneOf(e, "type", e.attr("type").orElse("file"), "file", "block", "network", "volume", "dir");
        String device = Parse.oneOf(e, "device", e.attr("device").orElse("disk"), "disk", "cdrom", "floppy", "lun");
        DiskDriverDef driver = e.child("driver").map(d -> new DiskDriverDef(d.attr("name").orElse(null),
                d.attr("type").orElse(null),
                Parse.optOneOf(d, "cache", "default", "none", "writethrough", "writeback", "directsync", "unsafe"),
                Parse.optOneOf(d, "io", "threads", "native", "io_uring"),
                Parse.optOneOf(d, "discard", "unmap", "ignore"),
                Parse.optOneOf(d, "detect_zeroes", "off", "on", "unmap"), Parse.optUInt(d, "iothread"),
                Parse.optOneOf(d, "error_policy", "stop", "report", "ignore", "enospace"), Parse.optUInt(d, "queues"),
                Parse.optOneOf(d, "rerror_policy", "stop", "report", "ignore")))
                .orElse(DiskDriverDef.NONE);
        DiskSourceDef source = sourceOf(e, type, 0);
        XmlElement t = e.child("target").orElseThrow(() -> e.error("missing <target> in element 'disk'"));
        DiskDef.Target target = new DiskDef.Target(t.requireAttr("dev"),
                Parse.optOneOf(t, "bus", "virtio", "sata", "scsi", "ide", "usb", "fdc", "sd"),
                Parse.optOneOf(t, "tray", "open", "closed"), Parse.optOnOff(t, "removable"));
        Map<String, Long> iotuneValues = new LinkedHashMap<>();
        String[] group = {null};
        e.child("iotune").ifPresent(io -> {
            for (String n : IOTUNE) {
                Long v = Parse.childLong(io, n);
                if (v != null) {
                    iotuneValues.put(n, v);
                }
            }
            group[0] = Parse.childText(io, "group_name");
        });
        var iotune = new io.jvirt.conf.device.DiskIotuneDef(iotuneValues, group[0]);
        DiskDef.BlockIo blockio = e.child("blockio").map(b -> new DiskDef.BlockIo(
                Parse.optUInt(b, "logical_block_size"), Parse.optUInt(b, "physical_block_size"))).orElse(null);
        // libvirt 9.0 writes <encryption> inside <source>; older XML has it in <disk>
        String secret = e.child("encryption").or(() -> e.child("source").flatMap(s -> s.child("encryption"))).map(en -> {
            Parse.oneOf(en, "format", en.requireAttr("format"), "luks", "default");
            XmlElement s = en.child("secret").orElseThrow(() -> en.error("missing <secret> in 'encryption'"));
            Parse.oneOf(s, "type", s.requireAttr("type"), "passphrase");
            return s.requireAttr("uuid");
        }).orElse(null);
        Integer boot = e.child("boot").map(b -> Parse.toInt(b, "order", b.requireAttr("order"))).orElse(null);
        return new DiskDef(type, device, driver, source, target, new DiskDef.Flags(Parse.flag(e, "readonly"),
                Parse.flag(e, "shareable"), Parse.flag(e, "transient")), boot,
                identity(e), blockio, e.child("geometry").map(g -> new DiskDef.Geometry(
                        Parse.toInt(g, "cyls", g.requireAttr("cyls")), Parse.toInt(g, "heads", g.requireAttr("heads")),
                        Parse.toInt(g, "secs", g.requireAttr("secs")), Parse.optOneOf(g, "trans", "none", "lba", "auto")))
                        .orElse(null), iotune,
                secret, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    private static DiskDef.Identity identity(XmlElement e) {
        String wwn = Parse.childText(e, "wwn");
        String vendor = Parse.childText(e, "vendor");
        String product = Parse.childText(e, "product");
        if (vendor != null && (vendor.length() > 8 || !vendor.matches("[\\x20-\\x7E]*"))) {
            throw e.child("vendor").orElseThrow().error("disk vendor '" + vendor
                    + "' must be at most 8 printable characters");
        }
        if (product != null && (product.length() > 16 || !product.matches("[\\x20-\\x7E]*"))) {
            throw e.child("product").orElseThrow().error("disk product '" + product
                    + "' must be at most 16 printable characters");
        }
        return new DiskDef.Identity(Parse.childText(e, "serial"), wwn, vendor, product);
    }

    /** Backing chains deeper than this are refused (hostile input; qemu-img caps chains too). */
    static final int MAX_BACKING_DEPTH = 32;

    private static DiskSourceDef sourceOf(XmlElement disk, String type, int depth) {
        DiskSourceDef src = disk.child("source").map(s -> source(s, type)).orElse(DiskSourceDef.NONE);
        // libvirt also accepts <auth> as a child of <disk>; keep it with the source either way
        var outerAuth = disk.child("auth");
        if (outerAuth.isPresent()) {
            if (src.auth() != null) {
                throw outerAuth.get().error("<auth> given both in <disk> and in <source>");
            }
            src = new DiskSourceDef(src.path(), src.startupPolicy(), src.protocol(), src.name(), src.hosts(),
                    src.pool(), src.volume(), auth(outerAuth.get()), null);
        }
        BackingStoreDef backing = disk.child("backingStore").map(b -> backing(b, depth)).orElse(null);
        return new DiskSourceDef(src.path(), src.startupPolicy(), src.protocol(), src.name(), src.hosts(), src.pool(),
                src.volume(), src.auth(), backing);
    }

    private static BackingStoreDef backing(XmlElement b, int depth) {
        if (depth >= MAX_BACKING_DEPTH) {
            throw b.error("backing chain is deeper than " + MAX_BACKING_DEPTH);
        }
        b.attr("index"); // live state of a running domain's chain, renumbered by the driver
        var type = b.attr("type");
        if (type.isEmpty()) {
            if (!b.childrenView().isEmpty()) {
                throw b.error("a <backingStore> without 'type' must be empty");
            }
            return BackingStoreDef.NONE;
        }
        String t = Parse.oneOf(b, "type", type.get(), "file", "block", "network", "dir", "volume");
        String format = b.child("format").map(f -> f.requireAttr("type")).orElse(null);
        if (b.child("source").isEmpty()) {
            throw b.error("missing <source> in <backingStore>");
        }
        return new BackingStoreDef(t, format, sourceOf(b, t, depth + 1));
    }

    private static DiskSourceDef.Auth auth(XmlElement a) {
        XmlElement s = a.child("secret").orElseThrow(() -> a.error("missing <secret> in <auth>"));
        String uuid = s.attr("uuid").orElse(null);
        String usage = s.attr("usage").orElse(null);
        if ((uuid == null) == (usage == null)) {
            throw s.error("<secret> in <auth> needs exactly one of 'uuid' and 'usage'");
        }
        return new DiskSourceDef.Auth(a.requireAttr("username"), Parse.oneOf(s, "type", s.requireAttr("type"),
                "ceph", "iscsi", "vtpm"), uuid, usage);
    }

    private static DiskSourceDef source(XmlElement s, String type) {
        String policy = Parse.optOneOf(s, "startupPolicy", "mandatory", "requisite", "optional");
        s.attr("index"); // live state, as on <backingStore>
        DiskSourceDef.Auth auth = s.child("auth").map(DiskXml::auth).orElse(null);
        return switch (type) {
            case "file" -> new DiskSourceDef(s.attr("file").orElse(null), policy, null, null, List.of(), null, null,
                    auth, null);
            case "block" -> new DiskSourceDef(s.attr("dev").orElse(null), policy, null, null, List.of(), null, null,
                    auth, null);
            case "dir" -> new DiskSourceDef(s.attr("dir").orElse(null), policy, null, null, List.of(), null, null,
                    auth, null);
            case "volume" -> new DiskSourceDef(null, policy, null, null, List.of(), s.requireAttr("pool"),
                    s.requireAttr("volume"), auth, null);
            default -> {
                String protocol = Parse.oneOf(s, "protocol", s.requireAttr("protocol"), "nbd", "iscsi", "rbd",
                        "sheepdog", "gluster", "http", "https", "ftp", "ftps", "tftp", "ssh", "vxhs", "nfs");
                List<DiskSourceDef.Host> hosts = new ArrayList<>();
                for (XmlElement h : s.children("host")) {
                    hosts.add(new DiskSourceDef.Host(h.attr("name").orElse(null), Parse.optUInt(h, "port"),
                            Parse.optOneOf(h, "transport", "tcp", "unix", "rdma"), h.attr("socket").orElse(null)));
                }
                yield new DiskSourceDef(null, policy, protocol, s.attr("name").orElse(null), hosts, null, null, auth,
                        null);
            }
        };
    }

    private static void formatSource(XmlWriter w, String type, DiskSourceDef s) {
        if (!s.isEmpty()) {
            w.start("source");
            switch (type) {
                case "block" -> w.attr("dev", s.path());
                case "dir" -> w.attr("dir", s.path());
                case "volume" -> w.attr("pool", s.pool()).attr("volume", s.volume());
                case "network" -> w.attr("protocol", s.protocol()).attr("name", s.name());
                default -> w.attr("file", s.path());
            }
            w.attr("startupPolicy", s.startupPolicy());
            s.hosts().forEach(h -> w.start("host").attr("transport", h.transport()).attr("name", h.name())
                    .attr("port", h.port()).attr("socket", h.socket()).end());
            DiskSourceDef.Auth a = s.auth();
            if (a != null) {
                w.start("auth").attr("username", a.username());
                w.start("secret").attr("type", a.secretType()).attr("uuid", a.secretUuid())
                        .attr("usage", a.secretUsage()).end();
                w.end();
            }
            w.end();
        }
        BackingStoreDef b = s.backingStore();
        if (b != null) {
            w.start("backingStore").attr("type", b.type());
            if (b.type() != null) {
                if (b.format() != null) {
                    w.start("format").attr("type", b.format()).end();
                }
                formatSource(w, b.type(), b.source());
            }
            w.end();
        }
    }

    static void format(XmlWriter w, DiskDef d, Set<FormatFlag> flags) {
        w.start("disk").attr("type", d.type()).attr("device", d.device());
        DiskDriverDef dr = d.driver();
        if (!dr.isEmpty()) {
            w.start("driver").attr("name", dr.name()).attr("type", dr.format()).attr("cache", dr.cache())
                    .attr("error_policy", dr.errorPolicy()).attr("rerror_policy", dr.rerrorPolicy()).attr("io", dr.io()).attr("discard", dr.discard())
                    .attr("iothread", dr.iothread()).attr("queues", dr.queues())
                    .attr("detect_zeroes", dr.detectZeroes()).end();
        }
        formatSource(w, d.type(), d.sourceDef());
        DiskDef.Geometry g = d.geometry();
        if (g != null) {
            w.start("geometry").attr("cyls", g.cyls()).attr("heads", g.heads()).attr("secs", g.secs())
                    .attr("trans", g.trans()).end();
        }
        if (d.blockio() != null) {
            w.start("blockio").attr("logical_block_size", d.blockio().logical())
                    .attr("physical_block_size", d.blockio().physical()).end();
        }
        DiskDef.Target t = d.target();
        w.start("target").attr("dev", t.dev()).attr("bus", t.bus()).attr("tray", t.tray())
                .attrOnOff("removable", t.removable()).end();
        if (!d.iotune().isEmpty()) {
            w.start("iotune");
            for (String n : IOTUNE) {
                w.element(n, d.iotune().values().get(n));
                if (n.equals("size_iops_sec")) {
                    w.element("group_name", d.iotune().groupName());
                }
            }
            w.end();
        }
        w.flag("readonly", d.flags().readonly());
        w.flag("shareable", d.flags().shareable());
        w.flag("transient", d.flags().transientDisk());
        w.element("serial", d.identity().serial());
        w.element("wwn", d.identity().wwn());
        w.element("vendor", d.identity().vendor());
        w.element("product", d.identity().product());
        if (d.encryption() != null) {
            w.start("encryption").attr("format", "luks");
            w.start("secret").attr("type", "passphrase").attr("uuid", d.encryption()).end();
            w.end();
        }
        if (d.bootOrder() != null) {
            w.start("boot").attr("order", d.bootOrder()).end();
        }
        AddressXml.formatAlias(w, d.alias(), flags);
        AddressXml.format(w, d.address());
        w.end();
    }
}
