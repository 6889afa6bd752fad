package io.jvirt.conf.xml;

import io.jvirt.conf.SeclabelDef;

import java.util.List;
import java.util.Set;

/** Domain-level {@code <seclabel>}: parse and format. */
final class SeclabelXml {
    private SeclabelXml() {
    }

    static List<SeclabelDef> parse(XmlElement root) {
        return root.children("seclabel").stream().map(s -> new SeclabelDef(
                Parse.oneOf(s, "type", s.attr("type").orElse("dynamic"), "dynamic", "static", "none"),
                Parse.optOneOf(s, "model", "selinux", "apparmor", "dac", "none"), Parse.optYesNo(s, "relabel"),
                Parse.childText(s, "label"), Parse.childText(s, "imagelabel"), Parse.childText(s, "baselabel")))
                .toList();
    }

    /** A dynamic label's label and imagelabel are live state: left out of the inactive form. */
    static void format(XmlWriter w, List<SeclabelDef> labels, Set<FormatFlag> flags) {
        boolean live = !flags.contains(FormatFlag.INACTIVE);
        for (SeclabelDef s : labels) {
            boolean dyn = s.type().equals("dynamic");
            w.start("seclabel").attr("type", s.type()).attr("model", s.model()).attrYesNo("relabel", s.relabel());
            if (!dyn || live) {
                w.element("label", s.label());
                w.element("imagelabel", s.imagelabel());
            }
            w.element("baselabel", s.baselabel());
            w.end();
        }
    }
}
