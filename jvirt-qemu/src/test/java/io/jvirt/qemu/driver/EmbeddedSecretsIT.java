package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Secret;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Secrets in an embedded root: persistence, ephemeral and private secrets, usage clashes, bad input. */
class EmbeddedSecretsIT {
    @TempDir
    Path tmp;

    @Test
    void persistentSecretsSurviveReopenEphemeralOnesDoNot() {
        Path root = tmp.resolve("root");
        UUID persistent;
        UUID ephemeral;
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Secret p = c.secretDefineXML("<secret><usage type='volume'><volume>/img/a</volume></usage></secret>", 0);
            p.setValue("one".getBytes(StandardCharsets.UTF_8), 0);
            persistent = p.getUUID();
            Secret e = c.secretDefineXML("<secret ephemeral='yes'><usage type='tls'><name>t</name></usage></secret>", 0);
            e.setValue("two".getBytes(StandardCharsets.UTF_8), 0);
            ephemeral = e.getUUID();
            assertEquals(2, c.numOfSecrets());
        }
        assertTrue(Files.exists(root.resolve("etc/secrets/" + persistent + ".xml")));
        assertFalse(Files.exists(root.resolve("etc/secrets/" + ephemeral + ".xml")), "ephemeral: memory only");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            assertEquals(List.of(persistent), c.listAllSecrets(0).stream().map(Secret::getUUID).toList());
            assertArrayEquals("one".getBytes(StandardCharsets.UTF_8), c.secretLookupByUsage(1, "/img/a").getValue(0));
            LibvirtException gone = assertThrows(LibvirtException.class, () -> c.secretLookupByUUID(ephemeral));
            assertEquals(ErrorNumber.NO_SECRET, gone.number());
        }
    }

    @Test
    void privateValuesStayInsideAndBadInputLeavesNothing() throws Exception {
        Path root = tmp.resolve("root");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Secret s = c.secretDefineXML("<secret private='yes'><usage type='iscsi'><target>t1</target></usage></secret>", 0);
            LibvirtException noValue = assertThrows(LibvirtException.class, () -> s.getValue(0));
            assertEquals(ErrorNumber.INVALID_SECRET, noValue.number(), "private: refused even before a value is set");
            s.setValue(new byte[] {1, 2, 3}, 0);
            LibvirtException priv = assertThrows(LibvirtException.class, () -> s.getValue(0));
            assertEquals("Invalid secret: secret is private", priv.getMessage());
            LibvirtException unprivate = assertThrows(LibvirtException.class, () -> c.secretDefineXML("<secret><uuid>"
                    + s.getUUID() + "</uuid><usage type='iscsi'><target>t1</target></usage></secret>", 0));
            assertTrue(unprivate.getMessage().contains("cannot change private flag"), unprivate.getMessage());

            Path dir = root.resolve("etc/secrets");
            List<Path> before;
            try (var l = Files.list(dir)) {
                before = l.sorted().toList();
            }
            assertThrows(LibvirtException.class, () -> c.secretDefineXML("<secret><usage type='iscsi'><target>t1"
                    + "</target></usage></secret>", 0), "usage clash");
            assertThrows(LibvirtException.class, () -> c.secretDefineXML("<secret><usage type='disk'/></secret>", 0));
            assertThrows(LibvirtException.class, () -> s.setValue(new byte[65537], 0));
            try (var l = Files.list(dir)) {
                assertEquals(before, l.sorted().toList(), "nothing written by refused calls");
            }
            s.undefine();
            try (var l = Files.list(dir)) {
                assertEquals(0, l.count());
            }
        }
    }
}
