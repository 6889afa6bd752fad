package io.jvirt.conf.xml;

import io.jvirt.conf.SysinfoDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code <sysinfo type='smbios|fwcfg'>}: parse and format. */
final class SysinfoXml {
    /** The SMBIOS tables and the entry names each may hold (oemStrings: unnamed entries). */
    private static final Map<String, List<String>> SMBIOS = Map.of(
            "bios", List.of("vendor", "version", "date", "release"),
            "system", List.of("manufacturer", "product", "version", "serial", "uuid", "sku", "family"),
            "baseBoard", List.of("manufacturer", "product", "version", "serial", "asset", "location"),
            "chassis", List.of("manufacturer", "version", "serial", "asset", "sku"),
            "oemStrings", List.of());
    private static final List<String> ORDER = List.of("bios", "system", "baseBoard", "chassis", "oemStrings");

    private SysinfoXml() {
    }

    static List<SysinfoDef> parse(XmlElement root) {
        List<SysinfoDef> out = new ArrayList<>();
        for (XmlElement s : root.children("sysinfo")) {
            String type = Parse.oneOf(s, "type", s.requireAttr("type"), "smbios", "fwcfg");
            List<SysinfoDef.Section> sections = new ArrayList<>();
            if (type.equals("fwcfg")) {
                sections.add(new SysinfoDef.Section("", entries(s, null)));
            } else {
                for (XmlElement sec : s.allChildren()) {
                    List<String> names = SMBIOS.get(sec.name());
                    if (names == null || !sec.namespace().isEmpty()) {
                        throw sec.error("unsupported sysinfo table '" + sec.name() + "'");
                    }
                    if (sections.stream().anyMatch(x -> x.name().equals(sec.name()))) {
                        throw sec.error("sysinfo table '" + sec.name() + "' appears more than once");
                    }
                    sections.add(new SysinfoDef.Section(sec.name(), entries(sec, names)));
                }
                sections.sort(java.util.Comparator.comparingInt(x -> ORDER.indexOf(x.name())));
            }
            out.add(new SysinfoDef(type, sections));
        }
        return out;
    }

    private static List<SysinfoDef.Entry> entries(XmlElement sec, List<String> allowed) {
        List<SysinfoDef.Entry> out = new ArrayList<>();
        for (XmlElement e : sec.children("entry")) {
            String name = null;
            if (allowed == null) {
                name = e.requireAttr("name");
                if (!name.startsWith("opt/")) {
                    throw e.error("fw_cfg entry name '" + name + "' must start with 'opt/'");
                }
            } else if (!allowed.isEmpty()) {
                name = e.requireAttr("name");
                if (!allowed.contains(name)) {
                    throw e.error("unsupported entry '" + name + "' in sysinfo table '" + sec.name() + "'");
                }
                String n = name;
                if (out.stream().anyMatch(x -> n.equals(x.name()))) {
                    throw e.error("entry '" + name + "' appears more than once in '" + sec.name() + "'");
                }
            }
            out.add(new SysinfoDef.Entry(name, e.text()));
        }
        return out;
    }

    static void format(XmlWriter w, List<SysinfoDef> all) {
        for (SysinfoDef s : all) {
            w.start("sysinfo").attr("type", s.type());
            for (SysinfoDef.Section sec : s.sections()) {
                if (!sec.name().isEmpty()) {
                    w.start(sec.name());
                }
                sec.entries().forEach(e -> w.start("entry").attr("name", e.name()).text(e.value()));
                if (!sec.name().isEmpty()) {
                    w.end();
                }
            }
            w.end();
        }
    }
}
