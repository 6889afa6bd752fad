package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Storage the guest really sees: a virtio-scsi disk and virtio disks with cache and I/O options. */
@Tag("qemu")
class StorageDevicesIT {
    @TempDir
    Path tmp;

    private Path image(String name) throws Exception {
        Path p = tmp.resolve(name);
        assertEquals(0, new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", p.toString(), "8M").start().waitFor());
        return p;
    }

    @Test
    void guestSeesScsiAndTunedVirtioDisks() throws Exception {
        Path serial = tmp.resolve("serial.log");
        String disks = """
                <controller type='scsi' model='virtio-scsi'><driver queues='2'/></controller>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2' cache='none' io='native' discard='unmap' detect_zeroes='unmap'/>
                  <source file='%s'/><target dev='vda' bus='virtio'/><serial>tuned-disk</serial>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2' cache='writethrough'/>
                  <source file='%s'/><target dev='sda' bus='scsi'/>
                </disk>
                """.formatted(image("v.qcow2"), image("s.qcow2"));
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            Domain d = c.createXML(TestGuest.xml("st", serial).replace("<memballoon model='none'/>",
                    disks + "<memballoon model='none'/>"), 0);
            try {
                TestGuest.awaitText(serial, "JVIRT-GUEST-NICS:", Duration.ofSeconds(60)); // printed after the whole disks line
                String log = Files.readString(serial);
                String line = log.lines().filter(l -> l.startsWith("JVIRT-GUEST-DISKS:")).findFirst().orElseThrow();
                assertTrue(line.contains("vda") && line.contains("sda"), "the guest lists both disks: " + line);
                assertTrue(d.getXMLDesc(0).contains("model='virtio-scsi'"));
            } finally {
                d.destroy();
            }
        }
    }
}
