package io.jvirt.qemu.cgroup;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Finding the controllers in mountinfo (v1, co-mounted v1, hybrid, pure v2), and the file
 * layout written for a cgroup v2 host, checked on a directory tree shaped like cgroupfs (this
 * project's machines mount cgroup v1, which the integration test covers for real).
 */
class CgroupMountsTest {
    static final List<String> ALL = List.of("cpu", "cpuset", "memory", "blkio", "cpuacct");
    @TempDir
    Path tmp;

    @Test
    void v1HierarchiesIncludingCoMountedOnes() {
        CgroupMounts m = CgroupMounts.parse(List.of(
                "30 25 0:26 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid - cgroup cgroup rw,cpu,cpuacct",
                "31 25 0:27 / /sys/fs/cgroup/memory rw,nosuid - cgroup cgroup rw,memory",
                "32 25 0:28 / /sys/fs/cgroup/blkio rw - cgroup cgroup rw,blkio",
                "33 25 0:29 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw",
                "34 25 0:30 / /proc rw - proc proc rw"), ALL, p -> Set.of());
        assertEquals(new CgroupMounts.Hierarchy(Path.of("/sys/fs/cgroup/cpu,cpuacct"), false), m.hierarchy("cpu").orElseThrow());
        assertEquals(Path.of("/sys/fs/cgroup/memory"), m.hierarchy("memory").orElseThrow().mount());
        assertFalse(m.has("cpuset"), "not mounted, and the empty unified hierarchy does not offer it");
    }

    @Test
    void pureV2OffersWhatCgroupControllersLists() {
        CgroupMounts m = CgroupMounts.parse(List.of("29 1 0:25 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw"), ALL,
                p -> Set.of("cpuset", "cpu", "io", "memory", "pids"));
        assertEquals(Set.of("cpu", "cpuset", "memory", "blkio"), m.hierarchies().keySet());
        assertTrue(m.hierarchies().values().stream().allMatch(CgroupMounts.Hierarchy::v2));
    }

    @Test
    void devicesIsTheV1ControllerOrElseTheUnifiedHierarchy() {
        List<String> wanted = List.of("cpu", "devices", "memory");
        String unified = "29 1 0:25 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw";
        CgroupMounts v2 = CgroupMounts.parse(List.of(unified), wanted, p -> Set.of("cpu", "memory"));
        assertEquals(new CgroupMounts.Hierarchy(Path.of("/sys/fs/cgroup"), true), v2.hierarchy("devices").orElseThrow(),
                "no devices controller in cgroup.controllers: v2 checks devices with BPF programs");
        CgroupMounts hybrid = CgroupMounts.parse(List.of(
                "36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices",
                "41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw"), wanted, p -> Set.of());
        assertEquals(new CgroupMounts.Hierarchy(Path.of("/sys/fs/cgroup/devices"), false),
                hybrid.hierarchy("devices").orElseThrow(), "the v1 controller where it is bound");
        assertFalse(CgroupMounts.parse(List.of(unified), List.of("memory"), p -> Set.of("memory")).has("devices"),
                "left out of cgroup_controllers");
        assertFalse(CgroupMounts.parse(List.of("32 31 0:29 / /sys/fs/cgroup/cpu rw - cgroup cgroup rw,cpu"), wanted,
                p -> Set.of()).has("devices"), "neither mounted");
    }

    @Test
    void controllersLeftOutOfQemuConfAreNotUsed() {
        CgroupMounts m = CgroupMounts.parse(List.of("29 1 0:25 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw"),
                List.of("memory"), p -> Set.of("cpu", "memory"));
        assertEquals(Set.of("memory"), m.hierarchies().keySet());
    }

    @Test
    void v2FilesAndValues() throws Exception {
        Path root = tmp.resolve("cg");
        Files.createDirectories(root);
        Files.writeString(root.resolve("cgroup.controllers"), "cpu io memory\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        CgroupMounts m = new CgroupMounts(java.util.Map.of("memory", new CgroupMounts.Hierarchy(root, true),
                "cpu", new CgroupMounts.Hierarchy(root, true), "blkio", new CgroupMounts.Hierarchy(root, true)));
        DomainCgroup g = DomainCgroup.of(m, null, "qemu-1-a.jvirt-qemu");
        g.create();
        Path dir = root.resolve("machine/qemu-1-a.jvirt-qemu");
        assertTrue(Files.isDirectory(dir));
        assertEquals("+cpu +io +memory", Files.readString(root.resolve("cgroup.subtree_control")),
                "the controllers enabled for the partition, in one write");
        Files.writeString(dir.resolve("memory.max"), "max\n");
        assertEquals(DomainCgroup.UNLIMITED_KIB, g.memory("hard_limit"));
        g.setMemory("hard_limit", 1024);
        assertEquals("1048576", Files.readString(dir.resolve("memory.max")));
        g.setMemory("soft_limit", DomainCgroup.UNLIMITED_KIB);
        assertEquals("max", Files.readString(dir.resolve("memory.high")));
        Files.writeString(dir.resolve("cpu.max"), "max 100000\n");
        g.setBandwidth(null, null, 50000L);
        assertEquals("50000 100000", Files.readString(dir.resolve("cpu.max")));
        assertEquals(50000, g.bandwidth(null)[1]);
        g.setShares(500);
        assertEquals("500", Files.readString(dir.resolve("cpu.weight")));
        Files.writeString(dir.resolve("io.weight"), "default 100\n");
        g.setBlkioWeight(300);
        assertEquals("default 300", Files.readString(dir.resolve("io.weight")));
        g.setDevice("254:0", "read_bytes_sec", 1048576);
        assertEquals("254:0 rbps=1048576", Files.readString(dir.resolve("io.max")));
        Files.writeString(dir.resolve("io.max"), "254:0 rbps=1048576 wbps=max riops=max wiops=max\n");
        assertEquals(java.util.Map.of("254:0", 1048576L), g.devices("read_bytes_sec"));
        assertEquals(java.util.Map.of(), g.devices("write_bytes_sec"));
        assertTrue(g.joinCommand().contains("echo $$ >'" + dir.resolve("cgroup.procs") + "' || exit 125;"));
    }
}
