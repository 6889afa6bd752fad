package io.jvirt.it.cli;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/jvirsh's host commands: virsh's output formats. */
@Tag("qemu")
class JvirshHostIT {
    @TempDir
    Path tmp;

    Cli.Result jvirsh(String... args) {
        return Cli.run(Map.of("XDG_DATA_HOME", tmp.resolve("data").toString()), "jvirsh", args);
    }

    @Test
    void versionNodeinfoNodememstatsHostnameUri() {
        Cli.Result r = jvirsh("version");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("""
                Compiled against library: libvirt 9\\.0\\.0
                Using library: libvirt 9\\.0\\.0
                Using API: QEMU 9\\.0\\.0
                Running hypervisor: QEMU 7\\.2\\.\\d+

                """), r.out());

        r = jvirsh("nodeinfo");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("""
                CPU model:           x86_64
                CPU\\(s\\):              \\d+
                CPU frequency:       \\d+ MHz
                CPU socket\\(s\\):       \\d+
                Core\\(s\\) per socket:  \\d+
                Thread\\(s\\) per core:  \\d+
                NUMA cell\\(s\\):        \\d+
                Memory size:         \\d+ KiB

                """), r.out());

        r = jvirsh("nodememstats");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("total  : {1,20}\\d+ KiB\nfree   : {1,20}\\d+ KiB\nbuffers: {1,20}\\d+ KiB\n"
                + "cached : {1,20}\\d+ KiB\n\n"), r.out());
        assertEquals(33, r.out().lines().findFirst().orElseThrow().length(), "%-7s: %20d KiB");

        r = jvirsh("hostname");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().matches("\\S+\n\n"), r.out());

        r = jvirsh("uri");
        assertEquals("qemu:///embed?root=" + tmp.resolve("data/jvirt/embed") + "\n\n", r.out(), r.toString());
    }

    @Test
    void capabilitiesAndDomcapabilitiesAsXml() {
        Cli.Result r = jvirsh("capabilities");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("<capabilities>\n\n  <host>\n") && r.out().endsWith("</capabilities>\n\n"), r.out());
        assertTrue(r.out().contains("<machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>"));
        assertTrue(Files.isDirectory(tmp.resolve("data/jvirt/embed/cache/qemu/capabilities")));

        r = jvirsh("domcapabilities", "--virttype", "qemu", "--emulatorbin", "/usr/bin/qemu-system-x86_64",
                "--arch", "x86_64", "--machine", "pc");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("<domainCapabilities>\n  <path>/usr/bin/qemu-system-x86_64</path>\n"
                + "  <domain>qemu</domain>\n  <machine>pc-i440fx-7.2</machine>\n  <arch>x86_64</arch>\n"), r.out());

        r = jvirsh("domcapabilities", "--machine", "nosuch");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().startsWith("error: failed to get emulator capabilities\nerror: "), r.err());
    }

    @Test
    void sysinfoWithoutDmiFailsLikeVirsh() {
        Cli.Result r = jvirsh("sysinfo");
        if (Files.isDirectory(Path.of("/sys/class/dmi/id"))) {
            assertEquals(0, r.exit(), r.toString());
            assertTrue(r.out().startsWith("<sysinfo type='smbios'>\n"), r.out());
        } else {
            assertEquals(1, r.exit(), r.toString());
            assertEquals("error: failed to get sysinfo\n"
                    + "error: unsupported configuration: Host SMBIOS information is not available\n", r.err());
        }
    }

    @Test
    void nodedevCommandsListTreeAndDescribeTheHostsPciDevices() throws Exception {
        java.util.List<String> pci;
        try (var s = Files.list(Path.of("/sys/bus/pci/devices"))) {
            pci = s.map(p -> "pci_" + p.getFileName().toString().replace(':', '_').replace('.', '_')).sorted().toList();
        }
        Cli.Result r = jvirsh("nodedev-list", "--cap", "pci");
        assertEquals(String.join("\n", pci) + "\n\n", r.out(), r.toString());
        r = jvirsh("nodedev-list");
        java.util.List<String> lines = r.out().lines().toList();
        assertEquals(lines.stream().filter(l -> !l.isEmpty()).sorted().toList(), lines.subList(0, lines.size() - 1),
                "sorted, then a blank line: " + r);
        assertTrue(lines.contains("computer") && lines.containsAll(pci) && lines.contains("net_lo_00_00_00_00_00_00"),
                r.toString());
        r = jvirsh("nodedev-dumpxml", "net_lo_00_00_00_00_00_00");
        assertTrue(r.out().contains("<interface>lo</interface>") && r.out().contains("<parent>computer</parent>"), r.out());

        // virsh's tree: the root, a bar, the children (those behind a bridge indented under it), a closing line
        r = jvirsh("nodedev-list", "--tree");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("computer\n  |\n  +- "), r.out());
        assertTrue(r.out().endsWith("\n\n"), r.out());
        for (String name : pci) {
            assertTrue(r.out().contains("+- " + name + "\n"), name + " in\n" + r.out());
        }

        String dev = pci.getFirst();
        r = jvirsh("nodedev-info", dev);
        assertTrue(r.out().matches("Name:           " + dev + "\nParent:         \\S+\nActive:         yes\n"
                + "Persistent:     no\nAutostart:      no\n\n"), r.out());
        r = jvirsh("nodedev-dumpxml", dev);
        assertTrue(r.out().startsWith("<device>\n  <name>" + dev + "</name>\n  <path>/sys/devices/"), r.out());

        r = jvirsh("nodedev-dumpxml", "pci_0000_ff_1f_7");
        assertEquals(1, r.exit());
        assertEquals("error: Could not find matching device 'pci_0000_ff_1f_7'\nerror: Node device not found: no node"
                + " device with matching name 'pci_0000_ff_1f_7'\n", r.err());
        r = jvirsh("nodedev-list", "--tree", "--cap", "pci");
        assertEquals("error: Option --tree is incompatible with --cap and --inactive\n", r.err());
        r = jvirsh("nodedev-list", "--cap", "pci,frob");
        assertEquals("error: Invalid capability type\n", r.err());
        r = jvirsh("nodedev-detach", dev, "--driver", "kvm");
        assertEquals(1, r.exit());
        assertEquals("error: Failed to detach device " + dev + "\nerror: argument unsupported: KVM device assignment is"
                + " no longer supported on this system\n", r.err());
    }
}
