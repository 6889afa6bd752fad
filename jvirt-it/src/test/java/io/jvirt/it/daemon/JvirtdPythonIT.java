package io.jvirt.it.daemon;

import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Debian's python3-libvirt (libvirt 9.0 bindings) managing a real guest through jvirtd. */
@Tag("qemu")
class JvirtdPythonIT {
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

    @Test
    void pythonLibvirtSession() throws Exception {
        Path script = tmp.resolve("client.py");
        try (var in = getClass().getResourceAsStream("/python/jvirtd_client.py")) {
            Files.write(script, in.readAllBytes());
        }
        Path xml = tmp.resolve("py.xml");
        Files.writeString(xml, TestGuest.xml("py", tmp.resolve("serial.log")));
        // Debian's python3-libvirt is importable only by the system interpreter
        Virsh.Result r = Virsh.exec(List.of("/usr/bin/python3", script.toString(), jvirtd.uri(), xml.toString()));
        assertEquals(0, r.exit(), r.toString());
        String out = r.out();
        for (String line : List.of("TYPE QEMU", "LIBVERSION 9000000", "HOSTNAME_NONEMPTY True", "CAPS_OK True",
                "PERSISTENT 1", "LIST_ALL ['py']", "STATE_INACTIVE [5, 0]", "ACTIVE 1 ID 1", "BY_ID py", "BY_UUID py",
                "STATE_RUNNING [1, 1]", "INFO 1 131072 1", "XML_HAS_ID True", "STATE_PAUSED [3, 1]",
                "STATE_RESUMED [1, 5]", "ERROR_CODE 42 NO_DOMAIN 42", "STATE_DESTROYED [5, 2]",
                // defined/added, resumed/unpaused, started/booted, suspended/paused, resumed/unpaused,
                // stopped/destroyed, undefined/removed
                "EVENT py 0 0", "EVENT py 4 0", "EVENT py 2 0", "EVENT py 3 0", "EVENT py 5 1", "EVENT py 1 0",
                "DONE")) {
            assertTrue(out.contains(line + "\n"), "missing '" + line + "' in\n" + r);
        }
        assertTrue(out.matches("(?s).*VERSION 7002\\d{3}\n.*"), out);
        // host devices: the PCI ones sysfs has, the computer at the root
        java.util.List<String> pci;
        try (var s = Files.list(Path.of("/sys/bus/pci/devices"))) {
            pci = s.map(p -> "pci_" + p.getFileName().toString().replace(':', '_').replace('.', '_')).sorted().toList();
        }
        for (String line : List.of("NODEDEV_PCI " + String.join(" ", pci), "NODEDEV_COMPUTER None ['system'] True",
                "NODEDEV_NUM_PCI " + pci.size() + " " + pci.size(), "NODEDEV_ERROR 53 53")) {
            assertTrue(out.contains(line + "\n"), "missing '" + line + "' in\n" + r);
        }
        int started = out.indexOf("EVENT py 2 0");
        int suspended = out.indexOf("EVENT py 3 0");
        int stopped = out.indexOf("EVENT py 5 1");
        assertTrue(started < suspended && suspended < stopped, "events in order:\n" + out);
    }
}
