package io.jvirt.conf;

import java.util.List;

/**
 * {@code <os>}: guest type, architecture, machine, direct kernel boot and boot order.
 *
 * @param type     "hvm"
 * @param arch     "x86_64", or null until post-parse
 * @param machine  machine type ("pc", "q35", "pc-i440fx-7.2"), or null until post-parse
 * @param kernel   path of a kernel for direct boot, or null
 * @param initrd   path of an initrd, or null
 * @param cmdline  kernel command line, or null
 * @param dtb      device tree path, or null
 * @param boot     boot devices in order ("hd", "cdrom", "network", "fd")
 * @param bootmenu boot menu enabled (null = not written)
 */
public record OsDef(String type, String arch, String machine, String kernel, String initrd, String cmdline,
                    String dtb, List<String> boot, Boolean bootmenu) {
    public OsDef {
        boot = List.copyOf(boot);
    }

    public OsDef withArchMachine(String newArch, String newMachine) {
        return new OsDef(type, newArch, newMachine, kernel, initrd, cmdline, dtb, boot, bootmenu);
    }

    public OsDef withBoot(List<String> newBoot) {
        return new OsDef(type, arch, machine, kernel, initrd, cmdline, dtb, newBoot, bootmenu);
    }
}
