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
        Path dmi = Files.createDirectories(sys.resolve("class/dmi/id"));
        Files.writeString(dmi.resolve("product_name"), "Standard PC (Q35 + ICH9, 2009)\n");
        Files.writeString(dmi.resolve("sys_vendor"), "QEMU\n");
        Files.writeString(dmi.resolve("bios_vendor"), "SeaBIOS\n");
        Files.writeString(dmi.resolve("bios_date"), "04/01/2014\n");
        Files.writeString(dmi.resolve("product_uuid"), "");
        // a NIC behind the bridge's device, and the loopback
        Path eth = Files.createDirectories(sys.resolve("devices/pci0000:00/0000:00:1c.0/0000:06:00.0/virtio3/net/eth0"));
        Files.writeString(eth.resolve("address"), "52:54:00:12:34:56\n");
        Files.writeString(eth.resolve("operstate"), "up\n");
        Files.writeString(eth.resolve("speed"), "-1\n");
        Files.writeString(eth.resolve("uevent"), "INTERFACE=eth0\nIFINDEX=2\n");
        Path lo = Files.createDirectories(sys.resolve("devices/virtual/net/lo"));
        Files.writeString(lo.resolve("address"), "00:00:00:00:00:00\n");
        Files.writeString(lo.resolve("operstate"), "unknown\n");
        Path net = Files.createDirectories(sys.resolve("class/net"));
        Files.createSymbolicLink(net.resolve("eth0"), eth);
        Files.createSymbolicLink(net.resolve("lo"), lo);
        // disks: a virtio disk under the NIC's PCI device (typed by its name), a SCSI disk udev knows, a loop device
        Path vda = Files.createDirectories(sys.resolve("devices/pci0000:00/0000:00:1c.0/0000:06:00.0/virtio4/block/vda"));
        disk(sys, vda, "254:0", "8388608", "512");
        Files.createDirectories(vda.resolve("device"));
        Files.writeString(vda.resolve("device/vendor"), "0x1af4\n");
        Path sda = Files.createDirectories(sys.resolve("devices/platform/host0/target0:0:0/0:0:0:0/block/sda"));
        disk(sys, sda, "8:0", "2048", "4096");
        Files.writeString(udev.resolve("b8:0"), "S:disk/by-id/ata-QEMU_HARDDISK_QM0001\nS:disk/by-path/pci-0:0:0\n"
                + "E:ID_TYPE=disk\nE:ID_BUS=ata\nE:ID_MODEL=QEMU_HARDDISK\nE:ID_SERIAL=QEMU_HARDDISK_QM-0001\n");
        disk(sys, Files.createDirectories(sys.resolve("devices/virtual/block/loop0")), "7:0", "0", "512");
        Path part = Files.createDirectories(sda.resolve("sda1"));
        Files.writeString(part.resolve("uevent"), "MAJOR=8\nMINOR=1\nDEVNAME=sda1\nDEVTYPE=partition\n");
        Files.createSymbolicLink(sys.resolve("class/block/sda1"), part);
        devices = new NodeDevices(new PciSysfs(sys, PciSysfs.FILES), sys, udev,
                ifname -> ifname.equals("eth0") ? List.of("rx", "tx", "txudptnl") : List.of("sg"));
    }

    /** A whole disk's sysfs directory (uevent, size, logical block size) and its class/block link. */
    private static void disk(Path sys, Path dir, String majMin, String sectors, String blockSize) throws IOException {
        String[] mm = majMin.split(":");
        Files.writeString(dir.resolve("uevent"), "MAJOR=" + mm[0] + "\nMINOR=" + mm[1] + "\nDEVNAME="
                + dir.getFileName() + "\nDEVTYPE=disk\n");
        Files.writeString(dir.resolve("size"), sectors + "\n");
        Files.writeString(Files.createDirectories(dir.resolve("queue")).resolve("logical_block_size"), blockSize + "\n");
        Files.createSymbolicLink(Files.createDirectories(sys.resolve("class/block")).resolve(dir.getFileName()), dir);
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
        List<String> all = List.of("computer", "block_sda_QEMU_HARDDISK_QM_0001", "block_vda",
                "net_eth0_52_54_00_12_34_56", "net_lo_00_00_00_00_00_00", "pci_0000_00_1c_0", "pci_0000_06_00_0");
        assertEquals(all, devices.list(0));
        assertEquals(List.of("pci_0000_00_1c_0", "pci_0000_06_00_0"), devices.list(Flags.ListAllNodeDevices.CAP_PCI_DEV));
        assertEquals(List.of("computer"), devices.list(Flags.ListAllNodeDevices.CAP_SYSTEM));
        assertEquals(List.of("net_eth0_52_54_00_12_34_56", "net_lo_00_00_00_00_00_00"),
                devices.list(Flags.ListAllNodeDevices.CAP_NET));
        assertEquals(List.of("block_sda_QEMU_HARDDISK_QM_0001", "block_vda"), devices.list(Flags.ListAllNodeDevices.CAP_STORAGE),
                "whole disks of a known type: not the loop device, not the partition");
        assertEquals(List.of(), devices.list(Flags.ListAllNodeDevices.forCap("usb_device")), "no USB devices reported");
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
    void networkInterfacesHangUnderTheirPciDeviceWithLinkAndFeatures() throws IOException {
        assertEquals("pci_0000_06_00_0", devices.parent("net_eth0_52_54_00_12_34_56"), "the PCI device above virtio3");
        assertEquals("computer", devices.parent("net_lo_00_00_00_00_00_00"));
        assertEquals(List.of("net"), devices.caps("net_lo_00_00_00_00_00_00"));
        assertEquals("""
                <device>
                  <name>net_eth0_52_54_00_12_34_56</name>
                  <path>%s</path>
                  <parent>pci_0000_06_00_0</parent>
                  <capability type='net'>
                    <interface>eth0</interface>
                    <address>52:54:00:12:34:56</address>
                    <link speed='4294967295' state='up'/>
                    <feature name='rx'/>
                    <feature name='tx'/>
                    <feature name='txudptnl'/>
                    <capability type='80203'/>
                  </capability>
                </device>
                """.formatted(tmp.resolve("sys/devices/pci0000:00/0000:00:1c.0/0000:06:00.0/virtio3/net/eth0")),
                devices.xml("net_eth0_52_54_00_12_34_56", 0));
        String lo = devices.xml("net_lo_00_00_00_00_00_00", 0);
        assertEquals(true, lo.contains("    <link state='unknown'/>\n    <feature name='sg'/>\n"), "no speed unless up: " + lo);
        // a wireless interface is 802.11; an RDMA one says so, before txudptnl
        Path eth = tmp.resolve("sys/class/net/eth0");
        Files.writeString(eth.resolve("uevent"), "DEVTYPE=wlan\nINTERFACE=eth0\n");
        Files.createSymbolicLink(eth.resolve("device"), tmp.resolve("sys/devices/pci0000:00/0000:00:1c.0/0000:06:00.0"));
        Files.writeString(eth.resolve("device/resource"), "0x00000000fe000000 0x00000000fe0fffff 0x0000000000040200\n");
        Path ib = Files.createDirectories(tmp.resolve("sys/class/infiniband/mlx5_0"));
        Files.createSymbolicLink(ib.resolve("device"), tmp.resolve("sys/devices/pci0000:00/0000:00:1c.0/0000:06:00.0"));
        String wlan = devices.xml("net_eth0_52_54_00_12_34_56", 0);
        assertEquals(true, wlan.contains("<feature name='tx'/>\n    <feature name='rdma'/>\n    <feature name='txudptnl'/>\n"
                + "    <capability type='80211'/>"), wlan);
    }

    @Test
    void disksHaveTheirNodeLinksTypeAndSize() {
        assertEquals("pci_0000_06_00_0", devices.parent("block_vda"));
        assertEquals("computer", devices.parent("block_sda_QEMU_HARDDISK_QM_0001"), "no PCI device above it");
        assertEquals(List.of("storage"), devices.caps("block_vda"));
        assertEquals("""
                <device>
                  <name>block_vda</name>
                  <path>%s</path>
                  <devnode type='dev'>/dev/vda</devnode>
                  <parent>pci_0000_06_00_0</parent>
                  <capability type='storage'>
                    <block>/dev/vda</block>
                    <drive_type>disk</drive_type>
                    <vendor>0x1af4</vendor>
                    <size>4294967296</size>
                    <logical_block_size>512</logical_block_size>
                    <num_blocks>8388608</num_blocks>
                  </capability>
                </device>
                """.formatted(tmp.resolve("sys/devices/pci0000:00/0000:00:1c.0/0000:06:00.0/virtio4/block/vda")),
                devices.xml("block_vda", 0));
        String sda = devices.xml("block_sda_QEMU_HARDDISK_QM_0001", 0);
        assertEquals(true, sda.contains("""
                  <devnode type='dev'>/dev/sda</devnode>
                  <devnode type='link'>/dev/disk/by-id/ata-QEMU_HARDDISK_QM0001</devnode>
                  <devnode type='link'>/dev/disk/by-path/pci-0:0:0</devnode>
                  <parent>computer</parent>
                  <capability type='storage'>
                    <block>/dev/sda</block>
                    <bus>ata</bus>
                    <drive_type>disk</drive_type>
                    <model>QEMU_HARDDISK</model>
                    <serial>QEMU_HARDDISK_QM-0001</serial>
                    <size>8388608</size>
                    <logical_block_size>4096</logical_block_size>
                    <num_blocks>2048</num_blocks>
                """), "udev's links, bus, model and serial; libvirt's size arithmetic: " + sda);
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
