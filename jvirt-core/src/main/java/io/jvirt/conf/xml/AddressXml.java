package io.jvirt.conf.xml;

import io.jvirt.conf.device.AddressDef;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code <address type=... .../>}: parse and format, attributes kept in order. */
public final class AddressXml {
    private AddressXml() {
    }

    static AddressDef parse(XmlElement parent) {
        return parent.child("address").map(a -> {
            String type = a.requireAttr("type");
            Map<String, String> attrs = new LinkedHashMap<>();
            for (String k : a.attributesView().keySet()) {
                if (!k.equals("type")) {
                    attrs.put(k, a.attr(k).orElseThrow());
                }
            }
            return new AddressDef(type, attrs);
        }).orElse(null);
    }

    static void format(XmlWriter w, AddressDef a) {
        if (a == null) {
            return;
        }
        w.start("address").attr("type", a.type());
        a.attributes().forEach(w::attr);
        w.end();
    }

    /** {@code <alias name=.../>} is live state: written only for a running domain's XML. */
    static void formatAlias(XmlWriter w, String alias, java.util.Set<FormatFlag> flags) {
        if (alias != null && !flags.contains(FormatFlag.INACTIVE) && !flags.contains(FormatFlag.MIGRATABLE)) {
            w.start("alias").attr("name", alias).end();
        }
    }

    static String parseAlias(XmlElement parent) {
        return parent.child("alias").map(a -> a.requireAttr("name")).orElse(null);
    }
}
