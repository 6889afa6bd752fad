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
    void tooFewFreePagesAreRefusedBeforeQemuRuns() throws Exception {
        String xml = TestGuest.xml("big", tmp.resolve("big.log")).replace("<memory unit='MiB'>128</memory>",
                "<memory unit='MiB'>128</memory><memoryBacking><hugepages/></memoryBacking>");
        try (Hugetlbfs fs = Hugetlbfs.mount(tmp.resolve("hugepages"), 8); Connect c = open(fs.path())) {
            Domain d = c.defineXML(xml);
            long free = Hugetlbfs.free();
            LibvirtException e = assertThrows(LibvirtException.class, d::create);
            assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
            assertTrue(e.getMessage().contains("not enough free 2048 KiB huge pages: the guest needs 64, the host has "
                    + free + " free"), e.getMessage());
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
