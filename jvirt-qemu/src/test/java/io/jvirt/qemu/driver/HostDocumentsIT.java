package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.NodeInfo;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host documents through the public API, validated with libvirt's own schemas. */
@Tag("qemu")
class HostDocumentsIT {
    @TempDir
    Path tmp;

    String validate(String xml, String schema) throws Exception {
        Path f = tmp.resolve(schema + ".xml");
        Files.writeString(f, xml);
        Process p = new ProcessBuilder("virt-xml-validate", f.toString(), schema).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out + "\n" + xml);
            return out;
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void capabilitiesValidateAndOfferKvmOnlyWhenItRuns() throws Exception {
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            String caps = c.getCapabilities();
            validate(caps, "capability");
            assertTrue(caps.contains("<emulator>/usr/bin/qemu-system-x86_64</emulator>"), caps);
            assertTrue(caps.contains("<machine maxCpus='255'>pc-i440fx-7.2</machine>"));
            assertTrue(caps.contains("<machine canonical='pc-i440fx-7.2' maxCpus='255'>pc</machine>"));
            boolean kvm = ((QemuConnect) c.driver()).driver().caps.get("/usr/bin/qemu-system-x86_64").kvmUsable();
            assertEquals(kvm, caps.contains("<domain type='kvm'/>"));
            if (Files.exists(Path.of("/sys/module/kvm_pvm"))) {
                assertFalse(caps.contains("<domain type='kvm'/>"), "this host's KVM hangs ordinary guests");
            }
            assertTrue(Files.list(tmp.resolve("root/cache/qemu/capabilities")).count() >= 1);
        }
    }

    @Test
    void hostModelIsReportedAndUpdateCpuExpandsIt() throws Exception {
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            String d = c.getDomainCapabilities(null, null, null, null, 0);
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "<mode name='host-model' supported='yes'>\\s*<model fallback='forbid'>([^<]+)</model>").matcher(d);
            assertTrue(m.find(), "TCG's max CPU named as a host model:\n" + d);
            String model = m.group(1);
            var dom = c.defineXML(io.jvirt.qemu.testing.TestGuest.xml("hm", tmp.resolve("s.log"))
                    .replace("<features>", "<cpu mode='host-model'><topology sockets='1' cores='1' threads='1'/></cpu>"
                            + "<features>"));
            String plain = dom.getXMLDesc(0);
            assertTrue(plain.contains("<cpu mode='host-model'>") && !plain.contains("<model fallback"), plain);
            String updated = dom.getXMLDesc(io.jvirt.Flags.Xml.UPDATE_CPU);
            validate(updated, "domain");
            assertTrue(updated.contains("<cpu mode='host-model' check='partial'>\n    <model fallback='forbid'>" + model
                    + "</model>"), updated);
            assertTrue(updated.contains("<topology sockets='1' cores='1' threads='1'/>"), "the topology is kept");
            assertEquals(d.split("<mode name='host-model'")[1].split("</mode>")[0].split("<feature ").length,
                    updated.split("<cpu")[1].split("</cpu>")[0].split("<feature ").length,
                    "the same feature policies as domcapabilities");
            assertEquals(plain, dom.getXMLDesc(0), "--update-cpu changes nothing stored");
        }
    }

    @Test
    void domainCapabilitiesValidateAndRefuseWhatCannotRun() throws Exception {
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            String d = c.getDomainCapabilities(null, null, null, null, 0);
            validate(d, "domaincaps");
            assertTrue(d.contains("<path>/usr/bin/qemu-system-x86_64</path>"));
            assertTrue(d.contains("<machine>pc-i440fx-7.2</machine>"));
            assertTrue(d.contains("<vcpu max='255'/>"));
            String q35 = c.getDomainCapabilities("/usr/bin/qemu-system-x86_64", "x86_64", "q35", "qemu", 0);
            validate(q35, "domaincaps");
            assertTrue(q35.contains("<machine>pc-q35-7.2</machine>") && q35.contains("<value>sata</value>"), q35);
            assertThrows(InvalidArgException.class, () -> c.getDomainCapabilities(null, null, "nosuch", null, 0));
            assertThrows(InvalidArgException.class,
                    () -> c.getDomainCapabilities("/usr/bin/qemu-system-x86_64", "aarch64", null, null, 0));
            if (!((QemuConnect) c.driver()).driver().caps.get("/usr/bin/qemu-system-x86_64").kvmUsable()) {
                assertTrue(d.contains("<domain>qemu</domain>"));
                LibvirtException e = assertThrows(ConfigUnsupportedException.class,
                        () -> c.getDomainCapabilities(null, null, null, "kvm", 0));
                assertTrue(e.getMessage().contains("KVM is not usable"), e.getMessage());
            }
        }
    }

    @Test
    void nodeFactsAndVersions() {
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            NodeInfo n = c.getNodeInfo();
            assertEquals(Runtime.getRuntime().availableProcessors(), n.cpus(), n.toString());
            assertEquals(n.cpus(), n.nodes() * n.sockets() * n.cores() * n.threads());
            assertTrue(n.memoryKiB() > 0);
            var stats = c.getNodeMemoryStats(-1, 0);
            assertTrue(stats.get("total") >= stats.get("free"), stats.toString());
            assertEquals(7, c.getVersion() / 1_000_000);
            assertEquals(2, c.getVersion() / 1000 % 1000);
            assertFalse(c.getHostname().isEmpty());
        }
    }
}
