package io.jvirt.it.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** jvirsh's secret commands on an embedded root, across invocations, with virsh's texts and exit codes. */
class JvirshSecretsIT {
    static final String UUID = "33333333-4444-5555-6666-777777777777";
    @TempDir
    Path tmp;

    Cli.Result jvirsh(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "-c";
        all[1] = "qemu:///embed?root=" + tmp.resolve("root");
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()), "jvirsh", all);
    }

    @Test
    void secretCommands() throws Exception {
        Path xml = tmp.resolve("s.xml");
        Files.writeString(xml, "<secret><uuid>" + UUID + "</uuid><usage type='ceph'><name>client.a</name></usage></secret>");
        Path value = tmp.resolve("value");
        Files.writeString(value, "s3cret");
        assertEquals("Secret " + UUID + " created\n\n", jvirsh("secret-define", xml.toString()).out());
        assertEquals("Secret value set\n\n", jvirsh("secret-set-value", UUID, "--file", value.toString(), "--plain").out());
        assertEquals("czNjcmV0\n", jvirsh("secret-get-value", UUID).out());
        assertEquals("s3cret\n", jvirsh("secret-get-value", "--plain", UUID).out());
        assertEquals(" UUID" + " ".repeat(35) + "Usage\n" + "-".repeat(55) + "\n " + UUID + "   ceph client.a\n\n",
                jvirsh("secret-list").out());
        Cli.Result both = jvirsh("secret-set-value", UUID);
        assertEquals(1, both.exit(), both.toString());
        assertTrue(both.err().contains("exactly one of --base64 and --file is required"), both.toString());
        Cli.Result bad = jvirsh("secret-set-value", UUID, "--base64", "@@@");
        assertEquals(1, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("Invalid base64 data"), bad.toString());
        assertEquals("czNjcmV0\n", jvirsh("secret-get-value", UUID).out(), "a refused set leaves the value");
        assertEquals("Secret " + UUID + " deleted\n\n", jvirsh("secret-undefine", UUID).out());
        Cli.Result gone = jvirsh("secret-get-value", UUID);
        assertEquals(1, gone.exit(), gone.toString());
        assertEquals("error: failed to get secret '" + UUID + "'\nerror: Secret not found: no secret with matching uuid '"
                + UUID + "'\n", gone.err());
    }
}
