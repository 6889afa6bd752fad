package io.jvirt.conf;

import java.util.List;
import java.util.Objects;

/**
 * A {@code <sysinfo>}: SMBIOS tables ({@code type='smbios'}) or firmware config blobs
 * ({@code type='fwcfg'}) the guest sees.
 *
 * @param type     smbios or fwcfg
 * @param sections for smbios: bios, system, baseBoard, chassis, oemStrings in document order;
 *                 for fwcfg a single section named "" holding the entries
 */
public record SysinfoDef(String type, List<Section> sections) {
    public SysinfoDef {
        Objects.requireNonNull(type, "type");
        sections = List.copyOf(sections);
    }

    /** One table: its element name and its entries. */
    public record Section(String name, List<Entry> entries) {
        public Section {
            entries = List.copyOf(entries);
        }
    }

    /** {@code <entry name=...>value</entry>}; oemStrings entries have no name. */
    public record Entry(String name, String value) {
    }

    /** The value of an entry of a section, or null. */
    public String value(String section, String entry) {
        for (Section s : sections) {
            if (s.name().equals(section)) {
                for (Entry e : s.entries()) {
                    if (entry.equals(e.name())) {
                        return e.value();
                    }
                }
            }
        }
        return null;
    }
}
