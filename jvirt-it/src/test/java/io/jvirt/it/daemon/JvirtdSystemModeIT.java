package io.jvirt.it.daemon;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** System mode under a prefix: the read-write socket and its read-only twin, jvirtd.conf limits. */
class JvirtdSystemModeIT {
    @TempDir
    Path tmp;
    JvirtdProcess jvirtd;

    @BeforeEach
    void start() throws Exception {
        jvirtd = JvirtdProcess.system(tmp.resolve("sys"), "unix_sock_ro_perms = \"0666\"\nmax_clients = 2\nfrobnicate = 1\n");
    }

    @AfterEach
    void stop() throws Exception {
        jvirtd.close();
    }

    @Test
    void readWriteAndReadOnlySockets() throws Exception {
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(jvirtd.socket)));
        assertEquals("rw-rw-rw-", PosixFilePermissions.toString(Files.getPosixFilePermissions(jvirtd.roSocket())));
        String ro = "qemu+unix:///system?socket=" + jvirtd.roSocket();
        Virsh.Result r = Virsh.exec(List.of("virsh", "-c", ro, "list", "--all"));
        assertEquals(0, r.exit(), r.toString());
        r = Virsh.exec(List.of("virsh", "-c", ro, "define", "/dev/null"));
        assertEquals(1, r.exit());
        Path xml = tmp.resolve("x.xml");
        Files.writeString(xml, "<domain type='qemu'><name>x</name><memory>65536</memory><os><type>hvm</type></os></domain>");
        r = Virsh.exec(List.of("virsh", "-c", ro, "define", xml.toString()));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("operation forbidden: read only access prevents virDomainDefineXML"), r.toString());
        r = Virsh.exec(List.of("virsh", "-c", jvirtd.uri(), "uri"));
        assertEquals(jvirtd.uri() + "\n\n", r.out(), r.toString());
        assertTrue(Files.readString(jvirtd.home.resolve("jvirtd.log")).contains("unknown setting 'frobnicate'"),
                "unknown jvirtd.conf keys are warned about");
        assertTrue(Files.isDirectory(jvirtd.home.resolve("etc/jvirt/qemu")), "system paths under the prefix");
    }

    @Test
    void maxClientsIsEnforced() throws Exception {
        // max_clients = 2 in this daemon's jvirtd.conf: two clients fill it. They are real clients (the Java remote
        // client, answered CONNECT_OPEN), opened again until the daemon serves them: the probes start() made to see
        // the sockets accept may still be counted for a moment, and a client refused then is simply closed.
        io.jvirt.Connect[] two = new io.jvirt.Connect[2];
        try {
            for (int i = 0; i < two.length; i++) {
                int k = i;
                io.jvirt.qemu.testing.TestGuest.await(() -> {
                    try {
                        two[k] = io.jvirt.Connect.open(jvirtd.uri());
                        two[k].getHostname();
                        return true;
                    } catch (io.jvirt.error.LibvirtException refused) {
                        if (two[k] != null) {
                            two[k].close();
                            two[k] = null;
                        }
                        return false;
                    }
                }, java.time.Duration.ofSeconds(30), "client " + (k + 1) + " to be served");
            }
            Virsh.Result third = Virsh.exec(List.of("virsh", "-c", jvirtd.uri(), "uri"));
            assertEquals(1, third.exit(), "a third client is refused: " + third);
            assertTrue(third.err().contains("error: failed to connect to the hypervisor"), third.toString());
            assertTrue(Files.readString(jvirtd.home.resolve("jvirtd.log")).contains("max_clients (2) reached"));
        } finally {
            for (io.jvirt.Connect c : two) {
                if (c != null) {
                    c.close();
                }
            }
        }
        io.jvirt.qemu.testing.TestGuest.await(() -> Virsh.exec(List.of("virsh", "-c", jvirtd.uri(), "uri")).exit() == 0,
                java.time.Duration.ofSeconds(30), "room again once the two clients left");
    }
}
