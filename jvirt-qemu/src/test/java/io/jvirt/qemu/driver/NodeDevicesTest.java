package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link NodeDevices} on a directory tree shaped like sysfs: a root-bus bridge with a NIC behind
 * it (so the NIC's parent is the bridge), IOMMU groups, udev's database with names for one
 * device, and DMI for the computer.
 */
class NodeDevicesTest {
    @TempDir
    Path tmp;
    NodeDevices devices;

    @BeforeEach
    void host() throws IOException {
        Path sys = tmp.resolve("sys");
        Path bridge = pciDevice(sys, "pci0000:00/0000:00:1c.0", "0x060400", "0x8086", "0xa110", "pcieport", "3");
        pciDevice(sys, "pci0000:00/0000:00:1c.0/0000:06:00.0", "0x020000", "0x8086", "0x10d3", null, "3");
        Files.writeString(bridge.resolve("0000:06:00.0/numa_node"), "0\n");
        Path udev = Files.createDirectories(tmp.resolve("udev"));
        Files.writeString(udev.resolve("+pci:0000:06:00.0"), "I:123\nE:ID_VENDOR_FROM_DATABASE=Intel Corporation\n"
                + "E:ID_MODEL_FROM_DATABASE=82574L Gigabit Network Connection\nG:systemd\n");
        Path dmi = Files.createDirectories(tmp.resolve("dmi"));
        Files.writeString(dmi.resolve("product_name"), "Standard PC (Q35 + ICH9, 2009)\n");
        Files.writeString(dmi.resolve("sys_vendor"), "QEMU\n");
        Files.writeString(dmi.resolve("bios_vendor"), "SeaBIOS\n");
        Files.writeString(dmi.resolve("bios_date"), "04/01/2014\n");
        Files.writeString(dmi.resolve("product_uuid"), "");
        devices = new NodeDevices(new PciSysfs(sys, PciSysfs.FILES), dmi, udev);
    }

    /** A device directory under devices/, its bus/pci/devices link, and its IOMMU group. */
    private static Path pciDevice(Path sys, String path, String cls, String vendor, String device, String driver,
                                  String group) throws IOException {
        Path d = Files.createDirectories(sys.resolve("devices").resolve(path));
        String addr = d.getFileName().toString();
        Files.writeString(d.resolve("config"), "");
        Files.writeString(d.resolve("class"), cls + "\n");
        Files.writeString(d.resolve("vendor"), vendor + "\n");
        Files.writeString(d.resolve("device"), device + "\n");
        Files.writeString(d.resolve("numa_node"), "-1\n");
        Files.createSymbolicLink(Files.createDirectories(sys.resolve("bus/pci/devices")).resolve(addr), d);
        if (driver != null) {
            Path drv = Files.createDirectories(sys.resolve("bus/pci/drivers").resolve(driver));
            Files.createSymbolicLink(d.resolve("driver"), drv);
        }
        Path g = Files.createDirectories(sys.resolve("kernel/iommu_groups").resolve(group).resolve("devices"));
        Files.createSymbolicLink(g.resolve(addr), d);
        Files.createSymbolicLink(d.resolve("iommu_group"), g.getParent());
        return d;
    }

    @Test
    void listsTheComputerThenThePciDevicesAndFiltersByCapability() {
        List<String> all = List.of("computer", "pci_0000_00_1c_0", "pci_0000_06_00_0");
        assertEquals(all, devices.list(0));
        assertEquals(List.of("pci_0000_00_1c_0", "pci_0000_06_00_0"), devices.list(Flags.ListAllNodeDevices.CAP_PCI_DEV));
        assertEquals(List.of("computer"), devices.list(Flags.ListAllNodeDevices.CAP_SYSTEM));
        assertEquals(List.of(), devices.list(Flags.ListAllNodeDevices.forCap("net")), "no net devices reported");
        assertEquals(all, devices.list(1 << 31), "all are active");
        assertEquals(List.of(), devices.list(1 << 30), "none inactive");
        assertEquals(List.of("computer"), devices.list(1 << 28), "only the computer is persistent");
        assertEquals(2, Flags.ListAllNodeDevices.forCap("pci"));
        assertEquals(1 << 21, Flags.ListAllNodeDevices.forCap("vpd"), "libvirt 9.0's bit order");
        assertEquals(0, Flags.ListAllNodeDevices.forLegacyList(null, 0));
        assertEquals("unknown node device capability 'frob'", assertThrows(LibvirtException.class,
                () -> Flags.ListAllNodeDevices.forCap("frob")).detail());
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(LibvirtException.class,
                () -> Flags.ListAllNodeDevices.forLegacyList("pci", 1)).number());
        LibvirtException e = assertThrows(LibvirtException.class, () -> devices.list(1 << 25));
        assertEquals("unsupported flags (0x2000000) in function virConnectListAllNodeDevices", e.detail());
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
    }

    @Test
    void aDeviceBehindABridgeHasTheBridgeAsParent() {
        assertEquals("pci_0000_00_1c_0", devices.parent("pci_0000_06_00_0"));
        assertEquals("computer", devices.parent("pci_0000_00_1c_0"));
        assertNull(devices.parent("computer"));
        assertEquals(List.of("pci"), devices.caps("pci_0000_06_00_0"));
        assertEquals(List.of("system"), devices.caps("computer"));
    }

    @Test
    void pciXmlHasTheAddressIdsNamesGroupAndNode() {
        Path nic = tmp.resolve("sys/devices/pci0000:00/0000:00:1c.0/0000:06:00.0");
        assertEquals("""
                <device>
                  <name>pci_0000_06_00_0</name>
                  <path>%s</path>
                  <parent>pci_0000_00_1c_0</parent>
                  <capability type='pci'>
                    <class>0x020000</class>
                    <domain>0</domain>
                    <bus>6</bus>
                    <slot>0</slot>
                    <function>0</function>
                    <product id='0x10d3'>82574L Gigabit Network Connection</product>
                    <vendor id='0x8086'>Intel Corporation</vendor>
                    <iommuGroup number='3'>
                      <address domain='0x0000' bus='0x00' slot='0x1c' function='0x0'/>
                      <address domain='0x0000' bus='0x06' slot='0x00' function='0x0'/>
                    </iommuGroup>
                    <numa node='0'/>
                  </capability>
                </device>
                """.formatted(nic), devices.xml("pci_0000_06_00_0", 0));
        String bridge = devices.xml("pci_0000_00_1c_0", 0);
        assertEquals(true, bridge.contains("  <driver>\n    <name>pcieport</name>\n  </driver>\n"), bridge);
        assertEquals(true, bridge.contains("<product id='0xa110'/>\n    <vendor id='0x8086'/>\n"), "no udev names: " + bridge);
    }

    /** 256 bytes of config space whose capability list holds a PCIe capability at 0x40 (and a PM one before it). */
    private static byte[] pcieConfig(int portType, long lnkcap, int lnksta) {
        byte[] c = new byte[256];
        c[0x06] = 0x10; // status: capability list
        c[0x34] = 0x50;
        c[0x50] = 0x01; // power management, next: 0x40
        c[0x51] = 0x40;
        c[0x40] = 0x10; // PCI Express, last
        c[0x42] = (byte) (portType << 4);
        for (int i = 0; i < 4; i++) {
            c[0x4c + i] = (byte) (lnkcap >>> (8 * i));
        }
        c[0x52] = (byte) lnksta;
        c[0x53] = (byte) (lnksta >> 8);
        return c;
    }

    @Test
    void pciExpressLinksComeFromTheConfigSpace() throws IOException {
        Path config = tmp.resolve("sys/devices/pci0000:00/0000:00:1c.0/0000:06:00.0/config");
        // an endpoint on port 3: capable of 8 GT/s x4, running at 5 GT/s x1
        Files.write(config, pcieConfig(0, (3L << 24) | (4 << 4) | 3, (1 << 4) | 2));
        String xml = devices.xml("pci_0000_06_00_0", 0);
        assertEquals(true, xml.contains("""
                    <numa node='0'/>
                    <pci-express>
                      <link validity='cap' port='3' speed='8' width='4'/>
                      <link validity='sta' speed='5' width='1'/>
                    </pci-express>
                  </capability>
                """), xml);
        Files.write(config, pcieConfig(9, 0, 0)); // a root-complex integrated endpoint has no link
        assertEquals(true, devices.xml("pci_0000_06_00_0", 0).contains("    <pci-express/>\n  </capability>"));
        Files.write(config, new byte[4096]); // no capability, but an extended config space
        assertEquals(true, devices.xml("pci_0000_06_00_0", 0).contains("    <pci-express/>\n"));
        Files.write(config, new byte[256]); // conventional PCI
        assertEquals(false, devices.xml("pci_0000_06_00_0", 0).contains("pci-express"));
    }

    @Test
    void computerXmlComesFromDmi() {
        assertEquals("""
                <device>
                  <name>computer</name>
                  <capability type='system'>
                    <product>Standard PC (Q35 + ICH9, 2009)</product>
                    <hardware>
                      <vendor>QEMU</vendor>
                      <uuid>00000000-0000-0000-0000-000000000000</uuid>
                    </hardware>
                    <firmware>
                      <vendor>SeaBIOS</vendor>
                      <release_date>04/01/2014</release_date>
                    </firmware>
                  </capability>
                </device>
                """, devices.xml("computer", 0));
    }

    @Test
    void unknownNamesAreRefusedAsLibvirtDoes() {
        for (String name : List.of("pci_0000_09_00_0", "net_eth0", "pci_0000_06_00")) {
            LibvirtException e = assertThrows(LibvirtException.class, () -> devices.xml(name, 0));
            assertEquals(ErrorNumber.NO_NODE_DEVICE, e.number());
            assertEquals("no node device with matching name '" + name + "'", e.detail());
        }
        assertEquals("0000:06:00.0", NodeDevices.pciAddress("pci_0000_06_00_0").orElseThrow());
        assertEquals("pci_0000_06_00_0", NodeDevices.name("0000:06:00.0"));
    }
}
