package io.jvirt.it.daemon;

import io.jvirt.Connect;
import io.jvirt.Flags;
import io.jvirt.Secret;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets through jvirtd: the real virsh (read-write and read-only), python3-libvirt, the Java remote client. */
class JvirtdSecretsIT {
    static final String UUID = "11111111-2222-3333-4444-555555555555";
    @TempDir
    Path tmp;
    JvirtdProcess jvirtd;

    @BeforeEach
    void start() throws Exception {
        jvirtd = new JvirtdProcess(tmp.resolve("home")).start();
    }

    @AfterEach
    void stop() throws Exception {
        jvirtd.close();
    }

    private Virsh.Result virsh(String... args) {
        return Virsh.run(jvirtd.uri(), args);
    }

    private static void ok(Virsh.Result r, String expected) {
        assertEquals(0, r.exit(), r.toString());
        assertEquals(expected, r.out(), r.toString());
    }

    @Test
    void realVirshSecretSession() throws Exception {
        Path xml = tmp.resolve("s.xml");
        Files.writeString(xml, "<secret ephemeral='no' private='no'><uuid>" + UUID + "</uuid>"
                + "<description>disk key</description><usage type='volume'><volume>/img/a.luks</volume></usage></secret>");
        ok(virsh("secret-define", xml.toString()), "Secret " + UUID + " created\n\n");
        ok(virsh("secret-list"), """
                 UUID                                   Usage
                %s
                 %s   volume /img/a.luks

                """.formatted("-".repeat(60), UUID));
        Virsh.Result set = virsh("secret-set-value", UUID, "--base64", "c2VjcmV0");
        assertEquals(0, set.exit(), set.toString());
        assertEquals("Secret value set\n\n", set.out());
        ok(virsh("secret-get-value", UUID), "c2VjcmV0\n");
        ok(virsh("secret-dumpxml", UUID), """
                <secret ephemeral='no' private='no'>
                  <uuid>%s</uuid>
                  <description>disk key</description>
                  <usage type='volume'>
                    <volume>/img/a.luks</volume>
                  </usage>
                </secret>

                """.formatted(UUID));
        // persisted as libvirt does: XML and base64 value, owner-only
        Path dir = tmp.resolve("home/config/jvirt/secrets");
        assertEquals("c2VjcmV0", Files.readString(dir.resolve(UUID + ".base64")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(UUID + ".xml"))));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(UUID + ".base64"))));

        Virsh.Result ro = Virsh.exec(List.of("virsh", "-r", "-c", jvirtd.uri(), "secret-get-value", UUID));
        assertEquals(1, ro.exit(), ro.toString());
        assertTrue(ro.err().contains("operation forbidden: read only access prevents virSecretGetValue"), ro.toString());
        ok(Virsh.exec(List.of("virsh", "-r", "-c", jvirtd.uri(), "secret-list", "--private")), """
                 UUID   Usage
                ---------------

                """);

        Files.writeString(xml, "<secret private='yes'><uuid>" + UUID + "</uuid><usage type='volume'>"
                + "<volume>/img/b.luks</volume></usage></secret>");
        ok(virsh("secret-define", xml.toString()), "Secret " + UUID + " created\n\n");
        Virsh.Result priv = virsh("secret-get-value", UUID);
        assertEquals(1, priv.exit(), priv.toString());
        assertTrue(priv.err().contains("Invalid secret: secret is private"), priv.toString());

        ok(virsh("secret-undefine", UUID), "Secret " + UUID + " deleted\n\n");
        assertFalse(Files.exists(dir.resolve(UUID + ".xml")) || Files.exists(dir.resolve(UUID + ".base64")));
        Virsh.Result gone = virsh("secret-dumpxml", UUID);
        assertEquals(1, gone.exit(), gone.toString());
        assertTrue(gone.err().contains("Secret not found"), gone.toString());
    }

    @Test
    void pythonLibvirtSecrets() throws Exception {
        Path script = tmp.resolve("secrets.py");
        try (var in = getClass().getResourceAsStream("/python/jvirtd_secrets.py")) {
            Files.write(script, in.readAllBytes());
        }
        Virsh.Result r = Virsh.exec(List.of("/usr/bin/python3", script.toString(), jvirtd.uri()));
        assertEquals(0, r.exit(), r.toString());
        for (String line : List.of("DEFINED 22222222-3333-4444-5555-666666666666 2 client.py", "VALUE 0070792d736563726574ff",
                "LIST ['22222222-3333-4444-5555-666666666666']", "BY_USAGE 22222222-3333-4444-5555-666666666666",
                "NUM 1", "ERROR_CODE 66 NO_SECRET 66", "AFTER_UNDEFINE 0", "DONE")) {
            assertTrue(r.out().contains(line + "\n"), "missing '" + line + "' in\n" + r);
        }
    }

    @Test
    void javaRemoteClientSecrets() {
        try (Connect c = Connect.open(jvirtd.uri())) {
            Secret s = c.secretDefineXML("<secret ephemeral='yes'><usage type='tls'><name>remote</name></usage></secret>", 0);
            assertEquals(4, s.getUsageType());
            assertEquals("remote", s.getUsageID());
            s.setValue("pw".getBytes(StandardCharsets.UTF_8), 0);
            assertArrayEquals("pw".getBytes(StandardCharsets.UTF_8), c.secretLookupByUUID(s.getUUID()).getValue(0));
            assertEquals(List.of(s.getUUID()), c.listAllSecrets(Flags.ListAllSecrets.EPHEMERAL).stream().map(Secret::getUUID)
                    .toList());
            assertEquals(List.of(), c.listAllSecrets(Flags.ListAllSecrets.NO_EPHEMERAL));
            LibvirtException clash = assertThrows(LibvirtException.class, () -> c.secretDefineXML(
                    "<secret><usage type='tls'><name>remote</name></usage></secret>", 0));
            assertTrue(clash.getMessage().contains("already defined for use with remote"), clash.getMessage());
            LibvirtException bad = assertThrows(LibvirtException.class, () -> c.secretDefineXML("<secret><bogus/></secret>", 0));
            assertEquals(ErrorNumber.XML_ERROR, bad.number(), bad.toString());
            s.undefine();
            assertEquals(0, c.numOfSecrets());
        }
        // an ephemeral secret never reached the disk
        assertFalse(Files.exists(tmp.resolve("home/config/jvirt/secrets")));
    }
}
