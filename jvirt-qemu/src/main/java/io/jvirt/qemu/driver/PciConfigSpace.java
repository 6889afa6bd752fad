package io.jvirt.qemu.driver;

/**
 * What a PCI device's configuration space (sysfs {@code config}) says of its PCI Express link, read
 * as libvirt reads it for node device XML. Stateless.
 */
final class PciConfigSpace {
    private PciConfigSpace() {
    }

    private static final String[] LINK_SPEEDS = {"", "2.5", "5", "8", "16", "32", "64"};

    /**
     * {@code <pci-express>}, read from the device's config space as libvirt reads it: a device is
     * PCI Express if it has the PCIe capability or an extended (4 KiB) config space; its link (the
     * capability's LNKCAP and LNKSTA registers) is reported unless it is a root-complex integrated
     * endpoint or event collector. Without root only 64 bytes are readable: then nothing is said.
     */
    static void pciExpress(StringBuilder b, byte[] c, long size) {
        int pos = capability(c, 0x10);
        if (pos == 0 && size <= 256) {
            return;
        }
        int type = pos == 0 ? -1 : (u16(c, pos + 2) >> 4) & 0xf;
        if (pos == 0 || type == 9 || type == 10 || pos + 0x14 > c.length) {
            b.append("    <pci-express/>\n");
            return;
        }
        long lnkcap = u16(c, pos + 0x0c) | ((long) u16(c, pos + 0x0e) << 16);
        int lnksta = u16(c, pos + 0x12);
        b.append("    <pci-express>\n");
        link(b, "cap", (int) (lnkcap >>> 24), (int) (lnkcap & 0xf), (int) ((lnkcap >> 4) & 0x3f));
        link(b, "sta", -1, lnksta & 0xf, (lnksta >> 4) & 0x3f);
        b.append("    </pci-express>\n");
    }

    private static void link(StringBuilder b, String validity, int port, int speed, int width) {
        b.append("      <link validity='").append(validity).append('\'');
        if (port >= 0) {
            b.append(" port='").append(port).append('\'');
        }
        if (speed > 0 && speed < LINK_SPEEDS.length) {
            b.append(" speed='").append(LINK_SPEEDS[speed]).append('\'');
        }
        b.append(" width='").append(width).append("'/>\n");
    }

    /** The offset of capability {@code id} in a config space's capability list, 0 if absent. */
    static int capability(byte[] c, int id) {
        if (c.length < 0x40 || (u16(c, 0x06) & 0x10) == 0) {
            return 0;
        }
        int pos = c[0x34] & 0xfc;
        for (int hops = 0; pos >= 0x40 && pos + 1 < c.length && hops < 48; hops++) {
            if ((c[pos] & 0xff) == id) {
                return pos;
            }
            pos = c[pos + 1] & 0xfc;
        }
        return 0;
    }

    private static int u16(byte[] c, int off) {
        return (c[off] & 0xff) | (c[off + 1] & 0xff) << 8;
    }
}
