package io.jvirt.it.cli;

import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/jvirt-run end to end with the real guest. */
@Tag("qemu")
class JvirtRunIT {
    @TempDir
    Path tmp;

    private Path guestXml(String name, String extraCmdline) throws Exception {
        Path xml = tmp.resolve(name + ".xml");
        Files.writeString(xml, TestGuest.xml(name, tmp.resolve(name + ".serial"))
                .replace("panic=-1", "panic=-1 " + extraCmdline));
        return xml;
    }

    @Test
    void runsGuestShowsConsoleAndExitsZeroWhenItPowersOff() throws Exception {
        Path xml = guestXml("demo", "jvirt.poweroff=1");
        Cli.Result r = Cli.run(Map.of("TMPDIR", tmp.toString()), "jvirt-run", "--console", "--verbose", xml.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains(TestGuest.READY), r.toString());
        assertTrue(r.out().contains("JVIRT-GUEST-SELF-POWEROFF"), r.toString());
        assertTrue(r.err().contains("jvirt-run: guest demo shut down"), r.toString());
        String removed = r.err().lines().filter(l -> l.contains("removed temporary root ")).findFirst().orElseThrow();
        Path root = Path.of(removed.substring(removed.indexOf("removed temporary root ") + 23));
        assertFalse(Files.exists(root), "temporary root deleted: " + root);
    }

    @Test
    void keepsAGivenRootAndLeavesNoTransientConfig() throws Exception {
        Path xml = guestXml("kept", "jvirt.poweroff=1");
        Path root = tmp.resolve("root");
        Cli.Result r = Cli.run(Map.of(), "jvirt-run", "--root", root.toString(), xml.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("", r.out(), "no console without --console");
        assertTrue(Files.isDirectory(root.resolve("log/qemu")));
        assertTrue(Files.exists(root.resolve("log/qemu/kept.log")));
        try (var s = Files.list(root.resolve("etc/qemu"))) {
            assertEquals(0, s.count(), "transient guest: no config");
        }
    }

    @Test
    void sigtermDestroysTheGuestBeforeExiting() throws Exception {
        Path xml = guestXml("term", "");
        Process p = Cli.builder(Map.of(), "jvirt-run", "--console", "--root", tmp.resolve("r").toString(), xml.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.contains(TestGuest.READY)) {
                // the console until the guest is up
            }
            long qemu = Long.parseLong(Files.readString(tmp.resolve("r/run/qemu/term.xml"))
                    .replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
            p.destroy(); // SIGTERM to the launcher's JVM (exec'd by bin/jvirt-run)
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertNotEquals(0, p.exitValue());
            TestGuest.await(() -> ProcessHandle.of(qemu).isEmpty(), java.time.Duration.ofSeconds(10), "QEMU destroyed");
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void badInputIsOneClearLineAndExitOne() throws Exception {
        Cli.Result r = Cli.run(Map.of(), "jvirt-run", tmp.resolve("none.xml").toString());
        assertEquals(1, r.exit());
        assertEquals("jvirt-run: cannot read " + tmp.resolve("none.xml") + ": no such file\n", r.err());

        Path bad = tmp.resolve("bad.xml");
        Files.writeString(bad, "<domain type='qemu'><name>x</nam></domain>");
        r = Cli.run(Map.of(), "jvirt-run", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("jvirt-run: XML description is invalid or not well formed: (domain_definition):1:"), r.toString());
        assertEquals(1, r.err().lines().count(), r.toString());

        Path noQemu = tmp.resolve("noqemu.xml");
        Files.writeString(noQemu, TestGuest.xml("nq", tmp.resolve("s")).replace("/usr/bin/qemu-system-x86_64", "/nonexistent/qemu"));
        r = Cli.run(Map.of(), "jvirt-run", noQemu.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("/nonexistent/qemu"), r.toString());

        r = Cli.run(Map.of(), "jvirt-run");
        assertEquals(2, r.exit(), "usage error");
    }

    @Test
    void qemuFailingAtStartShowsItsLogTail() throws Exception {
        Path xml = tmp.resolve("fail.xml");
        Files.writeString(xml, TestGuest.xml("fail", tmp.resolve("s"))
                .replace("<domain type='qemu'>", "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
                .replace("</devices>", "</devices><qemu:commandline><qemu:arg value='-bogus-flag'/></qemu:commandline>"));
        Cli.Result r = Cli.run(Map.of(), "jvirt-run", "--root", tmp.resolve("r").toString(), xml.toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("-bogus-flag"), r.toString());
    }
}
