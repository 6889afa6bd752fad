package io.jvirt.qemu.host;

import io.jvirt.NodeInfo;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.InvalidArgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** /proc and sysfs parsing on fixture trees. */
class NodeFactsTest {
    @TempDir
    Path root;

    static final String MEMINFO = """
            MemTotal:       24683656 kB
            MemFree:        23773408 kB
            MemAvailable:   24038956 kB
            Buffers:            3800 kB
            Cached:           438204 kB
            HugePages_Total:       0
            """;

    void write(String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    void cpu(int id, int pkg, int core, String siblings) throws Exception {
        String t = "sys/devices/system/cpu/cpu" + id + "/topology/";
        write(t + "physical_package_id", pkg + "\n");
        write(t + "core_id", core + "\n");
        write(t + "die_id", "0\n");
        write(t + "thread_siblings_list", siblings + "\n");
    }

    @Test
    void meminfoParsesKibAndNodeLines() {
        Map<String, Long> m = ProcFiles.meminfo(MEMINFO);
        assertEquals(24683656L, m.get("MemTotal"));
        assertEquals(0L, m.get("HugePages_Total"));
        assertEquals(4810528L, ProcFiles.meminfo("Node 0 MemTotal:        4810528 kB\nNode 0 MemFree: 1 kB\n")
                .get("MemTotal"));
    }

    @Test
    void cpuinfoMhzAndCpuLists() {
        assertEquals(2445, ProcFiles.cpuMhz("processor\t: 0\ncpu MHz\t\t: 2445.406\n"));
        assertEquals(0, ProcFiles.cpuMhz("processor\t: 0\n"));
        assertEquals(List.of(0, 1, 2, 3, 8, 10, 11), List.copyOf(ProcFiles.cpuList("0-3,8,10-11\n")));
    }

    @Test
    void twoSocketsWithHyperThreadsInTwoNumaCells() throws Exception {
        write("proc/cpuinfo", "processor\t: 0\ncpu MHz\t\t: 3000.000\n");
        write("proc/meminfo", MEMINFO);
        write("sys/devices/system/cpu/online", "0-7\n");
        // socket s, core c, thread t: cpu = s*4 + t*2 + c ... siblings share socket+core
        int[][] layout = {{0, 0}, {0, 1}, {0, 0}, {0, 1}, {1, 0}, {1, 1}, {1, 0}, {1, 1}};
        String[] sib = {"0,2", "1,3", "0,2", "1,3", "4,6", "5,7", "4,6", "5,7"};
        for (int i = 0; i < 8; i++) {
            cpu(i, layout[i][0], layout[i][1], sib[i]);
        }
        write("sys/devices/system/node/node0/cpulist", "0-3\n");
        write("sys/devices/system/node/node0/meminfo", "Node 0 MemTotal:  1000 kB\n");
        write("sys/devices/system/node/node1/cpulist", "4-7\n");
        write("sys/devices/system/node/node1/meminfo", "Node 1 MemTotal:  2000 kB\n");
        NodeInfo n = new NodeFacts(root).nodeInfo("x86_64");
        assertEquals(new NodeInfo("x86_64", 3000, 8, 3000, 2, 1, 2, 2), n);
        HostTopology t = new NodeFacts(root).topology();
        assertEquals(2, t.cells().size());
        assertEquals(new HostTopology.Cpu(5, 1, 0, 1, "5,7"), t.cells().get(1).cpus().get(1));
    }

    @Test
    void withoutNumaOneCellWithProcMeminfoAndOfflineCpusLeftOut() throws Exception {
        write("proc/meminfo", MEMINFO);
        write("sys/devices/system/cpu/online", "0,2\n");
        cpu(0, 0, 0, "0");
        cpu(2, 0, 2, "2");
        NodeInfo n = new NodeFacts(root).nodeInfo("x86_64");
        assertEquals(new NodeInfo("x86_64", 24683656, 2, 0, 1, 1, 2, 1), n);
    }

    @Test
    void asymmetricTopologyFallsBackToFlat() throws Exception {
        write("proc/meminfo", MEMINFO);
        write("sys/devices/system/cpu/online", "0-2\n");
        cpu(0, 0, 0, "0");
        cpu(1, 0, 1, "1");
        cpu(2, 1, 0, "2");
        NodeInfo n = new NodeFacts(root).nodeInfo("x86_64");
        assertEquals(new NodeInfo("x86_64", 24683656, 3, 0, 1, 1, 3, 1), n);
    }

    @Test
    void memoryStatsForTheHostAndACell() throws Exception {
        write("proc/meminfo", MEMINFO);
        write("sys/devices/system/node/node0/meminfo", "Node 0 MemTotal: 10 kB\nNode 0 MemFree: 4 kB\n");
        NodeFacts f = new NodeFacts(root);
        assertEquals(List.of("total", "free", "buffers", "cached"), List.copyOf(f.memoryStats(-1).keySet()));
        assertEquals(438204L, f.memoryStats(-1).get("cached"));
        assertEquals(Map.of("total", 10L, "free", 4L), f.memoryStats(0));
        assertThrows(InvalidArgException.class, () -> f.memoryStats(3));
    }

    @Test
    void sysinfoFromDmiAndItsAbsence() throws Exception {
        assertThrows(ConfigUnsupportedException.class, () -> DmiSysinfo.xml(root));
        write("sys/class/dmi/id/bios_vendor", "SeaBIOS\n");
        write("sys/class/dmi/id/bios_version", "1.16 <&>\n");
        write("sys/class/dmi/id/sys_vendor", "QEMU\n");
        write("sys/class/dmi/id/product_serial", "\n");
        String x = DmiSysinfo.xml(root);
        assertEquals("""
                <sysinfo type='smbios'>
                  <bios>
                    <entry name='vendor'>SeaBIOS</entry>
                    <entry name='version'>1.16 &lt;&amp;&gt;</entry>
                  </bios>
                  <system>
                    <entry name='manufacturer'>QEMU</entry>
                  </system>
                </sysinfo>
                """, x);
        assertTrue(!x.contains("serial"), "empty files are left out");
    }
}
