package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.PostParseContext;
import io.jvirt.conf.xml.DomainXml;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The SCSI host device's argv, which no golden case can show on a machine without SCSI devices
 * (the driver resolves {@code /dev/sgN} from sysfs before building): here the node is pinned.
 */
class HostdevCommandLineTest {
    private static DomainDef define(String devices) {
        String xml = """
                <domain type='qemu'><name>t</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
                <os><type arch='x86_64' machine='pc'>hvm</type></os>
                <devices>%s</devices></domain>""".formatted(devices);
        return DomainPostParse.apply(DomainXml.parse(xml), new PostParseContext() {
            public String defaultArch() {
                return "x86_64";
            }

            public String defaultEmulator(String arch) {
                return "/usr/bin/qemu-system-x86_64";
            }

            public String canonicalMachine(String emulator, String arch, String m) {
                return "pc-i440fx-7.2";
            }

            public Set<String> usedMacs() {
                return Set.of();
            }

            public void randomBytes(byte[] into) {
                java.util.Arrays.fill(into, (byte) 1);
            }
        });
    }

    private static final String SCSI = """
            <controller type='scsi' index='0' model='virtio-scsi'/>
            <hostdev mode='subsystem' type='scsi'>
              <source><adapter name='scsi_host2'/><address bus='0' target='4' unit='8'/></source>
              <readonly/>
              <address type='drive' controller='0' bus='0' target='4' unit='8'/>
            </hostdev>""";

    @Test
    void scsiHostdevIsAHostDeviceNodeUnderScsiGeneric() {
        DomainDef def = define(SCSI);
        LaunchContext ctx = new LaunchContext(Path.of("/r/monitor.sock"), Path.of("/r"), -1)
                .withHostdevNodes(Map.of("hostdev0", Path.of("/dev/sg3")));
        Argv a = new Argv();
        HostdevCommandLine.build(a, def, ctx);
        assertEquals(List.of("-blockdev",
                "{\"driver\":\"host_device\",\"filename\":\"/dev/sg3\",\"node-name\":\"libvirt-hostdev0-backend\","
                        + "\"read-only\":true}",
                "-device",
                "{\"driver\":\"scsi-generic\",\"drive\":\"libvirt-hostdev0-backend\",\"id\":\"hostdev0\","
                        + "\"bus\":\"scsi0.0\",\"channel\":0,\"scsi-id\":4,\"lun\":8}"), a.toList());
    }

    @Test
    void aScsiHostdevWithoutItsNodeIsABug() {
        DomainDef def = define(SCSI);
        assertThrows(IllegalStateException.class, () -> HostdevCommandLine.build(new Argv(), def,
                new LaunchContext(Path.of("/r/monitor.sock"), Path.of("/r"), -1)));
    }
}
