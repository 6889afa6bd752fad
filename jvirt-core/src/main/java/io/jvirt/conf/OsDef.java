package io.jvirt.conf;

import java.util.List;
import java.util.Objects;

/**
 * {@code <os>}: guest type, architecture, machine, firmware, direct kernel boot and boot order.
 * Fourteen components: the boot-related scalars stay flat because the QEMU driver reads them
 * directly; firmware and BIOS details are grouped.
 *
 * @param type     "hvm"
 * @param arch     "x86_64", or null until post-parse
 * @param machine  machine type ("pc", "q35", "pc-i440fx-7.2"), or null until post-parse
 * @param firmware firmware selection, loader and NVRAM ({@link FirmwareDef#NONE} when absent)
 * @param kernel   path of a kernel for direct boot, or null
 * @param initrd   path of an initrd, or null
 * @param cmdline  kernel command line, or null
 * @param dtb      device tree path, or null
 * @param acpiTables {@code <acpi><table type=...>path</table></acpi>}
 * @param boot     boot devices in order ("hd", "cdrom", "network", "fd")
 * @param bootmenu boot menu enabled (null = not written)
 * @param bootmenuTimeout boot menu timeout in ms, or null
 * @param smbiosMode {@code <smbios mode='emulate|host|sysinfo'/>}, or null
 * @param bios     {@code <bios useserial rebootTimeout/>} ({@link Bios#NONE} when absent)
 */
public record OsDef(String type, String arch, String machine, FirmwareDef firmware, String kernel, String initrd,
                    String cmdline, String dtb, List<AcpiTable> acpiTables, List<String> boot, Boolean bootmenu,
                    Integer bootmenuTimeout, String smbiosMode, Bios bios) {
    public OsDef {
        Objects.requireNonNull(firmware, "firmware");
        acpiTables = List.copyOf(acpiTables);
        boot = List.copyOf(boot);
        Objects.requireNonNull(bios, "bios");
    }

    public OsDef(String type, String arch, String machine, String kernel, String initrd, String cmdline,
                 String dtb, List<String> boot, Boolean bootmenu) {
        this(type, arch, machine, FirmwareDef.NONE, kernel, initrd, cmdline, dtb, List.of(), boot, bootmenu, null,
                null, Bios.NONE);
    }

    /** An ACPI table handed to the guest. */
    public record AcpiTable(String type, String path) {
    }

    /** {@code <bios useserial='yes|no' rebootTimeout='ms'/>}. */
    public record Bios(Boolean useserial, Integer rebootTimeout) {
        public static final Bios NONE = new Bios(null, null);
    }

    public OsDef withArchMachine(String newArch, String newMachine) {
        return new OsDef(type, newArch, newMachine, firmware, kernel, initrd, cmdline, dtb, acpiTables, boot,
                bootmenu, bootmenuTimeout, smbiosMode, bios);
    }

    public OsDef withBoot(List<String> newBoot) {
        return new OsDef(type, arch, machine, firmware, kernel, initrd, cmdline, dtb, acpiTables, newBoot,
                bootmenu, bootmenuTimeout, smbiosMode, bios);
    }
}
