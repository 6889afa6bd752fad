package io.jvirt.qemu.host;

import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.nio.file.Path;

/**
 * virConnectGetSysinfo: the host's SMBIOS data as {@code <sysinfo type='smbios'>}, read from the
 * kernel's {@code /sys/class/dmi/id} (no dmidecode). Files that are not readable (serials are
 * root-only) or empty are left out; a host without DMI (most VMs without SMBIOS, non-x86) has
 * no sysinfo.
 */
public final class DmiSysinfo {
    /** section, then pairs of (entry name, file in /sys/class/dmi/id). */
    private static final String[][] SECTIONS = {
        {"bios", "vendor", "bios_vendor", "version", "bios_version", "date", "bios_date", "release", "bios_release"},
        {"system", "manufacturer", "sys_vendor", "product", "product_name", "version", "product_version",
            "serial", "product_serial", "uuid", "product_uuid", "sku", "product_sku", "family", "product_family"},
        {"baseBoard", "manufacturer", "board_vendor", "product", "board_name", "version", "board_version",
            "serial", "board_serial", "asset", "board_asset_tag"},
        {"chassis", "manufacturer", "chassis_vendor", "version", "chassis_version", "serial", "chassis_serial",
            "asset", "chassis_asset_tag"},
    };

    private DmiSysinfo() {
    }

    public static String xml(Path root) {
        Path dmi = root.resolve("sys/class/dmi/id");
        StringBuilder sb = new StringBuilder("<sysinfo type='smbios'>\n");
        boolean any = false;
        for (String[] sec : SECTIONS) {
            StringBuilder entries = new StringBuilder();
            for (int i = 1; i + 1 < sec.length; i += 2) {
                String v = ProcFiles.read(dmi.resolve(sec[i + 1]));
                if (v != null && !v.isEmpty()) {
                    entries.append("    <entry name='").append(sec[i]).append("'>").append(XmlText.escape(v))
                            .append("</entry>\n");
                }
            }
            if (!entries.isEmpty()) {
                any = true;
                sb.append("  <").append(sec[0]).append(">\n").append(entries).append("  </").append(sec[0]).append(">\n");
            }
        }
        if (!any) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.NONE,
                    "Host SMBIOS information is not available");
        }
        return sb.append("</sysinfo>\n").toString();
    }
}
