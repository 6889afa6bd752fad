package io.jvirt.conf.xml;

import io.jvirt.conf.device.ChrSourceDef;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.ShmemDef;
import io.jvirt.conf.device.TpmDef;

import java.util.Set;

/** Devices backed by a host resource: rng, tpm, filesystem. Parse/format pairs in that order. */
final class HostBackedDevicesXml {
    private HostBackedDevicesXml() {
    }

    static RngDef rng(XmlElement e) {
        String model = Parse.oneOf(e, "model", e.requireAttr("model"), "virtio", "virtio-transitional",
                "virtio-non-transitional");
        XmlElement b = e.child("backend").orElseThrow(() -> e.error("missing <backend> in element 'rng'"));
        String bm = Parse.oneOf(b, "model", b.requireAttr("model"), "random", "egd", "builtin");
        String path = null;
        ChrSourceDef egd = null;
        switch (bm) {
            case "random" -> {
                path = b.text();
                path = path.isEmpty() ? null : path;
            }
            case "egd" -> {
                String type = Parse.oneOf(b, "type", b.requireAttr("type"), "tcp", "udp", "unix");
                XmlElement s = b.child("source").orElseThrow(() -> b.error("missing <source> in egd backend"));
                egd = new ChrSourceDef(type, Parse.optOneOf(s, "mode", "bind", "connect"),
                        s.attr("path").orElse(null), s.attr("host").orElse(null), s.attr("service").orElse(null));
            }
            default -> { }
        }
        Integer bytes = null;
        Integer period = null;
        var rate = e.child("rate");
        if (rate.isPresent()) {
            bytes = Parse.toInt(rate.get(), "bytes", rate.get().requireAttr("bytes"));
            period = Parse.optUInt(rate.get(), "period");
        }
        return new RngDef(model, bm, path, egd, bytes, period, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, RngDef d, Set<FormatFlag> flags) {
        w.start("rng").attr("model", d.model());
        if (d.rateBytes() != null) {
            w.start("rate").attr("bytes", d.rateBytes()).attr("period", d.ratePeriod()).end();
        }
        w.start("backend").attr("model", d.backendModel());
        ChrSourceDef s = d.egdSource();
        if (s != null) {
            w.attr("type", s.type());
            w.start("source").attr("mode", s.mode()).attr("path", s.path()).attr("host", s.host())
                    .attr("service", s.service()).end();
            w.end();
        } else if (d.randomPath() != null) {
            w.text(d.randomPath());
        } else {
            w.end();
        }
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }

    static TpmDef tpm(XmlElement e) {
        String model = Parse.optOneOf(e, "model", "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy");
        XmlElement b = e.child("backend").orElseThrow(() -> e.error("missing <backend> in element 'tpm'"));
        String type = Parse.oneOf(b, "type", b.requireAttr("type"), "passthrough", "emulator", "external");
        String version = Parse.optOneOf(b, "version", "1.2", "2.0");
        String device = b.child("device").map(d -> d.requireAttr("path")).orElse(null);
        Boolean persistent = Parse.optYesNo(b, "persistent_state");
        String secret = b.child("encryption").map(x -> x.requireAttr("secret")).orElse(null);
        return new TpmDef(model, type, version, device, persistent, secret, AddressXml.parseAlias(e),
                AddressXml.parse(e));
    }

    static void format(XmlWriter w, TpmDef d, Set<FormatFlag> flags) {
        w.start("tpm").attr("model", d.model());
        w.start("backend").attr("type", d.backendType()).attr("version", d.version())
                .attrYesNo("persistent_state", d.persistentState());
        if (d.devicePath() != null) {
            w.start("device").attr("path", d.devicePath()).end();
        }
        if (d.encryptionSecret() != null) {
            w.start("encryption").attr("secret", d.encryptionSecret()).end();
        }
        w.end();
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }

    static FilesystemDef filesystem(XmlElement e) {
        Parse.oneOf(e, "type", e.attr("type").orElse("mount"), "mount");
        String access = Parse.optOneOf(e, "accessmode", "passthrough", "mapped", "squash");
        String multidevs = Parse.optOneOf(e, "multidevs", "default", "remap", "forbid", "warn");
        Integer fmode = octalMode(e, "fmode");
        Integer dmode = octalMode(e, "dmode");
        String driverType = null;
        String wrpolicy = null;
        Integer queue = null;
        var d = e.child("driver");
        if (d.isPresent()) {
            driverType = Parse.optOneOf(d.get(), "type", "path", "handle", "virtiofs", "loop", "nbd", "ploop");
            queue = Parse.optUInt(d.get(), "queue");
            wrpolicy = Parse.optOneOf(d.get(), "wrpolicy", "immediate");
        }
        FilesystemDef.Binary binary = e.child("binary").map(b -> new FilesystemDef.Binary(
                b.attr("path").orElse(null), Parse.optOnOff(b, "xattr"),
                b.child("cache").map(c -> Parse.optOneOf(c, "mode", "none", "always", "auto")).orElse(null),
                b.child("sandbox").map(c -> Parse.optOneOf(c, "mode", "namespace", "chroot")).orElse(null),
                b.child("lock").map(c -> Parse.optOnOff(c, "posix")).orElse(null),
                b.child("lock").map(c -> Parse.optOnOff(c, "flock")).orElse(null),
                b.child("thread_pool").map(c -> Parse.optUInt(c, "size")).orElse(null))).orElse(null);
        XmlElement src = e.child("source").orElseThrow(() -> e.error("missing <source> in element 'filesystem'"));
        XmlElement tgt = e.child("target").orElseThrow(() -> e.error("missing <target> in element 'filesystem'"));
        return new FilesystemDef(access, driverType, queue, binary, src.requireAttr("dir"), tgt.requireAttr("dir"),
                Parse.flag(e, "readonly"), new FilesystemDef.NineP(multidevs, fmode, dmode, wrpolicy),
                AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    /** An octal file mode attribute ({@code fmode='644'}), at most 0777. */
    private static Integer octalMode(XmlElement e, String attr) {
        String v = e.attr(attr).orElse(null);
        if (v == null) {
            return null;
        }
        try {
            int m = Integer.parseInt(v, 8);
            if (m >= 0 && m <= 0777) {
                return m;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw e.error("invalid " + attr + " '" + v + "' in element 'filesystem': an octal mode up to 0777 expected");
    }

    static void format(XmlWriter w, FilesystemDef d, Set<FormatFlag> flags) {
        FilesystemDef.NineP n = d.ninep();
        w.start("filesystem").attr("type", "mount").attr("accessmode", d.accessmode()).attr("multidevs", n.multidevs())
                .attr("fmode", n.fmode() == null ? null : String.format("%04o", n.fmode()))
                .attr("dmode", n.dmode() == null ? null : String.format("%04o", n.dmode()));
        if (d.driverType() != null || d.queue() != null || n.wrpolicy() != null) {
            w.start("driver").attr("type", d.driverType()).attr("wrpolicy", n.wrpolicy()).attr("queue", d.queue()).end();
        }
        FilesystemDef.Binary b = d.binary();
        if (b != null) {
            w.start("binary").attr("path", b.path()).attrOnOff("xattr", b.xattr());
            if (b.cache() != null) {
                w.start("cache").attr("mode", b.cache()).end();
            }
            if (b.sandbox() != null) {
                w.start("sandbox").attr("mode", b.sandbox()).end();
            }
            if (b.posixLock() != null || b.flock() != null) {
                w.start("lock").attrOnOff("posix", b.posixLock()).attrOnOff("flock", b.flock()).end();
            }
            if (b.threadPoolSize() != null) {
                w.start("thread_pool").attr("size", b.threadPoolSize()).end();
            }
            w.end();
        }
        w.start("source").attr("dir", d.source()).end();
        w.start("target").attr("dir", d.target()).end();
        w.flag("readonly", d.readonly());
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }

    static ShmemDef shmem(XmlElement e) {
        String name = e.requireAttr("name");
        if (name.isEmpty() || name.contains("/")) {
            throw e.error("invalid shmem name '" + name + "'");
        }
        String model = e.child("model").map(m -> Parse.oneOf(m, "type", m.requireAttr("type"), "ivshmem",
                "ivshmem-plain", "ivshmem-doorbell")).orElse(null);
        String server = null;
        var srv = e.child("server");
        if (srv.isPresent()) {
            server = srv.get().attr("path").orElse(null);
        }
        Integer vectors = null;
        Boolean ioeventfd = null;
        var msi = e.child("msi");
        if (msi.isPresent()) {
            vectors = Parse.optUInt(msi.get(), "vectors");
            ioeventfd = Parse.optOnOff(msi.get(), "ioeventfd");
            Parse.optOnOff(msi.get(), "enabled");
        }
        return new ShmemDef(name, model, Parse.childSize(e, "size"), server, vectors, ioeventfd,
                AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, ShmemDef d, Set<FormatFlag> flags) {
        w.start("shmem").attr("name", d.name());
        if (d.model() != null) {
            w.start("model").attr("type", d.model()).end();
        }
        if (d.size() != null) {
            w.start("size").attr("unit", "M").text(Long.toString(d.size().mib()));
        }
        if (d.serverPath() != null) {
            w.start("server").attr("path", d.serverPath()).end();
        }
        if (d.vectors() != null || d.ioeventfd() != null) {
            w.start("msi").attr("vectors", d.vectors()).attrOnOff("ioeventfd", d.ioeventfd()).end();
        }
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }
}
