package io.jvirt.conf.xml;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.device.MemoryDeviceDef;

import java.util.Set;

/** {@code <memory model=...>} devices under {@code <devices>}: parse and format. */
final class MemoryDeviceXml {
    private MemoryDeviceXml() {
    }

    static MemoryDeviceDef parse(XmlElement e) {
        String model = Parse.oneOf(e, "model", e.requireAttr("model"), "dimm", "nvdimm", "virtio-mem",
                "virtio-pmem");
        String access = Parse.optOneOf(e, "access", "shared", "private");
        Boolean discard = Parse.optYesNo(e, "discard");
        String path = null;
        ByteSize pagesize = null;
        String nodemask = null;
        var src = e.child("source");
        if (src.isPresent()) {
            XmlElement s = src.get();
            path = Parse.childText(s, "path");
            pagesize = Parse.childSize(s, "pagesize");
            nodemask = Parse.childText(s, "nodemask");
        }
        XmlElement t = e.child("target").orElseThrow(() -> e.error("missing <target> in element 'memory'"));
        ByteSize size = Parse.childSize(t, "size");
        if (size == null) {
            throw t.error("missing <size> in memory device target");
        }
        Integer node = t.child("node").map(n -> Parse.toInt(n, "node", n.text())).orElse(null);
        ByteSize label = t.child("label").map(l -> Parse.childSize(l, "size")).orElse(null);
        return new MemoryDeviceDef(model, access, discard, path, pagesize, nodemask, size, node,
                Parse.childSize(t, "block"), Parse.childSize(t, "requested"), label, AddressXml.parseAlias(e),
                AddressXml.parse(e));
    }

    static void format(XmlWriter w, MemoryDeviceDef d, Set<FormatFlag> flags) {
        w.start("memory").attr("model", d.model()).attr("access", d.access()).attrYesNo("discard", d.discard());
        if (d.sourcePath() != null || d.pagesize() != null || d.nodemask() != null) {
            w.start("source");
            w.element("path", d.sourcePath());
            w.size("pagesize", d.pagesize());
            w.element("nodemask", d.nodemask());
            w.end();
        }
        w.start("target");
        w.size("size", d.size());
        w.element("node", d.node());
        if (d.label() != null) {
            w.start("label");
            w.size("size", d.label());
            w.end();
        }
        w.size("block", d.block());
        w.size("requested", d.requested());
        w.end();
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }
}
