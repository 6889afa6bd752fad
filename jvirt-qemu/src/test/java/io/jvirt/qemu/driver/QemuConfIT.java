package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** qemu.conf keys seen on the real QEMU process: limits, the seccomp sandbox, log timestamps. */
@Tag("qemu")
class QemuConfIT {
    @TempDir
    Path tmp;

    private static String qemuStatus(String guest, String file) throws Exception {
        ProcessHandle qemu = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("guest=" + guest + ","))
                        .orElse(false))
                .filter(p -> p.info().command().map(c -> c.contains("qemu-system")).orElse(false))
                .findFirst().orElseThrow(() -> new AssertionError("no QEMU for " + guest));
        return Files.readString(Path.of("/proc/" + qemu.pid() + "/" + file));
    }

    @Test
    void limitsSandboxAndTimestampsReachQemu() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/qemu.conf"), "max_files = 1000\nmax_processes = 50000\n");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.createXML(TestGuest.xml("qcfg", tmp.resolve("s.log")), Flags.Start.PAUSED);
            try {
                String limits = qemuStatus("qcfg", "limits");
                assertTrue(limits.matches("(?s).*Max open files\\s+1000\\s+1000.*"), limits);
                assertTrue(limits.matches("(?s).*Max processes\\s+50000\\s+50000.*"), limits);
                assertTrue(qemuStatus("qcfg", "status").matches("(?s).*Seccomp:\\s+2.*"), "sandboxed by default");
                assertTrue(Files.readString(root.resolve("log/qemu/qcfg.log")).contains("-msg \\\ntimestamp=on"));
            } finally {
                d.destroy();
            }
        }
        Files.writeString(root.resolve("etc/qemu.conf"), "seccomp_sandbox = 0\nlog_timestamp = 0\n");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.createXML(TestGuest.xml("qcfg2", tmp.resolve("s2.log")), Flags.Start.PAUSED);
            try {
                assertTrue(qemuStatus("qcfg2", "status").matches("(?s).*Seccomp:\\s+0.*"), "no sandbox");
                String log = Files.readString(root.resolve("log/qemu/qcfg2.log"));
                assertFalse(log.contains("-sandbox") || log.contains("timestamp=on"), log);
            } finally {
                d.destroy();
            }
        }
    }

    @Test
    void aKeyThatCannotBeHonouredFailsTheOpen() throws Exception {
        Path root = tmp.resolve("root");
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/qemu.conf"), "security_driver = \"apparmor\"\n");
        var e = assertThrows(ConfigUnsupportedException.class, () -> Connect.open("qemu:///embed?root=" + root));
        assertEquals("unsupported configuration: qemu.conf: security_driver: 'apparmor' is not available: jvirt has "
                + "no security driver; use \"none\"", e.getMessage());
        // the lock was released: fixing the file lets the root open
        Files.writeString(root.resolve("etc/qemu.conf"), "security_driver = \"none\"\n");
        Connect.open("qemu:///embed?root=" + root).close();
    }
}
