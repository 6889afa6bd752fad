package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.qemu.cgroup.CgroupMounts;
import io.jvirt.qemu.conf.DriverSettings;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.jvirt.qemu.testing.HostCommands.majMin;
import static io.jvirt.qemu.testing.HostCommands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real guest placed in cgroups by its {@code <memtune>}, {@code <cputune>},
 * {@code <blkiotune>} and {@code <numatune>}: what the kernel shows for the QEMU process
 * ({@code /proc/PID/cgroup}) and in the group's files, the vCPU threads in their own children with
 * their CFS quota, and nothing left behind after destroy. Runs as root on the project's machines
 * (cgroup v1 hierarchies are mounted there).
 */
@Tag("qemu")
class CgroupTuningIT extends EmbeddedRootTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static Path blockDevice() {
        return List.of("/dev/vda", "/dev/sda", "/dev/nvme0n1", "/dev/loop0").stream().map(Path::of)
                .filter(p -> Files.exists(p) && !Files.isRegularFile(p)).findFirst().orElseThrow();
    }

    static String xml(String name, String tuning, Path log) {
        TestGuest.requireBuilt();
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>2</vcpu>
                %s  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 quiet panic=-1</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <serial type='pty'><log file='%s' append='off'/><target port='0'/></serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(name, tuning, TestGuest.DIR.resolve("vmlinuz"), TestGuest.DIR.resolve("initrd.img"), log);
    }

    static long qemuPid(Path root, String name) throws IOException {
        return Long.parseLong(Files.readString(root.resolve("run/qemu/" + name + ".xml"))
                .replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
    }

    /** controller (as /proc/PID/cgroup names its hierarchy) to the group path of {@code tid}. */
    static Map<String, String> cgroupsOf(long pid, long tid) throws IOException {
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "cgroup"))) {
            String[] f = line.split(":", 3);
            for (String c : f[1].split(",")) {
                out.put(c, f[2]);
            }
        }
        return out;
    }

    static Map<Integer, Long> vcpuThreads(Domain d) {
        String cpus = d.qemuMonitorCommand("{\"execute\":\"query-cpus-fast\"}", 0);
        Map<Integer, Long> out = new java.util.HashMap<>();
        for (String entry : cpus.split("\\}\\s*,\\s*\\{")) {
            Matcher idx = Pattern.compile("\"cpu-index\":\\s*(\\d+)").matcher(entry);
            Matcher tid = Pattern.compile("\"thread-id\":\\s*(\\d+)").matcher(entry);
            if (idx.find() && tid.find()) {
                out.put(Integer.parseInt(idx.group(1)), Long.parseLong(tid.group(1)));
            }
        }
        return out;
    }

    static String read(Path p) throws IOException {
        return Files.readString(p).strip();
    }

    @Test
    void devicesAclAllowsWhatTheGuestUsesAndNothingElse() throws Exception {
        CgroupMounts m = CgroupMounts.probe(DriverSettings.DEFAULT_CGROUP_CONTROLLERS);
        org.junit.jupiter.api.Assumptions.assumeTrue(m.has("devices") && !m.hierarchy("devices").orElseThrow().v2(),
                "reads cgroup v1's devices.list (CgroupDeviceProgramIT covers the v2 program)");
        List<String> loops = new java.util.ArrayList<>();
        try {
            for (String name : List.of("a.img", "b.img")) {
                Path img = tmp.resolve(name);
                try (var raf = new java.io.RandomAccessFile(img.toFile(), "rw")) {
                    raf.setLength(4L << 20);
                }
                loops.add(run("losetup", "-f", "--show", img.toString()));
            }
            String disk = "<disk type='block' device='disk'><driver name='qemu' type='raw'/><source dev='%s'/>"
                    + "<target dev='%s' bus='virtio'/></disk>";
            Path log = tmp.resolve("console.log");
            Domain d = conn.createXML(xml("acl", "", log).replace("<memballoon model='none'/>",
                    disk.formatted(loops.get(0), "vda") + "<memballoon model='none'/>"), 0);
            long pid = qemuPid(tmp.resolve("root"), "acl");
            Path dir = m.hierarchy("devices").orElseThrow().mount().resolve(cgroupsOf(pid, pid).get("devices").substring(1));
            List<String> acl = Files.readAllLines(dir.resolve("devices.list"));
            assertFalse(acl.contains("a *:* rwm"), "every device is denied first: " + acl);
            assertTrue(acl.containsAll(List.of("c 1:3 rw", "c 1:9 rw", "c 136:* rw", "b " + majMin(loops.get(0)) + " rw")),
                    "the default ACL, ptys and the guest's disk: " + acl);
            assertFalse(acl.contains("b " + majMin(loops.get(1)) + " rw"), acl.toString());
            TestGuest.awaitText(log, TestGuest.READY, WAIT);
            // QEMU itself cannot open a block device the guest was not given
            // (QMP's error comes back as the reply, as libvirt's qemu-monitor-command passes it on)
            String sneak = d.qemuMonitorCommand("{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"host_device\","
                    + "\"filename\":\"" + loops.get(1) + "\",\"node-name\":\"sneak\"}}", 0);
            assertTrue(sneak.contains("\"error\"") && sneak.contains("Operation not permitted"), sneak);
            // a disk plugged in is allowed first, and denied again once the guest let it go
            d.attachDevice(disk.formatted(loops.get(1), "vdb"), Flags.Affect.LIVE);
            assertTrue(Files.readAllLines(dir.resolve("devices.list")).contains("b " + majMin(loops.get(1)) + " rw"));
            TestGuest.awaitText(log, "JVIRT-GUEST-HOTPLUG: vdb", WAIT);
            d.detachDevice(disk.formatted(loops.get(1), "vdb"), Flags.Affect.LIVE);
            long end = System.nanoTime() + WAIT.toNanos();
            String gone = "b " + majMin(loops.get(1)) + " rw";
            // the live XML drops vdb on DEVICE_DELETED just before the device is denied
            while ((d.getXMLDesc(0).contains("'vdb'") || Files.readAllLines(dir.resolve("devices.list")).contains(gone))
                    && System.nanoTime() < end) {
                Thread.sleep(100);
            }
            acl = Files.readAllLines(dir.resolve("devices.list"));
            assertFalse(acl.contains("b " + majMin(loops.get(1)) + " rw"), acl.toString());
            assertTrue(acl.contains("b " + majMin(loops.get(0)) + " rw"), acl.toString());
            d.destroy();
        } finally {
            for (String loop : loops) {
                new ProcessBuilder("losetup", "-d", loop).inheritIO().start().waitFor();
            }
        }
    }


    @Test
    void guestRunsInItsCgroupWithTheTuningWritten() throws Exception {
        CgroupMounts m = CgroupMounts.probe(DriverSettings.DEFAULT_CGROUP_CONTROLLERS);
        assertTrue(m.has("memory") && m.has("cpu") && m.has("cpuset") && m.has("blkio"),
                "this host's cgroups: " + m);
        Path dev = blockDevice();
        Path log = tmp.resolve("console.log");
        Domain d = conn.createXML(xml("cg", """
                  <memtune>
                    <hard_limit unit='MiB'>512</hard_limit>
                    <soft_limit unit='MiB'>300</soft_limit>
                    <swap_hard_limit unit='MiB'>1024</swap_hard_limit>
                  </memtune>
                  <blkiotune>
                    <device><path>%s</path><read_bytes_sec>10485760</read_bytes_sec><write_iops_sec>300</write_iops_sec></device>
                  </blkiotune>
                  <cputune>
                    <shares>512</shares>
                    <period>100000</period>
                    <quota>50000</quota>
                    <global_quota>150000</global_quota>
                    <emulator_period>100000</emulator_period>
                    <emulator_quota>30000</emulator_quota>
                  </cputune>
                  <numatune><memory mode='strict' nodeset='0'/></numatune>
                """.formatted(dev), log), 0);
        TestGuest.awaitText(log, TestGuest.READY, WAIT);
        long pid = qemuPid(tmp.resolve("root"), "cg");
        Map<String, String> groups = cgroupsOf(pid, pid);
        String group = groups.get("memory");
        assertTrue(group.matches("/machine/qemu-embed-[0-9a-f]{8}-1-cg\\.jvirt-qemu"), groups.toString());
        assertEquals(group + "/emulator", groups.get("cpu"), "QEMU's main thread is an emulator thread");
        assertEquals(group, groups.get("blkio"));
        assertEquals(group, groups.get("cpuset"));
        Path mem = m.hierarchy("memory").orElseThrow().mount().resolve(group.substring(1));
        assertEquals(512L << 20, Long.parseLong(read(mem.resolve("memory.limit_in_bytes"))));
        assertEquals(300L << 20, Long.parseLong(read(mem.resolve("memory.soft_limit_in_bytes"))));
        assertEquals(1024L << 20, Long.parseLong(read(mem.resolve("memory.memsw.limit_in_bytes"))));
        Path cpu = m.hierarchy("cpu").orElseThrow().mount().resolve(group.substring(1));
        assertEquals("512", read(cpu.resolve("cpu.shares")));
        assertEquals("150000", read(cpu.resolve("cpu.cfs_quota_us")));
        assertEquals("30000", read(cpu.resolve("emulator/cpu.cfs_quota_us")));
        Map<Integer, Long> vcpus = vcpuThreads(d);
        assertEquals(2, vcpus.size());
        for (var v : vcpus.entrySet()) {
            assertEquals(group + "/vcpu" + v.getKey(), cgroupsOf(pid, v.getValue()).get("cpu"));
            assertEquals("50000", read(cpu.resolve("vcpu" + v.getKey() + "/cpu.cfs_quota_us")));
            assertEquals(Long.toString(v.getValue()), read(cpu.resolve("vcpu" + v.getKey() + "/tasks")));
        }
        Path blkio = m.hierarchy("blkio").orElseThrow().mount().resolve(group.substring(1));
        String majMin = BlockDevices.majMin(dev);
        assertEquals(majMin + " 10485760", read(blkio.resolve("blkio.throttle.read_bps_device")));
        assertEquals(majMin + " 300", read(blkio.resolve("blkio.throttle.write_iops_device")));
        Path cpuset = m.hierarchy("cpuset").orElseThrow().mount().resolve(group.substring(1));
        assertEquals("0", read(cpuset.resolve("cpuset.mems")));

        d.destroy();
        for (Path p : List.of(mem, cpu, blkio, cpuset)) {
            assertFalse(Files.exists(p), p + " removed after destroy");
        }
    }

    @Test
    void automaticPlacementFollowsNumad() throws Exception {
        CgroupMounts m = CgroupMounts.probe(DriverSettings.DEFAULT_CGROUP_CONTROLLERS);
        Path log = tmp.resolve("console.log");
        Domain d = conn.createXML(xml("auto", "", log).replace("<vcpu>2</vcpu>", "<vcpu placement='auto'>2</vcpu>"), 0);
        Process numad = new ProcessBuilder("/usr/bin/numad", "-w", "2:128").redirectErrorStream(true).start();
        String advice = new String(numad.getInputStream().readAllBytes()).strip();
        assertEquals(0, numad.waitFor(), advice);
        long pid = qemuPid(tmp.resolve("root"), "auto");
        String group = cgroupsOf(pid, pid).get("cpuset");
        Path cpuset = m.hierarchy("cpuset").orElseThrow().mount().resolve(group.substring(1));
        assertEquals(advice, read(cpuset.resolve("cpuset.mems")), "numad's nodeset is the guest's memory nodes");
        java.util.BitSet cpus = new java.util.BitSet();
        for (int node : io.jvirt.conf.CpuSet.parse(advice).stream().toArray()) {
            cpus.or(io.jvirt.conf.CpuSet.parse(read(Path.of("/sys/devices/system/node/node" + node + "/cpulist"))));
        }
        for (long tid : vcpuThreads(d).values()) {
            String allowed = Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "status"))
                    .stream().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                    .substring("Cpus_allowed_list:".length()).strip();
            assertEquals(io.jvirt.conf.CpuSet.format(cpus), allowed, "vCPU thread " + tid + " on the nodes' CPUs");
        }
        String live = d.getXMLDesc(0);
        assertTrue(live.contains("<vcpu placement='auto'>2</vcpu>")
                && live.contains("<memory mode='strict' placement='auto'/>"), live);
        assertEquals(advice, numaNodeset(d), "numatune shows numad's nodeset");
        // a driver that adopts the running guest knows numad's nodeset from the status file
        assertTrue(Files.readString(tmp.resolve("root/run/qemu/auto.xml")).contains("<numad nodeset='" + advice + "'/>"));
        conn.close();
        conn = Connect.open("qemu:///embed?root=" + tmp.resolve("root"));
        Domain again = conn.lookupByName("auto");
        assertTrue(again.isActive());
        assertEquals(advice, numaNodeset(again));
        again.destroy();
    }

    private static String numaNodeset(Domain d) {
        return d.getTunables(io.jvirt.TunableGroup.NUMA, Flags.Affect.LIVE).stream()
                .filter(p -> p.field().equals("numa_nodeset")).findFirst().orElseThrow().value().toString();
    }

    @Test
    void tuningChangesLiveAndInTheConfig() throws Exception {
        Path log = tmp.resolve("console.log");
        Domain d = conn.defineXML(xml("live", "", log));
        d.create();
        TestGuest.awaitText(log, TestGuest.READY, WAIT);
        long pid = qemuPid(tmp.resolve("root"), "live");
        CgroupMounts m = CgroupMounts.probe(DriverSettings.DEFAULT_CGROUP_CONTROLLERS);
        String group = cgroupsOf(pid, pid).get("memory");
        Path mem = m.hierarchy("memory").orElseThrow().mount().resolve(group.substring(1));
        Path cpu = m.hierarchy("cpu").orElseThrow().mount().resolve(group.substring(1));

        d.setMemoryParameters(List.of(io.jvirt.TypedParameter.ofULong("hard_limit", 262144)), Flags.Affect.LIVE);
        assertEquals(256L << 20, Long.parseLong(read(mem.resolve("memory.limit_in_bytes"))));
        d.setSchedulerParameters(List.of(io.jvirt.TypedParameter.ofULong("cpu_shares", 300),
                io.jvirt.TypedParameter.ofLong("vcpu_quota", 25000)), Flags.Affect.LIVE);
        assertEquals("300", read(cpu.resolve("cpu.shares")));
        assertEquals("25000", read(cpu.resolve("vcpu0/cpu.cfs_quota_us")));
        assertEquals("25000", read(cpu.resolve("vcpu1/cpu.cfs_quota_us")));
        var live = d.getSchedulerParameters(Flags.Affect.LIVE);
        assertEquals(300L, live.get(0).asLong());
        assertEquals(25000L, live.stream().filter(p -> p.field().equals("vcpu_quota")).findFirst().orElseThrow().asLong());
        assertTrue(d.getXMLDesc(0).contains("<quota>25000</quota>"), "the live XML follows");
        assertFalse(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<cputune>"), "the config does not");

        d.setMemoryParameters(List.of(io.jvirt.TypedParameter.ofULong("soft_limit", 102400)), Flags.Affect.CONFIG);
        assertTrue(Files.readString(tmp.resolve("root/etc/qemu/live.xml")).contains("<soft_limit unit='KiB'>102400</soft_limit>"));
        assertEquals(io.jvirt.qemu.cgroup.DomainCgroup.UNLIMITED_KIB, d.getMemoryParameters(Flags.Affect.LIVE).get(1).asLong(),
                "the running guest's soft limit is unchanged");
        io.jvirt.error.LibvirtException bad = org.junit.jupiter.api.Assertions.assertThrows(
                io.jvirt.error.LibvirtException.class, () -> d.setMemoryParameters(List.of(
                        io.jvirt.TypedParameter.ofULong("hard_limit", 200000),
                        io.jvirt.TypedParameter.ofULong("swap_hard_limit", 100000)), Flags.Affect.LIVE));
        assertEquals(io.jvirt.error.ErrorNumber.INVALID_ARG, bad.number());
        assertEquals(256L << 20, Long.parseLong(read(mem.resolve("memory.limit_in_bytes"))), "nothing half-applied");
    }

    @Test
    void aControllerLeftOutOfQemuConfRefusesTheStart() throws Exception {
        conn.close();
        Files.writeString(tmp.resolve("root/etc/qemu.conf"), "cgroup_controllers = [ \"cpu\" ]\n");
        conn = Connect.open("qemu:///embed?root=" + tmp.resolve("root"));
        Domain d = conn.defineXML(xml("nomem", "  <memtune><hard_limit unit='MiB'>512</hard_limit></memtune>\n",
                tmp.resolve("console.log")));
        io.jvirt.error.LibvirtException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.jvirt.error.LibvirtException.class, d::create);
        assertEquals(io.jvirt.error.ErrorNumber.OPERATION_INVALID, e.number());
        assertTrue(e.getMessage().contains("Memory cgroup is not available on this host"), e.getMessage());
        assertFalse(d.isActive());
        assertFalse(Files.exists(tmp.resolve("root/log/qemu/nomem.log")), "QEMU never ran");
    }
}
