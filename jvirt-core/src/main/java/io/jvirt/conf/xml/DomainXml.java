package io.jvirt.conf.xml;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.ClockDef;
import io.jvirt.conf.CpuDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FeatureDef;
import io.jvirt.conf.GeneralDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.conf.LifecycleDef;
import io.jvirt.conf.MemoryDef;
import io.jvirt.conf.OsDef;
import io.jvirt.conf.QemuNamespaceDef;
import io.jvirt.conf.VcpuDef;
import io.jvirt.conf.VirtType;
import io.jvirt.conf.XmlEnum;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.Devices;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.device.MemballoonDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The domain XML codec: {@link #parse} does syntax and type conversion only (no defaults, no
 * rules), {@link #format} writes libvirt's element order and style. Anything the codec does not
 * understand is refused with an error naming it, never dropped.
 *
 * <p>Stateless and thread-safe.
 */
public final class DomainXml {
    private static final Set<String> SIMPLE_FEATURES = Set.of("acpi", "apic", "pae", "hap", "vmport", "smm",
            "pmu", "pvspinlock", "privnet", "viridian", "htm", "vmcoreinfo", "ioapic");
    private static final Set<String> STATE_FEATURES = Set.of("hap", "vmport", "smm", "pmu", "pvspinlock", "htm",
            "vmcoreinfo");

    private DomainXml() {
    }

    /** Parses a domain document. */
    public static DomainDef parse(String xml) {
        XmlElement root = XmlReader.parse(xml, "domain_definition");
        if (!root.name().equals("domain") || !root.namespace().isEmpty()) {
            throw root.error("expecting root element 'domain', not '" + root.name() + "'");
        }
        DomainDef def = parse(root);
        root.checkAllConsumed();
        return def;
    }

    /** Parses a {@code <domain>} element inside a larger document (status files). */
    public static DomainDef parseElement(XmlElement root) {
        DomainDef def = parse(root);
        root.checkAllConsumed();
        return def;
    }

    static DomainDef parse(XmlElement root) {
        VirtType type = XmlEnum.parse(VirtType.class, root.requireAttr("type"), "type", root);
        root.attr("id"); // live id of a status/live document; not configuration
        String name = Parse.childText(root, "name");
        if (name == null || name.isEmpty()) {
            throw new XmlException(ErrorNumber.NO_NAME, ErrorDomain.DOMAIN, null);
        }
        UUID uuid = root.child("uuid").map(u -> parseUuid(u)).orElse(null);
        String title = Parse.childText(root, "title");
        String description = root.child("description").map(XmlElement::rawText).orElse(null);
        String metadata = root.child("metadata").map(DomainXml::metadataText).orElse(null);
        return new DomainDef(type, name, uuid, new GeneralDef(title, description, metadata), parseMemory(root),
                parseVcpu(root), parseCpu(root), parseOs(root), parseFeatures(root), parseClock(root),
                parseLifecycle(root), parseDevices(root), parseQemu(root));
    }

    private static UUID parseUuid(XmlElement u) {
        String t = u.text();
        String norm = t.replace("-", "");
        if (!norm.matches("[0-9a-fA-F]{32}")) {
            throw u.error("malformed uuid element: '" + t + "'");
        }
        return UUID.fromString(norm.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
    }

    private static String metadataText(XmlElement m) {
        m.consumeAll();
        StringBuilder sb = new StringBuilder();
        for (XmlElement c : m.childrenView()) {
            if (c.namespace().isEmpty()) {
                throw c.error("metadata element '" + c.name() + "' must be in a namespace");
            }
            sb.append(XmlSerializer.serialize(c));
        }
        return sb.toString();
    }

    private static MemoryDef parseMemory(XmlElement root) {
        XmlElement mem = root.child("memory").orElseThrow(() -> root.error("missing element 'memory'"));
        ByteSize memory = size(mem);
        ByteSize current = root.child("currentMemory").map(DomainXml::size).orElse(null);
        ByteSize max = null;
        Integer slots = null;
        var maxEl = root.child("maxMemory");
        if (maxEl.isPresent()) {
            max = size(maxEl.get());
            slots = Parse.optInt(maxEl.get(), "slots");
        }
        mem.attr("dumpCore");
        return new MemoryDef(memory, current, max, slots);
    }

    private static ByteSize size(XmlElement e) {
        return ByteSize.parse(e.text(), e.attr("unit").orElse(null), "KiB", "element '" + e.name() + "'");
    }

    private static VcpuDef parseVcpu(XmlElement root) {
        return root.child("vcpu").map(v -> {
            int max = Parse.toInt(v, "vcpu", v.text());
            if (max < 1) {
                throw v.error("invalid vcpu count " + max + ": must be at least 1");
            }
            return new VcpuDef(max, Parse.optInt(v, "current"),
                    Parse.oneOf(v, "placement", v.attr("placement").orElse(null), "static", "auto"),
                    v.attr("cpuset").orElse(null));
        }).orElse(new VcpuDef(1, null, null, null));
    }

    private static CpuDef parseCpu(XmlElement root) {
        return root.child("cpu").map(c -> {
            String mode = Parse.oneOf(c, "mode", c.attr("mode").orElse(null),
                    "custom", "host-model", "host-passthrough", "maximum");
            String match = Parse.oneOf(c, "match", c.attr("match").orElse(null), "minimum", "exact", "strict");
            String check = Parse.oneOf(c, "check", c.attr("check").orElse(null), "none", "partial", "full");
            String model = null;
            String fallback = null;
            var m = c.child("model");
            if (m.isPresent()) {
                model = m.get().text();
                fallback = Parse.oneOf(m.get(), "fallback", m.get().attr("fallback").orElse(null), "allow", "forbid");
            }
            Integer sockets = null;
            Integer cores = null;
            Integer threads = null;
            var topo = c.child("topology");
            if (topo.isPresent()) {
                XmlElement t = topo.get();
                sockets = Parse.toInt(t, "sockets", t.requireAttr("sockets"));
                cores = Parse.toInt(t, "cores", t.requireAttr("cores"));
                threads = Parse.toInt(t, "threads", t.requireAttr("threads"));
            }
            return new CpuDef(mode, match, check, model, fallback, sockets, cores, threads);
        }).orElse(CpuDef.NONE);
    }

    private static OsDef parseOs(XmlElement root) {
        XmlElement os = root.child("os").orElseThrow(() -> root.error("missing element 'os'"));
        XmlElement type = os.child("type").orElseThrow(() -> os.error("missing element 'type' in 'os'"));
        String osType = type.text();
        if (!osType.equals("hvm")) {
            throw type.error("unsupported OS type '" + osType + "' (only 'hvm' is supported by the QEMU driver)");
        }
        String arch = type.attr("arch").orElse(null);
        String machine = type.attr("machine").orElse(null);
        List<String> boot = new ArrayList<>();
        for (XmlElement b : os.children("boot")) {
            boot.add(Parse.oneOf(b, "dev", b.requireAttr("dev"), "hd", "cdrom", "network", "fd"));
        }
        Boolean bootmenu = os.child("bootmenu").map(b -> Parse.optYesNo(b, "enable")).orElse(null);
        return new OsDef(osType, arch, machine, Parse.childText(os, "kernel"), Parse.childText(os, "initrd"),
                os.child("cmdline").map(XmlElement::rawText).orElse(null), Parse.childText(os, "dtb"), boot, bootmenu);
    }

    private static List<FeatureDef> parseFeatures(XmlElement root) {
        List<FeatureDef> out = new ArrayList<>();
        root.child("features").ifPresent(f -> {
            for (XmlElement c : f.allChildren()) {
                if (!c.namespace().isEmpty() || !SIMPLE_FEATURES.contains(c.name())) {
                    throw c.error("unsupported feature '" + c.name() + "'");
                }
                Boolean state = STATE_FEATURES.contains(c.name()) ? Parse.optOnOff(c, "state") : null;
                out.add(new FeatureDef(c.name(), state));
            }
        });
        return out;
    }

    private static ClockDef parseClock(XmlElement root) {
        return root.child("clock").map(c -> {
            String offset = Parse.oneOf(c, "offset", c.attr("offset").orElse("utc"),
                    "utc", "localtime", "timezone", "variable");
            String tz = c.attr("timezone").orElse(null);
            Long adj = c.attr("adjustment").map(Long::parseLong).orElse(null);
            return new ClockDef(offset, tz, adj);
        }).orElse(ClockDef.DEFAULT);
    }

    private static LifecycleDef parseLifecycle(XmlElement root) {
        return new LifecycleDef(action(root, "on_poweroff"), action(root, "on_reboot"), action(root, "on_crash"));
    }

    private static LifecycleAction action(XmlElement root, String name) {
        return root.child(name).map(e -> XmlEnum.parse(LifecycleAction.class, e.text(), name, e)).orElse(null);
    }

    private static Devices parseDevices(XmlElement root) {
        var devEl = root.child("devices");
        if (devEl.isEmpty()) {
            return Devices.EMPTY;
        }
        XmlElement d = devEl.get();
        String emulator = Parse.childText(d, "emulator");
        List<DiskDef> disks = d.children("disk").stream().map(DiskXml::parse).toList();
        List<InterfaceDef> nics = d.children("interface").stream().map(InterfaceXml::parse).toList();
        List<ChrDef> serials = d.children("serial").stream().map(e -> ChrXml.parse(e, ChrDef.Kind.SERIAL)).toList();
        List<ChrDef> consoles = d.children("console").stream().map(e -> ChrXml.parse(e, ChrDef.Kind.CONSOLE)).toList();
        List<ChrDef> channels = d.children("channel").stream().map(e -> ChrXml.parse(e, ChrDef.Kind.CHANNEL)).toList();
        List<GraphicsDef> graphics = d.children("graphics").stream().map(DomainXml::parseGraphics).toList();
        MemballoonDef balloon = d.child("memballoon").map(m -> {
            String model = Parse.oneOf(m, "model", m.requireAttr("model"), "virtio", "none", "virtio-transitional",
                    "virtio-non-transitional");
            Integer period = m.child("stats").map(s -> Parse.toInt(s, "period", s.requireAttr("period"))).orElse(null);
            return new MemballoonDef(model, period, AddressXml.parseAlias(m), AddressXml.parse(m));
        }).orElse(null);
        return new Devices(emulator, disks, nics, serials, consoles, channels, graphics, balloon);
    }

    private static GraphicsDef parseGraphics(XmlElement g) {
        String type = Parse.oneOf(g, "type", g.requireAttr("type"), "vnc", "spice");
        Integer port = Parse.optInt(g, "port");
        Boolean autoport = Parse.optYesNo(g, "autoport");
        String listen = g.attr("listen").orElse(null);
        String socket = g.attr("socket").orElse(null);
        for (XmlElement l : g.children("listen")) {
            String lt = Parse.oneOf(l, "type", l.requireAttr("type"), "address", "socket", "none");
            if (lt.equals("address")) {
                String a = l.attr("address").orElse(null);
                if (listen != null && a != null && !listen.equals(a)) {
                    throw l.error("graphics listen attribute '" + listen + "' must match address attribute of first listen element (found '" + a + "')");
                }
                listen = a == null ? listen : a;
            } else if (lt.equals("socket")) {
                socket = l.attr("socket").orElse(socket);
            }
        }
        return new GraphicsDef(type, port, autoport, listen, socket, g.attr("passwd").orElse(null),
                g.attr("keymap").orElse(null));
    }

    private static QemuNamespaceDef parseQemu(XmlElement root) {
        List<String> args = new ArrayList<>();
        List<QemuNamespaceDef.Env> env = new ArrayList<>();
        for (XmlElement q : root.childrenInNamespace(QemuNamespaceDef.NS)) {
            if (!q.name().equals("commandline")) {
                throw q.error("unsupported element 'qemu:" + q.name() + "'");
            }
            for (XmlElement c : q.allChildren()) {
                if (!c.namespace().equals(QemuNamespaceDef.NS)) {
                    throw c.error("unsupported element '" + c.name() + "' in qemu:commandline");
                }
                switch (c.name()) {
                    case "arg" -> args.add(c.requireAttr("value"));
                    case "env" -> {
                        String n = c.requireAttr("name");
                        if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                            throw c.error("invalid environment name '" + n + "', it must begin with a letter or underscore");
                        }
                        env.add(new QemuNamespaceDef.Env(n, c.attr("value").orElse(null)));
                    }
                    default -> throw c.error("unsupported element 'qemu:" + c.name() + "'");
                }
            }
        }
        return new QemuNamespaceDef(args, env);
    }

    // ------------------------------------------------------------------------------------------

    /** Formats a definition; {@code id} is written when the domain is running (>= 0). */
    public static String format(DomainDef def, int id, Set<FormatFlag> flags) {
        XmlWriter w = new XmlWriter();
        w.start("domain").attr("type", def.type().xml());
        if (id >= 0 && !flags.contains(FormatFlag.INACTIVE)) {
            w.attr("id", id);
        }
        if (!def.qemu().isEmpty()) {
            w.attr("xmlns:qemu", QemuNamespaceDef.NS);
        }
        w.element("name", def.name());
        w.element("uuid", def.uuid());
        w.element("title", def.general().title());
        w.element("description", def.general().description());
        if (def.general().metadata() != null) {
            w.start("metadata");
            w.raw(def.general().metadata());
            w.end();
        }
        MemoryDef m = def.memory();
        if (m.maxMemory() != null) {
            w.start("maxMemory").attr("slots", m.maxSlots()).attr("unit", "KiB").text(Long.toString(m.maxMemory().kib()));
        }
        w.start("memory").attr("unit", "KiB").text(Long.toString(m.memory().kib()));
        if (m.currentMemory() != null) {
            w.start("currentMemory").attr("unit", "KiB").text(Long.toString(m.currentMemory().kib()));
        }
        VcpuDef v = def.vcpu();
        w.start("vcpu").attr("placement", v.placement()).attr("cpuset", v.cpuset()).attr("current", v.current())
                .text(Integer.toString(v.max()));
        formatOs(w, def.os());
        if (!def.features().isEmpty()) {
            w.start("features");
            for (FeatureDef f : def.features()) {
                w.start(f.name()).attrOnOff("state", f.state()).end();
            }
            w.end();
        }
        formatCpu(w, def.cpu());
        ClockDef c = def.clock();
        if (c.offset() != null) {
            w.start("clock").attr("offset", c.offset()).attr("timezone", c.timezone()).attr("adjustment", c.adjustment()).end();
        }
        LifecycleDef l = def.lifecycle();
        w.element("on_poweroff", l.onPoweroff() == null ? null : l.onPoweroff().xml());
        w.element("on_reboot", l.onReboot() == null ? null : l.onReboot().xml());
        w.element("on_crash", l.onCrash() == null ? null : l.onCrash().xml());
        formatDevices(w, def.devices(), flags);
        if (!def.qemu().isEmpty()) {
            w.start("qemu:commandline");
            for (String a : def.qemu().args()) {
                w.start("qemu:arg").attr("value", a).end();
            }
            for (QemuNamespaceDef.Env e : def.qemu().env()) {
                w.start("qemu:env").attr("name", e.name()).attr("value", e.value()).end();
            }
            w.end();
        }
        w.end();
        return w.toString();
    }

    /** Formats the persistent (inactive) form. */
    public static String format(DomainDef def) {
        return format(def, -1, EnumSet.of(FormatFlag.INACTIVE, FormatFlag.SECURE));
    }

    private static void formatOs(XmlWriter w, OsDef os) {
        w.start("os");
        w.start("type").attr("arch", os.arch()).attr("machine", os.machine()).text(os.type());
        w.element("kernel", os.kernel());
        w.element("initrd", os.initrd());
        w.element("cmdline", os.cmdline());
        w.element("dtb", os.dtb());
        for (String b : os.boot()) {
            w.start("boot").attr("dev", b).end();
        }
        if (os.bootmenu() != null) {
            w.start("bootmenu").attrYesNo("enable", os.bootmenu()).end();
        }
        w.end();
    }

    private static void formatCpu(XmlWriter w, CpuDef cpu) {
        if (cpu.isEmpty()) {
            return;
        }
        w.start("cpu").attr("mode", cpu.mode()).attr("match", cpu.match()).attr("check", cpu.check());
        if (cpu.model() != null) {
            w.start("model").attr("fallback", cpu.fallback()).text(cpu.model());
        }
        if (cpu.sockets() != null) {
            w.start("topology").attr("sockets", cpu.sockets()).attr("cores", cpu.cores())
                    .attr("threads", cpu.threads()).end();
        }
        w.end();
    }

    private static void formatDevices(XmlWriter w, Devices d, Set<FormatFlag> flags) {
        w.start("devices");
        w.element("emulator", d.emulator());
        d.disks().forEach(x -> DiskXml.format(w, x, flags));
        d.interfaces().forEach(x -> InterfaceXml.format(w, x, flags));
        d.serials().forEach(x -> ChrXml.format(w, x, flags));
        d.consoles().forEach(x -> ChrXml.format(w, x, flags));
        d.channels().forEach(x -> ChrXml.format(w, x, flags));
        for (GraphicsDef g : d.graphics()) {
            w.start("graphics").attr("type", g.type()).attr("port", g.port()).attrYesNo("autoport", g.autoport())
                    .attr("socket", g.socket()).attr("listen", g.listen())
                    .attr("passwd", flags.contains(FormatFlag.SECURE) ? g.passwd() : null)
                    .attr("keymap", g.keymap());
            if (g.listen() != null) {
                w.start("listen").attr("type", "address").attr("address", g.listen()).end();
            }
            w.end();
        }
        MemballoonDef b = d.memballoon();
        if (b != null) {
            w.start("memballoon").attr("model", b.model());
            if (b.statsPeriod() != null) {
                w.start("stats").attr("period", b.statsPeriod()).end();
            }
            AddressXml.formatAlias(w, b.alias(), flags);
            AddressXml.format(w, b.address());
            w.end();
        }
        w.end();
    }
}
