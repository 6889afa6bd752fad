package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** attach/detach of disks and interfaces, seen by the real guest. */
@Tag("qemu")
class EmbeddedHotplugIT extends EmbeddedRootTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private Path image(String name) throws Exception {
        Path p = tmp.resolve(name);
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", p.toString(), "8M").start().waitFor());
        return p;
    }

    @Test
    void diskAndNicHotplugAndUnplugAreSeenByTheGuest() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("hp", serial));
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, WAIT);
        Path img = image("extra.qcow2");
        String disk = "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + img
                + "'/><target dev='vdb' bus='virtio'/></disk>";

        d.attachDevice(disk, Flags.Affect.LIVE);
        // the guest names disks in the order it finds them: its first virtio disk is vda
        TestGuest.awaitText(serial, "JVIRT-GUEST-HOTPLUG: vda", WAIT);
        assertTrue(d.getXMLDesc(0).contains("<target dev='vdb' bus='virtio'/>"));
        assertFalse(d.getXMLDesc(Flags.Xml.INACTIVE).contains("vdb"), "live only");
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.attachDevice(disk, Flags.Affect.LIVE));
        assertTrue(e.getMessage().contains("vdb"), "duplicate target refused: " + e.getMessage());

        d.attachDevice("<interface type='user'><model type='virtio'/></interface>", Flags.Affect.LIVE);
        TestGuest.awaitText(serial, "JVIRT-GUEST-NIC-HOTPLUG: eth0", WAIT);
        String mac = d.getXMLDesc(0).replaceAll("(?s).*<mac address='([0-9a-f:]+)'/>.*", "$1");
        assertTrue(mac.startsWith("52:54:00:"), mac);

        d.detachDevice("<disk type='file' device='disk'><target dev='vdb'/></disk>", Flags.Affect.LIVE);
        TestGuest.awaitText(serial, "JVIRT-GUEST-UNPLUG: vda", WAIT);
        assertFalse(d.getXMLDesc(0).contains("vdb"), "gone from the live XML once the guest let go");
        d.detachDevice("<interface type='user'><mac address='" + mac + "'/></interface>", Flags.Affect.LIVE);
        TestGuest.awaitText(serial, "JVIRT-GUEST-NIC-UNPLUG: eth0", WAIT);

        // and the same disk can come back: its nodes were removed with it
        d.attachDevice(disk, Flags.Affect.LIVE);
        assertTrue(d.getXMLDesc(0).contains("<target dev='vdb' bus='virtio'/>"));
    }

    @Test
    void q35HotplugUsesASpareRootPortAndSaysSoWhenNoneIsLeft() throws Exception {
        Path serial = tmp.resolve("serial.log");
        String xml = TestGuest.xml("hp35", serial).replace("machine='pc'", "machine='q35'")
                .replace("<memballoon model='none'/>", "<controller type='pci' model='pcie-root-port'/>"
                        + "<memballoon model='none'/>");
        Domain d = conn.defineXML(xml);
        assertTrue(d.getXMLDesc(0).contains("model='pcie-root-port'"), "the spare port is kept");
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, WAIT);
        Path img = image("q35.qcow2");
        d.attachDevice("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + img
                + "'/><target dev='vdb' bus='virtio'/></disk>", Flags.Affect.LIVE);
        TestGuest.awaitText(serial, "JVIRT-GUEST-HOTPLUG: vda", WAIT);
        assertTrue(d.getXMLDesc(0).contains("<address type='pci' domain='0x0000' bus='0x01' slot='0x00'"),
                "the disk went onto the spare root port:\n" + d.getXMLDesc(0));
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.attachDevice(
                "<interface type='user'><model type='virtio'/></interface>", Flags.Affect.LIVE));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        assertTrue(e.getMessage().contains("every pcie-root-port is in use"), e.getMessage());
        assertFalse(d.getXMLDesc(0).contains("<interface"), "nothing half-added");
        d.attachDevice("<interface type='user'><model type='virtio'/></interface>", Flags.Affect.CONFIG);
        String config = d.getXMLDesc(Flags.Xml.INACTIVE);
        assertTrue(config.replaceAll("\\s+", " ").matches(".*<interface type='user'>.*<address type='pci' "
                + "domain='0x0000' bus='0x01' slot='0x00' function='0x0'/> </interface>.*"),
                "in the config (where the disk was live only) the spare port is still free:\n" + config);
    }

    @Test
    void configChangesOfAnInactiveDomainPersist() throws Exception {
        Domain d = conn.defineXML(TestGuest.xml("cfg", tmp.resolve("serial.log")));
        Path img = image("c.qcow2");
        d.attachDevice("<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + img
                + "'/><target dev='vdc'/></disk>", 0);
        String xml = Files.readString(tmp.resolve("root/etc/qemu/cfg.xml"));
        assertTrue(xml.contains("<target dev='vdc' bus='virtio'/>"), xml);
        assertTrue(xml.contains("<address type='pci'"), "an address was assigned: " + xml);
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.attachDevice(
                "<disk type='file' device='disk'><source file='" + img + "'/><target dev='vdd'/></disk>", Flags.Affect.LIVE));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number(), e.getMessage());
        d.detachDevice("<disk type='file' device='disk'><target dev='vdc'/></disk>", 0);
        assertFalse(Files.readString(tmp.resolve("root/etc/qemu/cfg.xml")).contains("vdc"));
        e = assertThrows(LibvirtException.class, () -> d.attachDevice("<watchdog model='i6300esb'/>", 0));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number(), e.getMessage());
    }

    private static int liveCpus(Domain d) {
        String reply = d.qemuMonitorCommand("{\"execute\":\"query-cpus-fast\"}", 0);
        return reply.split("\"cpu-index\"", -1).length - 1;
    }

    @Test
    void perVcpuStateBootsTheHotpluggableVcpusAsDevices() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("pv", serial).replace("<vcpu>1</vcpu>", """
                <vcpu current='3'>4</vcpu>
                <vcpus>
                  <vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>
                  <vcpu id='1' enabled='yes' hotpluggable='yes' order='3'/>
                  <vcpu id='2' enabled='yes' hotpluggable='yes' order='2'/>
                  <vcpu id='3' enabled='no' hotpluggable='yes'/>
                </vcpus>"""));
        d.create();
        assertEquals(3, liveCpus(d), "one boot vCPU and two plugged before the guest ran");
        String slots = d.qemuMonitorCommand("{\"execute\":\"query-hotpluggable-cpus\"}", 0);
        assertTrue(slots.contains("/machine/peripheral/vcpu1-0-0") && slots.contains("/machine/peripheral/vcpu2-0-0")
                && !slots.contains("vcpu3-0-0"), slots);
        TestGuest.awaitText(serial, TestGuest.READY, WAIT);
        try (io.jvirt.ByteStream console = d.openConsole(null)) {
            console.output().write("echo ONLINE=$(cat /sys/devices/system/cpu/online)\n".getBytes());
            console.output().flush();
            TestGuest.awaitText(serial, "ONLINE=0-2", Duration.ofSeconds(30));
        }
        d.setVcpus(2, Flags.Affect.LIVE); // the guest releases vCPU 2, the last plugged slot
        assertEquals(2, liveCpus(d));
        String live = d.getXMLDesc(0);
        assertTrue(live.contains("<vcpu id='1' enabled='yes' hotpluggable='yes' order='3'/>")
                && live.contains("<vcpu id='2' enabled='no' hotpluggable='yes'/>"), live);
        assertTrue(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<vcpu id='2' enabled='yes' hotpluggable='yes' order='2'/>"),
                "live only");
        d.destroy();
        LibvirtException e = assertThrows(LibvirtException.class, () -> conn.defineXML(TestGuest.xml("pv2", serial)
                .replace("<vcpu>1</vcpu>", "<vcpu current='1'>2</vcpu><vcpus><vcpu id='0' enabled='no' "
                        + "hotpluggable='yes'/><vcpu id='1' enabled='yes' hotpluggable='no'/></vcpus>")));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number(), e.getMessage());
    }

    @Test
    void setvcpuEnablesAndDisablesSingleVcpus() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("one", serial).replace("<vcpu>1</vcpu>", "<vcpu current='2'>4</vcpu>"));
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, WAIT);
        d.setVcpu("3", true, Flags.Affect.LIVE); // a hole: vCPU 2 stays out
        assertEquals(3, liveCpus(d));
        String live = d.getXMLDesc(0);
        assertTrue(live.contains("<vcpu id='2' enabled='no' hotpluggable='yes'/>")
                && live.contains("<vcpu id='3' enabled='yes' hotpluggable='yes'/>"), live);
        assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-hotpluggable-cpus\"}", 0)
                .contains("/machine/peripheral/vcpu3-0-0"));
        try (io.jvirt.ByteStream console = d.openConsole(null)) {
            // the guest kernel sees the CPU arrive and leaves it offline (udev would online it; onlining it
            // here would make the unplug below wait for the guest to offline it again, slow under TCG)
            console.output().write("sleep 2; echo PRESENT=$(cat /sys/devices/system/cpu/present)\n".getBytes());
            console.output().flush();
            // Linux numbers a CPU that appears at run time with the next free logical id: 2
            TestGuest.awaitText(serial, "PRESENT=0-2", Duration.ofSeconds(30));
        }
        assertVcpuThreadInItsGroup(d, 3);
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED, assertThrows(LibvirtException.class,
                () -> d.setVcpu("1", false, Flags.Affect.LIVE)).number(), "a boot vCPU cannot come out");
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(LibvirtException.class,
                () -> d.setVcpu("3", true, Flags.Affect.LIVE)).number(), "already enabled");
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(LibvirtException.class,
                () -> d.setVcpu("4", true, Flags.Affect.LIVE)).number(), "no such vCPU");
        d.setVcpu("3", false, Flags.Affect.LIVE); // the guest releases it
        assertEquals(2, liveCpus(d));
        assertTrue(d.getXMLDesc(0).contains("<vcpu id='3' enabled='no' hotpluggable='yes'/>"));

        d.setVcpu("2", true, Flags.Affect.CONFIG);
        assertTrue(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<vcpu id='2' enabled='yes' hotpluggable='yes'/>"));
        d.destroy();
        d.create(); // the config's vCPU 2 is plugged before the guest runs
        assertEquals(3, liveCpus(d));
        assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-hotpluggable-cpus\"}", 0)
                .contains("/machine/peripheral/vcpu2-0-0"));
        d.destroy();
    }

    /** When the guest has a cpu cgroup, vCPU {@code n}'s thread is in its {@code vcpuN} child. */
    private static void assertVcpuThreadInItsGroup(Domain d, int n) throws Exception {
        String cpus = d.qemuMonitorCommand("{\"execute\":\"query-cpus-fast\"}", 0);
        var reply = new com.fasterxml.jackson.databind.ObjectMapper().readTree(cpus).path("return");
        long tid = -1;
        for (var c : reply) {
            if (c.path("cpu-index").asInt() == n) {
                tid = c.path("thread-id").asLong();
            }
        }
        assertTrue(tid > 0, cpus);
        String groups = java.nio.file.Files.readString(Path.of("/proc/" + tid + "/cgroup"));
        if (groups.contains(".jvirt-qemu")) {
            assertTrue(groups.contains(".jvirt-qemu/vcpu" + n + "\n"), groups);
        }
    }

    @Test
    void vcpusPlugAndUnplugLiveAndChangeInTheConfig() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("cpu", serial).replace("<vcpu>1</vcpu>", "<vcpu current='1'>3</vcpu>"));
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, WAIT);
        assertEquals(1, d.getVcpus(Flags.Affect.LIVE));
        assertEquals(3, d.getVcpus(Flags.Affect.LIVE | Flags.Vcpu.MAXIMUM));
        assertEquals(1, liveCpus(d));

        d.setVcpus(3, Flags.Affect.LIVE);
        assertEquals(3, liveCpus(d), "two vCPUs plugged into QEMU");
        assertEquals(3, d.getVcpus(Flags.Affect.LIVE));
        assertEquals(1, d.getVcpus(Flags.Affect.CONFIG), "live only");
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.setVcpus(4, Flags.Affect.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, e.number(), e.getMessage());
        e = assertThrows(LibvirtException.class, () -> d.setVcpus(4, Flags.Affect.LIVE | Flags.Vcpu.MAXIMUM));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number(), e.getMessage());

        d.setVcpus(2, Flags.Affect.LIVE); // the guest releases one
        assertEquals(2, liveCpus(d));
        assertEquals(2, d.getVcpus(Flags.Affect.LIVE));

        d.setVcpus(2, Flags.Affect.CONFIG);
        assertTrue(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<vcpu placement='static' current='2'>3</vcpu>"),
                d.getXMLDesc(Flags.Xml.INACTIVE));
        d.destroy();
        d.setVcpus(4, Flags.Vcpu.MAXIMUM);
        assertEquals(4, d.getVcpus(Flags.Affect.CONFIG | Flags.Vcpu.MAXIMUM));
    }

    @Test
    void cdromMediaChangeLiveAndConfig() throws Exception {
        Path iso = image("media.img");
        Domain d = conn.defineXML(TestGuest.xml("cd", tmp.resolve("serial.log")).replace("<memballoon model='none'/>",
                "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/><target dev='hdc' bus='ide'/><readonly/></disk>"
                        + "<memballoon model='none'/>"));
        d.create();
        String insert = "<disk type='file' device='cdrom'><source file='" + iso + "'/><target dev='hdc'/></disk>";
        d.updateDevice(insert, Flags.Affect.LIVE);
        String block = d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0);
        assertTrue(block.contains(iso.toString()), "QEMU has the medium: " + block);
        assertTrue(d.getXMLDesc(0).contains("<source file='" + iso + "'"), d.getXMLDesc(0));
        assertFalse(d.getXMLDesc(Flags.Xml.INACTIVE).contains(iso.toString()), "live only");

        d.updateDevice("<disk type='file' device='cdrom'><target dev='hdc'/></disk>", Flags.Affect.LIVE);
        block = d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0);
        assertFalse(block.contains(iso.toString()), "ejected: " + block);
        assertFalse(d.getXMLDesc(0).contains(iso.toString()));
        d.updateDevice(insert, Flags.Affect.LIVE); // and in again: the old nodes were removed
        assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-block\"}", 0).contains(iso.toString()));

        d.updateDevice(insert, Flags.Affect.CONFIG);
        assertTrue(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<source file='" + iso + "'"));
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.updateDevice(
                "<disk type='file' device='disk'><source file='" + iso + "'/><target dev='vdq'/></disk>", Flags.Affect.LIVE));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number(), e.getMessage());
    }
}
