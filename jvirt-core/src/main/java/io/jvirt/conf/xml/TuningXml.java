package io.jvirt.conf.xml;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.TuningDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <blkiotune>}, {@code <memtune>}, {@code <vcpus>}, {@code <iothreads>},
 * {@code <iothreadids>}, {@code <cputune>}, {@code <numatune>}, {@code <resource>}.
 */
final class TuningXml {
    private TuningXml() {
    }

    static TuningDef parse(XmlElement root) {
        Integer iothreads = root.child("iothreads").map(e -> Parse.toInt(e, "iothreads", e.text())).orElse(null);
        List<Integer> ids = new ArrayList<>();
        root.child("iothreadids").ifPresent(e -> e.children("iothread")
                .forEach(t -> ids.add(Parse.toInt(t, "id", t.requireAttr("id")))));
        List<TuningDef.Vcpu> vcpus = new ArrayList<>();
        root.child("vcpus").ifPresent(e -> e.children("vcpu").forEach(v -> vcpus.add(new TuningDef.Vcpu(
                Parse.toInt(v, "id", v.requireAttr("id")), Parse.oneOf(v, "enabled", v.requireAttr("enabled"),
                "yes", "no").equals("yes"), Parse.optYesNo(v, "hotpluggable"), Parse.optUInt(v, "order")))));
        Map<String, ByteSize> memtune = new LinkedHashMap<>();
        root.child("memtune").ifPresent(m -> {
            for (String n : TuningDef.MEMTUNE_ORDER) {
                m.child(n).ifPresent(c -> memtune.put(n, Parse.size(c)));
            }
        });
        String partition = root.child("resource").map(r -> {
            String p = Parse.childText(r, "partition");
            if (p == null || !p.startsWith("/")) {
                throw r.error("resource partition '" + p + "' must start with '/'");
            }
            return p;
        }).orElse(null);
        return new TuningDef(iothreads, ids, vcpus, root.child("cputune").map(TuningXml::cputune)
                .orElse(TuningDef.Cputune.NONE), memtune, root.child("blkiotune").map(TuningXml::blkiotune)
                .orElse(TuningDef.Blkiotune.NONE), root.child("numatune").map(TuningXml::numatune)
                .orElse(TuningDef.Numatune.NONE), partition);
    }

    private static TuningDef.Cputune cputune(XmlElement c) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String n : TuningDef.CPUTUNE_ORDER) {
            Long v = Parse.childLong(c, n);
            if (v != null) {
                values.put(n, v);
            }
        }
        Map<Integer, String> vcpupins = new LinkedHashMap<>();
        for (XmlElement p : c.children("vcpupin")) {
            int id = Parse.toInt(p, "vcpu", p.requireAttr("vcpu"));
            if (vcpupins.put(id, p.requireAttr("cpuset")) != null) {
                throw p.error("duplicate vcpupin for vcpu '" + id + "'");
            }
        }
        String emulatorpin = c.child("emulatorpin").map(e -> e.requireAttr("cpuset")).orElse(null);
        Map<Integer, String> iopins = new LinkedHashMap<>();
        for (XmlElement p : c.children("iothreadpin")) {
            int id = Parse.toInt(p, "iothread", p.requireAttr("iothread"));
            if (iopins.put(id, p.requireAttr("cpuset")) != null) {
                throw p.error("duplicate iothreadpin for iothread '" + id + "'");
            }
        }
        List<TuningDef.Sched> scheds = new ArrayList<>();
        for (String kind : List.of("vcpusched", "iothreadsched", "emulatorsched")) {
            for (XmlElement x : c.children(kind)) {
                String ids = switch (kind) {
                    case "vcpusched" -> x.attr("vcpus").orElse(null);
                    case "iothreadsched" -> x.attr("iothreads").orElse(null);
                    default -> null;
                };
                String sched = Parse.oneOf(x, "scheduler", x.requireAttr("scheduler"), "batch", "idle", "fifo", "rr");
                Integer prio = Parse.optInt(x, "priority");
                boolean realtime = sched.equals("fifo") || sched.equals("rr");
                if (realtime != (prio != null)) {
                    throw x.error(realtime ? "scheduler '" + sched + "' needs a 'priority'"
                            : "scheduler '" + sched + "' takes no 'priority'");
                }
                scheds.add(new TuningDef.Sched(kind, ids, sched, prio));
            }
        }
        return new TuningDef.Cputune(values, vcpupins, emulatorpin, iopins, scheds);
    }

    private static TuningDef.Blkiotune blkiotune(XmlElement b) {
        Integer weight = b.child("weight").map(w -> Parse.toInt(w, "weight", w.text())).orElse(null);
        List<TuningDef.Blkiotune.Device> devs = new ArrayList<>();
        for (XmlElement d : b.children("device")) {
            String path = Parse.childText(d, "path");
            if (path == null) {
                throw d.error("missing element 'path' in blkiotune 'device'");
            }
            Map<String, Long> values = new LinkedHashMap<>();
            for (String n : TuningDef.Blkiotune.Device.ORDER) {
                Long v = Parse.childLong(d, n);
                if (v != null) {
                    values.put(n, v);
                }
            }
            devs.add(new TuningDef.Blkiotune.Device(path, values));
        }
        return new TuningDef.Blkiotune(weight, devs);
    }

    private static TuningDef.Numatune numatune(XmlElement n) {
        String mode = null;
        String nodeset = null;
        String placement = null;
        var mem = n.child("memory");
        if (mem.isPresent()) {
            XmlElement m = mem.get();
            mode = Parse.optOneOf(m, "mode", "strict", "preferred", "interleave", "restrictive");
            nodeset = m.attr("nodeset").orElse(null);
            placement = Parse.optOneOf(m, "placement", "static", "auto");
        }
        List<TuningDef.Numatune.Memnode> nodes = new ArrayList<>();
        for (XmlElement m : n.children("memnode")) {
            nodes.add(new TuningDef.Numatune.Memnode(Parse.toInt(m, "cellid", m.requireAttr("cellid")),
                    Parse.oneOf(m, "mode", m.requireAttr("mode"), "strict", "preferred", "interleave", "restrictive"),
                    m.requireAttr("nodeset")));
        }
        return new TuningDef.Numatune(mode, nodeset, placement, nodes);
    }

    /** blkiotune and memtune: written between currentMemory and memoryBacking. */
    static void formatBefore(XmlWriter w, TuningDef t) {
        TuningDef.Blkiotune b = t.blkiotune();
        if (!b.equals(TuningDef.Blkiotune.NONE)) {
            w.start("blkiotune");
            w.element("weight", b.weight());
            for (TuningDef.Blkiotune.Device d : b.devices()) {
                w.start("device");
                w.element("path", d.path());
                d.values().forEach(w::element);
                w.end();
            }
            w.end();
        }
        if (!t.memtune().isEmpty()) {
            w.start("memtune");
            t.memtune().forEach(w::size);
            w.end();
        }
    }

    /** vcpus, iothreads, cputune, numatune, resource: written after vcpu. */
    static void formatAfter(XmlWriter w, TuningDef t) {
        if (!t.vcpus().isEmpty()) {
            w.start("vcpus");
            for (TuningDef.Vcpu v : t.vcpus()) {
                w.start("vcpu").attr("id", v.id()).attrYesNo("enabled", v.enabled())
                        .attrYesNo("hotpluggable", v.hotpluggable()).attr("order", v.order()).end();
            }
            w.end();
        }
        w.element("iothreads", t.iothreads());
        if (!t.iothreadIds().isEmpty()) {
            w.start("iothreadids");
            t.iothreadIds().forEach(id -> w.start("iothread").attr("id", id).end());
            w.end();
        }
        TuningDef.Cputune c = t.cputune();
        if (!c.isEmpty()) {
            w.start("cputune");
            c.values().forEach(w::element);
            c.vcpupins().forEach((id, set) -> w.start("vcpupin").attr("vcpu", id).attr("cpuset", set).end());
            if (c.emulatorpin() != null) {
                w.start("emulatorpin").attr("cpuset", c.emulatorpin()).end();
            }
            c.iothreadpins().forEach((id, set) -> w.start("iothreadpin").attr("iothread", id).attr("cpuset", set)
                    .end());
            for (TuningDef.Sched x : c.scheds()) {
                w.start(x.kind());
                switch (x.kind()) {
                    case "vcpusched" -> w.attr("vcpus", x.ids());
                    case "iothreadsched" -> w.attr("iothreads", x.ids());
                    default -> { }
                }
                w.attr("scheduler", x.scheduler()).attr("priority", x.priority()).end();
            }
            w.end();
        }
        TuningDef.Numatune n = t.numatune();
        if (!n.equals(TuningDef.Numatune.NONE)) {
            w.start("numatune");
            if (n.hasMemory()) {
                w.start("memory").attr("mode", n.mode()).attr("nodeset", n.nodeset())
                        .attr("placement", n.placement()).end();
            }
            for (TuningDef.Numatune.Memnode m : n.memnodes()) {
                w.start("memnode").attr("cellid", m.cellid()).attr("mode", m.mode()).attr("nodeset", m.nodeset()).end();
            }
            w.end();
        }
        if (t.resourcePartition() != null) {
            w.start("resource");
            w.element("partition", t.resourcePartition());
            w.end();
        }
    }
}
