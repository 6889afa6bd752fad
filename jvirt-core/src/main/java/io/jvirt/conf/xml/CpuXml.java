package io.jvirt.conf.xml;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.CpuDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code <cpu>}: parse and format. */
final class CpuXml {
    private CpuXml() {
    }

    static CpuDef parse(XmlElement root) {
        return root.child("cpu").map(CpuXml::parseCpu).orElse(CpuDef.NONE);
    }

    private static CpuDef parseCpu(XmlElement c) {
        String mode = Parse.optOneOf(c, "mode", "custom", "host-model", "host-passthrough", "maximum");
        String match = Parse.optOneOf(c, "match", "minimum", "exact", "strict");
        String check = Parse.optOneOf(c, "check", "none", "partial", "full");
        Boolean migratable = Parse.optOnOff(c, "migratable");
        String model = null;
        String fallback = null;
        String vendorId = null;
        var m = c.child("model");
        if (m.isPresent()) {
            model = m.get().text();
            fallback = Parse.optOneOf(m.get(), "fallback", "allow", "forbid");
            vendorId = m.get().attr("vendor_id").orElse(null);
            if (vendorId != null && vendorId.length() != 12) {
                throw m.get().error("vendor_id must be exactly 12 characters long, not '" + vendorId + "'");
            }
        }
        CpuDef.Topology topo = c.child("topology").map(t -> new CpuDef.Topology(
                positive(t, "sockets"), optPositive(t, "dies"), optPositive(t, "clusters"), positive(t, "cores"),
                positive(t, "threads"))).orElse(null);
        CpuDef.Cache cache = c.child("cache").map(k -> new CpuDef.Cache(Parse.optUInt(k, "level"),
                Parse.oneOf(k, "mode", k.requireAttr("mode"), "emulate", "passthrough", "disable"))).orElse(null);
        List<CpuDef.Feature> features = new ArrayList<>();
        for (XmlElement f : c.children("feature")) {
            String policy = Parse.oneOf(f, "policy", f.attr("policy").orElse("require"),
                    "force", "require", "optional", "disable", "forbid");
            features.add(new CpuDef.Feature(policy, f.requireAttr("name")));
        }
        List<CpuDef.NumaCell> cells = new ArrayList<>();
        c.child("numa").ifPresent(n -> n.children("cell").forEach(cell -> cells.add(cell(cell))));
        CpuDef.MaxPhysAddr mpa = c.child("maxphysaddr").map(x -> {
            String md = Parse.oneOf(x, "mode", x.requireAttr("mode"), "emulate", "passthrough");
            Integer bits = Parse.optUInt(x, "bits");
            if (md.equals("emulate") && bits == null) {
                throw x.error("maxphysaddr mode 'emulate' needs 'bits'");
            }
            return new CpuDef.MaxPhysAddr(md, bits);
        }).orElse(null);
        return new CpuDef(mode, match, check, migratable, model, fallback, vendorId, Parse.childText(c, "vendor"),
                topo, cache, features, cells, mpa);
    }

    private static CpuDef.NumaCell cell(XmlElement cell) {
        ByteSize mem = ByteSize.parse(cell.requireAttr("memory"), cell.attr("unit").orElse(null), "KiB",
                "numa cell 'memory'");
        Map<Integer, Integer> dist = new LinkedHashMap<>();
        cell.child("distances").ifPresent(d -> d.children("sibling").forEach(s -> {
            int id = Parse.toInt(s, "id", s.requireAttr("id"));
            int v = Parse.toInt(s, "value", s.requireAttr("value"));
            if (v < 10 || v > 255) {
                throw s.error("'value' of sibling '" + id + "' must be in range 10-255, not " + v);
            }
            if (dist.put(id, v) != null) {
                throw s.error("duplicate sibling id '" + id + "'");
            }
        }));
        return new CpuDef.NumaCell(Parse.optUInt(cell, "id"), cell.attr("cpus").orElse(null), mem,
                Parse.optOneOf(cell, "memAccess", "shared", "private"), Parse.optYesNo(cell, "discard"), dist);
    }

    private static int positive(XmlElement e, String attr) {
        int v = Parse.toInt(e, attr, e.requireAttr(attr));
        if (v < 1) {
            throw e.error("invalid CPU topology: '" + attr + "' must be at least 1");
        }
        return v;
    }

    private static Integer optPositive(XmlElement e, String attr) {
        return e.attr(attr).isPresent() ? positive(e, attr) : null;
    }

    static void format(XmlWriter w, CpuDef cpu) {
        if (cpu.isEmpty()) {
            return;
        }
        w.start("cpu").attr("mode", cpu.mode()).attr("match", cpu.match()).attr("check", cpu.check())
                .attrOnOff("migratable", cpu.migratable());
        if (cpu.model() != null) {
            w.start("model").attr("fallback", cpu.fallback()).attr("vendor_id", cpu.vendorId()).text(cpu.model());
        }
        w.element("vendor", cpu.vendor());
        CpuDef.Topology t = cpu.topology();
        if (t != null) {
            w.start("topology").attr("sockets", t.sockets()).attr("dies", t.dies()).attr("clusters", t.clusters())
                    .attr("cores", t.cores()).attr("threads", t.threads()).end();
        }
        if (cpu.cache() != null) {
            w.start("cache").attr("level", cpu.cache().level()).attr("mode", cpu.cache().mode()).end();
        }
        if (cpu.maxphysaddr() != null) {
            w.start("maxphysaddr").attr("mode", cpu.maxphysaddr().mode()).attr("bits", cpu.maxphysaddr().bits()).end();
        }
        cpu.features().forEach(f -> w.start("feature").attr("policy", f.policy()).attr("name", f.name()).end());
        if (!cpu.numa().isEmpty()) {
            w.start("numa");
            for (CpuDef.NumaCell c : cpu.numa()) {
                w.start("cell").attr("id", c.id()).attr("cpus", c.cpus()).attr("memory", c.memory().kib())
                        .attr("unit", "KiB").attr("memAccess", c.memAccess()).attrYesNo("discard", c.discard());
                if (!c.distances().isEmpty()) {
                    w.start("distances");
                    c.distances().forEach((id, v) -> w.start("sibling").attr("id", id).attr("value", v).end());
                    w.end();
                }
                w.end();
            }
            w.end();
        }
        w.end();
    }
}
