package io.jvirt.conf.xml;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.MemoryBackingDef;
import io.jvirt.conf.MemoryDef;

import java.util.ArrayList;
import java.util.List;

/** {@code <maxMemory>}, {@code <memory>}, {@code <currentMemory>}, {@code <memoryBacking>}. */
final class MemoryXml {
    private MemoryXml() {
    }

    static MemoryDef parse(XmlElement root) {
        XmlElement mem = root.child("memory").orElseThrow(() -> root.error("missing element 'memory'"));
        ByteSize memory = Parse.size(mem);
        Boolean dumpCore = Parse.optOnOff(mem, "dumpCore");
        ByteSize current = Parse.childSize(root, "currentMemory");
        ByteSize max = null;
        Integer slots = null;
        var maxEl = root.child("maxMemory");
        if (maxEl.isPresent()) {
            max = Parse.size(maxEl.get());
            slots = Parse.optInt(maxEl.get(), "slots");
        }
        MemoryBackingDef backing = root.child("memoryBacking").map(MemoryXml::backing).orElse(MemoryBackingDef.NONE);
        return new MemoryDef(memory, current, max, slots, dumpCore, backing);
    }

    private static MemoryBackingDef backing(XmlElement b) {
        var hp = b.child("hugepages");
        List<MemoryBackingDef.Page> pages = new ArrayList<>();
        hp.ifPresent(h -> {
            for (XmlElement p : h.children("page")) {
                ByteSize size = ByteSize.parse(p.requireAttr("size"), p.attr("unit").orElse(null), "KiB",
                        "element 'page'");
                pages.add(new MemoryBackingDef.Page(size, p.attr("nodeset").orElse(null)));
            }
        });
        String source = b.child("source").map(s -> Parse.oneOf(s, "type", s.requireAttr("type"),
                "file", "anonymous", "memfd")).orElse(null);
        String access = b.child("access").map(s -> Parse.oneOf(s, "mode", s.requireAttr("mode"),
                "shared", "private")).orElse(null);
        String allocMode = null;
        Integer threads = null;
        var alloc = b.child("allocation");
        if (alloc.isPresent()) {
            allocMode = Parse.optOneOf(alloc.get(), "mode", "immediate", "ondemand");
            threads = Parse.optUInt(alloc.get(), "threads");
        }
        return new MemoryBackingDef(hp.isPresent(), pages, Parse.flag(b, "nosharepages"), Parse.flag(b, "locked"),
                source, access, allocMode, threads, Parse.flag(b, "discard"));
    }

    static void format(XmlWriter w, MemoryDef m) {
        if (m.maxMemory() != null) {
            w.start("maxMemory").attr("slots", m.maxSlots()).attr("unit", "KiB")
                    .text(Long.toString(m.maxMemory().kib()));
        }
        w.start("memory").attrOnOff("dumpCore", m.dumpCore()).attr("unit", "KiB")
                .text(Long.toString(m.memory().kib()));
        w.size("currentMemory", m.currentMemory());
    }

    /** Written after blkiotune/memtune, before vcpu. */
    static void formatBacking(XmlWriter w, MemoryBackingDef b) {
        if (b.isEmpty()) {
            return;
        }
        w.start("memoryBacking");
        if (b.hugepages()) {
            w.start("hugepages");
            for (MemoryBackingDef.Page p : b.pages()) {
                w.start("page").attr("size", p.size().kib()).attr("unit", "KiB").attr("nodeset", p.nodeset()).end();
            }
            w.end();
        }
        w.flag("nosharepages", b.nosharepages());
        w.flag("locked", b.locked());
        if (b.sourceType() != null) {
            w.start("source").attr("type", b.sourceType()).end();
        }
        if (b.accessMode() != null) {
            w.start("access").attr("mode", b.accessMode()).end();
        }
        if (b.allocationMode() != null || b.allocationThreads() != null) {
            w.start("allocation").attr("mode", b.allocationMode()).attr("threads", b.allocationThreads()).end();
        }
        w.flag("discard", b.discard());
        w.end();
    }
}
