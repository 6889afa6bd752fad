package io.jvirt.conf.xml;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.GeneralDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.conf.LifecycleDef;
import io.jvirt.conf.QemuNamespaceDef;
import io.jvirt.conf.VcpuDef;
import io.jvirt.conf.VirtType;
import io.jvirt.conf.XmlEnum;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * The domain XML codec: {@link #parse} does syntax and type conversion only (no defaults, no
 * rules), {@link #format} writes libvirt's element order and style. Anything the codec does not
 * understand is refused with an error naming it, never dropped. Each part of the document has
 * its own codec class; this one holds the root and the small top-level elements.
 *
 * <p>Stateless and thread-safe.
 */
public final class DomainXml {
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
        UUID uuid = root.child("uuid").map(DomainXml::parseUuid).orElse(null);
        String genid = root.child("genid").map(g -> g.text().isEmpty() ? "" : parseUuid(g).toString()).orElse(null);
        String title = Parse.childText(root, "title");
        String description = root.child("description").map(XmlElement::rawText).orElse(null);
        String metadata = root.child("metadata").map(DomainXml::metadataText).orElse(null);
        return new DomainDef(type, name, uuid, new GeneralDef(title, description, metadata, genid),
                MemoryXml.parse(root), parseVcpu(root), CpuXml.parse(root), OsXml.parse(root),
                FeaturesXml.parse(root), ClockXml.parse(root), parseLifecycle(root), DevicesXml.parse(root),
                QemuNamespaceXml.parse(root), TuningXml.parse(root), SeclabelXml.parse(root),
                SysinfoXml.parse(root));
    }

    static UUID parseUuid(XmlElement u) {
        String t = u.text();
        String norm = t.replace("-", "");
        if (!norm.matches("[0-9a-fA-F]{32}") || !(t.length() == 32 || t.length() == 36)) {
            throw u.error("malformed " + u.name() + " element: '" + t + "'");
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

    private static VcpuDef parseVcpu(XmlElement root) {
        return root.child("vcpu").map(v -> {
            int max = Parse.toInt(v, "vcpu", v.text());
            if (max < 1) {
                throw v.error("invalid vcpu count " + max + ": must be at least 1");
            }
            return new VcpuDef(max, Parse.optInt(v, "current"),
                    Parse.optOneOf(v, "placement", "static", "auto"), v.attr("cpuset").orElse(null));
        }).orElse(new VcpuDef(1, null, null, null));
    }

    private static LifecycleDef parseLifecycle(XmlElement root) {
        Boolean mem = null;
        Boolean disk = null;
        var pm = root.child("pm");
        if (pm.isPresent()) {
            mem = pm.get().child("suspend-to-mem").map(e -> Parse.optYesNo(e, "enabled")).orElse(null);
            disk = pm.get().child("suspend-to-disk").map(e -> Parse.optYesNo(e, "enabled")).orElse(null);
        }
        return new LifecycleDef(action(root, "on_poweroff"), action(root, "on_reboot"), action(root, "on_crash"),
                mem, disk);
    }

    private static LifecycleAction action(XmlElement root, String name) {
        return root.child(name).map(e -> {
            for (LifecycleAction a : LifecycleAction.values()) {
                if (a.xml().equals(e.text())) {
                    return a;
                }
            }
            throw e.error("invalid value '" + e.text() + "' for element '" + name + "'");
        }).orElse(null);
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
        if (def.general().genid() != null) {
            if (def.general().genid().isEmpty()) {
                w.empty("genid");
            } else {
                w.element("genid", def.general().genid());
            }
        }
        w.element("title", def.general().title());
        w.element("description", def.general().description());
        if (def.general().metadata() != null) {
            w.start("metadata");
            w.raw(def.general().metadata());
            w.end();
        }
        MemoryXml.format(w, def.memory());
        TuningXml.formatBefore(w, def.tuning());
        MemoryXml.formatBacking(w, def.memory().backing());
        VcpuDef v = def.vcpu();
        w.start("vcpu").attr("placement", v.placement()).attr("cpuset", v.cpuset()).attr("current", v.current())
                .text(Integer.toString(v.max()));
        TuningXml.formatAfter(w, def.tuning());
        SysinfoXml.format(w, def.sysinfo());
        OsXml.format(w, def.os());
        FeaturesXml.format(w, def.features());
        CpuXml.format(w, def.cpu());
        ClockXml.format(w, def.clock());
        LifecycleDef l = def.lifecycle();
        w.element("on_poweroff", l.onPoweroff() == null ? null : l.onPoweroff().xml());
        w.element("on_reboot", l.onReboot() == null ? null : l.onReboot().xml());
        w.element("on_crash", l.onCrash() == null ? null : l.onCrash().xml());
        if (l.hasPm()) {
            w.start("pm");
            if (l.suspendToMem() != null) {
                w.start("suspend-to-mem").attrYesNo("enabled", l.suspendToMem()).end();
            }
            if (l.suspendToDisk() != null) {
                w.start("suspend-to-disk").attrYesNo("enabled", l.suspendToDisk()).end();
            }
            w.end();
        }
        DevicesXml.format(w, def.devices(), flags);
        SeclabelXml.format(w, def.seclabels(), flags);
        QemuNamespaceXml.format(w, def.qemu());
        w.end();
        return w.toString();
    }

    /** Formats the persistent (inactive) form. */
    public static String format(DomainDef def) {
        return format(def, -1, EnumSet.of(FormatFlag.INACTIVE, FormatFlag.SECURE));
    }
}
