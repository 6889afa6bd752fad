package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FirmwareDef;
import io.jvirt.conf.OsDef;
import io.jvirt.conf.SysinfoDef;

import java.util.List;

/**
 * Firmware and what the firmware shows the guest: the pflash loader and NVRAM as -blockdev
 * nodes (named for -machine pflash0/pflash1), a ROM loader as -bios, SMBIOS tables from
 * {@code <sysinfo type='smbios'>} (with {@code <smbios mode='sysinfo'>}), fw_cfg entries,
 * ACPI tables. The driver resolved firmware='efi' and the NVRAM path before the build.
 */
final class FirmwareCommandLine {
    static final String PFLASH0 = "libvirt-pflash0-format";
    static final String PFLASH1 = "libvirt-pflash1-format";

    private FirmwareCommandLine() {
    }

    static boolean pflash(DomainDef def) {
        FirmwareDef f = def.os().firmware();
        return f.loader() != null && "pflash".equals(f.loaderType());
    }

    static boolean nvram(DomainDef def) {
        return pflash(def) && def.os().firmware().nvram() != null;
    }

    /** The pflash nodes, before -machine. */
    static void blockdevs(Argv a, DomainDef def) {
        if (!pflash(def)) {
            return;
        }
        FirmwareDef f = def.os().firmware();
        node(a, "pflash0", f.loader(), Boolean.TRUE.equals(f.loaderReadonly()));
        if (f.nvram() != null) {
            node(a, "pflash1", f.nvram(), false);
        }
    }

    private static void node(Argv a, String name, String path, boolean readOnly) {
        a.json("-blockdev", JsonProps.builder().put("driver", "file").put("filename", path)
                .put("node-name", "libvirt-" + name + "-storage").put("auto-read-only", true)
                .put("discard", "unmap").build());
        a.json("-blockdev", JsonProps.builder().put("node-name", "libvirt-" + name + "-format")
                .put("read-only", readOnly).put("driver", "raw").put("file", "libvirt-" + name + "-storage").build());
    }

    /** A secure pflash loader: writes to it only from SMM (after -cpu). */
    static void secure(Argv a, DomainDef def) {
        if (pflash(def) && Boolean.TRUE.equals(def.os().firmware().loaderSecure())) {
            a.add("-global", "driver=cfi.pflash01,property=secure,value=on");
        }
    }

    /** -bios for a ROM loader. */
    static void rom(Argv a, DomainDef def) {
        FirmwareDef f = def.os().firmware();
        if (f.loader() != null && !"pflash".equals(f.loaderType())) {
            a.add("-bios", f.loader());
        }
    }

    /** -smbios and -fw_cfg, after -uuid. */
    static void sysinfo(Argv a, DomainDef def, List<SysinfoDef> hostSmbios) {
        String mode = def.os().smbiosMode();
        List<SysinfoDef> tables = "sysinfo".equals(mode) ? def.sysinfo().stream()
                .filter(s -> s.type().equals("smbios")).toList() : "host".equals(mode) ? hostSmbios : List.of();
        for (SysinfoDef s : tables) {
            for (SysinfoDef.Section sec : s.sections()) {
                int type = switch (sec.name()) {
                    case "bios" -> 0;
                    case "system" -> 1;
                    case "baseBoard" -> 2;
                    case "chassis" -> 3;
                    case "oemStrings" -> 11;
                    default -> -1;
                };
                if (type < 0 || sec.entries().isEmpty()) {
                    continue;
                }
                if (type == 11) {
                    for (SysinfoDef.Entry e : sec.entries()) {
                        a.keyValue("-smbios", JsonProps.builder().put("type", "11").put("value", e.value()).build(),
                                null);
                    }
                    continue;
                }
                JsonProps.Builder b = JsonProps.builder().put("type", Integer.toString(type));
                for (SysinfoDef.Entry e : sec.entries()) {
                    b.put(e.name(), e.value());
                }
                a.keyValue("-smbios", b.build(), null);
            }
        }
        for (SysinfoDef s : def.sysinfo()) {
            if (s.type().equals("fwcfg")) {
                for (SysinfoDef.Section sec : s.sections()) {
                    for (SysinfoDef.Entry e : sec.entries()) {
                        a.keyValue("-fw_cfg", JsonProps.builder().put("name", e.name()).put("string", e.value())
                                .build(), null);
                    }
                }
            }
        }
    }

    /** -acpitable for each {@code <acpi><table>}. */
    static void acpiTables(Argv a, OsDef os) {
        for (OsDef.AcpiTable t : os.acpiTables()) {
            a.keyValue("-acpitable", JsonProps.builder().put("sig", t.type().toUpperCase(java.util.Locale.ROOT))
                    .put("file", t.path()).build(), null);
        }
    }
}
