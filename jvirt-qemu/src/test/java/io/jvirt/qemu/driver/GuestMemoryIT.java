package io.jvirt.qemu.driver;

import io.jvirt.ByteStream;
import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Guest memory as a real guest sees it: NUMA nodes and their distances, memfd-backed shared RAM, a VM generation id. */
@Tag("qemu")
class GuestMemoryIT {
    @TempDir
    Path tmp;

    @Test
    void guestSeesItsNumaNodesOnMemfdRam() throws Exception {
        Path serial = tmp.resolve("serial.log");
        String xml = TestGuest.xml("mem", serial)
                .replace("<vcpu>1</vcpu>", """
                        <vcpu>2</vcpu>
                        <genid/>
                        <memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>
                        <cpu><numa>
                          <cell id='0' cpus='0' memory='98304' unit='KiB'>
                            <distances><sibling id='0' value='10'/><sibling id='1' value='23'/></distances>
                          </cell>
                          <cell id='1' cpus='1' memory='65536' unit='KiB'>
                            <distances><sibling id='0' value='23'/><sibling id='1' value='10'/></distances>
                          </cell>
                        </numa></cpu>
                        """)
                .replace("<memory unit='MiB'>128</memory>", "<memory unit='MiB'>160</memory>");
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            Domain d = c.createXML(xml, 0);
            try {
                TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(90));
                Matcher m;
                try (ByteStream console = d.openConsole(null)) {
                    console.output().write(("echo NODES=$(ls -d /sys/devices/system/node/node* | wc -l)"
                            + " DIST=$(cat /sys/devices/system/node/node1/distance | tr ' ' _)"
                            + " MEM=$(grep MemTotal /proc/meminfo | tr -s ' ' _)\n").getBytes(StandardCharsets.US_ASCII));
                    console.output().flush();
                    m = TestGuest.awaitLine(serial, Pattern.compile("NODES=(\\d+) DIST=(\\S*) MEM=MemTotal:_(\\d+)_kB"),
                            Duration.ofSeconds(30));
                }
                assertEquals("2", m.group(1), "two guest NUMA nodes");
                assertTrue(m.group(2).startsWith("23_10"), "node 1's distances as the XML gave them: " + m.group(2));
                long kib = Long.parseLong(m.group(3));
                assertTrue(kib > 100_000 && kib <= 163_840, "the guest has the cells' 160 MiB: " + kib + " KiB");
                String live = d.getXMLDesc(0);
                assertTrue(live.matches("(?s).*<genid>[0-9a-f-]{36}</genid>.*"), "a generated genid: " + live);
                String genid = live.replaceAll("(?s).*<genid>([0-9a-f-]{36})</genid>.*", "$1");
                String guid = d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/machine/peripheral/vmgenid0\",\"property\":\"guid\"}}", 0);
                assertTrue(guid.contains(genid), guid + " vs " + genid);
                String backend = d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":\"/objects/ram-node1\",\"property\":\"share\"}}", 0);
                assertTrue(backend.contains("true"), backend);
                assertEquals(2, d.getInfo().nrVirtCpu());
            } finally {
                d.destroy();
            }
        }
    }

    @Test
    void interleavedNumatuneWithoutCellsIsTheRamsPolicy() throws Exception {
        String xml = TestGuest.xml("ilv", tmp.resolve("ilv.log")).replace("<vcpu>1</vcpu>",
                "<vcpu>1</vcpu><numatune><memory mode='interleave' nodeset='0'/></numatune>");
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root"))) {
            Domain d = c.createXML(xml, io.jvirt.Flags.Start.PAUSED);
            try {
                long pid = CgroupTuningIT.qemuPid(tmp.resolve("root"), "ilv");
                String maps = Files.readString(Path.of("/proc/" + pid + "/numa_maps"));
                assertTrue(maps.lines().anyMatch(l -> l.matches("\\p{XDigit}+ interleave:0( .*)?")),
                        "the kernel applies the interleave policy to a QEMU mapping: " + maps);
                String policy = d.qemuMonitorCommand("{\"execute\":\"qom-get\",\"arguments\":{\"path\":"
                        + "\"/objects/pc.ram\",\"property\":\"policy\"}}", 0);
                assertTrue(policy.contains("interleave"), policy);
            } finally {
                d.destroy();
            }
        }
    }

    @Test
    void aDimmPresentAtBootAddsToTheGuestsMemory() throws Exception {
        Path serial = tmp.resolve("dimm.log");
        String xml = TestGuest.xml("dimm", serial)
                .replace("quiet panic=-1", "quiet panic=-1 memhp_default_state=online")
                .replace("<vcpu>1</vcpu>", """
                        <vcpu>1</vcpu>
                        <maxMemory slots='2' unit='MiB'>1024</maxMemory>
                        <cpu><numa><cell id='0' cpus='0' memory='131072' unit='KiB'/></numa></cpu>
                        """)
                .replace("<memballoon model='none'/>", """
                        <memory model='dimm'><target><size unit='MiB'>256</size><node>0</node></target></memory>
                        <memballoon model='none'/>""");
        try (Connect c = Connect.open("qemu:///embed?root=" + tmp.resolve("root2"))) {
            Domain d = c.createXML(xml, 0);
            try {
                TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(90));
                Matcher m;
                try (ByteStream console = d.openConsole(null)) {
                    console.output().write("echo DIMM-MEM=$(grep MemTotal /proc/meminfo | tr -s ' ' _)\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    console.output().flush();
                    m = TestGuest.awaitLine(serial, Pattern.compile("DIMM-MEM=MemTotal:_(\\d+)_kB"), Duration.ofSeconds(30));
                }
                long kib = Long.parseLong(m.group(1));
                // 128 MiB of boot RAM plus the 256 MiB DIMM the guest onlined (less the memory map of it); without the
                // DIMM the guest has about 100 MiB
                assertTrue(kib > 250_000 && kib <= 393_216, "the guest has the DIMM's memory too: " + kib + " KiB");
                String dimms = d.qemuMonitorCommand("{\"execute\":\"query-memory-devices\"}", 0).replace(" ", "");
                assertTrue(dimms.contains("\"id\":\"dimm0\"") && dimms.contains("\"slot\":0"), dimms);
            } finally {
                d.destroy();
            }
        }
    }
}
