package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.Hugetlbfs;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guest RAM on huge pages: a real guest boots with its 128 MiB in 64 pages of the hugetlbfs the
 * root's qemu.conf names (the kernel's free count drops by them while it runs and gets them back
 * after), and a guest needing more pages than are free is refused before QEMU runs.
 */
@Tag("qemu")
class HugepagesIT {
    @TempDir
    Path tmp;

    private Connect open(Path mount) throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/qemu.conf"), "hugetlbfs_mount = \"" + mount + "\"\n");
        return Connect.open("qemu:///embed?root=" + root);
    }

    @Test
    void guestRamLivesInHugePagesWhileItRuns() throws Exception {
        Path serial = tmp.resolve("serial.log");
        String xml = TestGuest.xml("huge", serial).replace("<memory unit='MiB'>128</memory>",
                "<memory unit='MiB'>128</memory><memoryBacking><hugepages><page size='2' unit='MiB'/></hugepages>"
                        + "</memoryBacking>");
        try (Hugetlbfs fs = Hugetlbfs.mount(tmp.resolve("hugepages"), 64); Connect c = open(fs.path())) {
            long free = Hugetlbfs.free();
            Domain d = c.createXML(xml, 0);
            try {
                TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(90));
                assertEquals(free - 64, Hugetlbfs.free(), "the guest's 128 MiB are 64 preallocated pages");
                String backend = d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                        + "\"/objects/pc.ram\",\"property\":\"mem-path\"}}", 0);
                assertTrue(backend.contains(fs.path().resolve("jvirt").toString()), backend);
            } finally {
                d.destroy();
            }
            assertEquals(free, Hugetlbfs.free(), "the pages are back");
            assertTrue(empty(fs.path().resolve("jvirt")), "the guest's directory is gone");
        }
    }

    @Test
    void memfdRamAndADimmTakeHugePagesWithoutAHugetlbfs() throws Exception {
        Path serial = tmp.resolve("memfd.log");
        String xml = TestGuest.xml("memfd", serial)
                .replace("<memory unit='MiB'>128</memory>", "<memory unit='MiB'>128</memory><memoryBacking><hugepages>"
                        + "<page size='2' unit='MiB'/></hugepages><source type='memfd'/></memoryBacking>")
                .replace("<vcpu>1</vcpu>", "<vcpu>1</vcpu><maxMemory slots='2' unit='MiB'>512</maxMemory>"
                        + "<cpu><numa><cell id='0' cpus='0' memory='96' unit='MiB'/></numa></cpu>")
                .replace("<memballoon model='none'/>", "<memory model='dimm'><source><pagesize unit='KiB'>2048"
                        + "</pagesize><nodemask>0</nodemask></source><target><size unit='MiB'>32</size><node>0</node>"
                        + "</target></memory><memballoon model='none'/>");
        // the pool alone: memfd_create(MFD_HUGETLB) needs no mount, and qemu.conf names none
        try (Hugetlbfs fs = Hugetlbfs.mount(tmp.resolve("hugepages"), 64);
             Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            long free = Hugetlbfs.free();
            Domain d = c.createXML(xml, 0);
            try {
                TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(90));
                assertEquals(free - 64, Hugetlbfs.free(), "96 MiB of RAM and a 32 MiB DIMM are 64 preallocated pages");
                for (String obj : new String[] {"ram-node0", "memdimm0"}) {
                    String hugetlb = d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                            + "\"/objects/" + obj + "\",\"property\":\"hugetlb\"}}", 0);
                    assertTrue(hugetlb.contains("true"), obj + ": " + hugetlb);
                }
                String policy = d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                        + "\"/objects/memdimm0\",\"property\":\"policy\"}}", 0);
                assertTrue(policy.contains("bind"), "the DIMM's nodemask binds it: " + policy);
            } finally {
                d.destroy();
            }
            assertEquals(free, Hugetlbfs.free(), "the pages are back");
            assertTrue(empty(fs.path()), "nothing was created on the hugetlbfs");
        }
    }

    @Test
    void tooFewFreePagesAreRefusedBeforeQemuRuns() throws Exception {
        try (Hugetlbfs fs = Hugetlbfs.mount(tmp.resolve("hugepages"), 8); Connect c = open(fs.path())) {
            long free = Hugetlbfs.free(); // 8, or more when the host had free pages already
            long pages = free + 8;
            String xml = TestGuest.xml("big", tmp.resolve("big.log")).replace("<memory unit='MiB'>128</memory>",
                    "<memory unit='MiB'>" + 2 * pages + "</memory><memoryBacking><hugepages/></memoryBacking>");
            Domain d = c.defineXML(xml);
            LibvirtException e = assertThrows(LibvirtException.class, () -> {
                d.create();
                d.destroy(); // not reached when the driver refuses, as it must
            });
            assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
            assertTrue(e.getMessage().contains("not enough free 2048 KiB huge pages: the guest needs " + pages
                    + ", the host has " + free + " free"), e.getMessage());
            assertFalse(d.isActive());
            assertFalse(Files.exists(tmp.resolve("root/log/qemu/big.log")), "QEMU never ran");
            assertTrue(empty(fs.path().resolve("jvirt")), "no directory left");
        }
    }

    private static boolean empty(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return true;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        }
    }
}
