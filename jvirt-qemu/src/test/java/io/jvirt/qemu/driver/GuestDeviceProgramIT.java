package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.qemu.cgroup.CgroupMounts;
import io.jvirt.qemu.cgroup.DomainCgroup;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.qemu.util.Rollback;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.jvirt.qemu.testing.HostCommands.majMin;
import static io.jvirt.qemu.testing.HostCommands.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The driver's devices ACL code on cgroup v2 with a real QEMU: {@link GuestCgroups} prepares the
 * group of a guest with a loop-device disk in the cgroup2 hierarchy (the unified one of this
 * project's hybrid hosts, standing for a v2-only host's), QEMU joins it as the driver's launcher
 * makes it, and over QMP opens its own disk but is refused a loop device it was not given until
 * {@code diskAccess} allows it (a hotplug), and again after {@code diskAccess} denies it (an unplug).
 */
@Tag("qemu")
class GuestDeviceProgramIT {
    @TempDir
    Path tmp;

    @Test
    void qemuInAV2GroupOpensOnlyWhatTheProgramAllows() throws Exception {
        Path unified = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(" - cgroup2 ")).map(l -> Path.of(l.split(" ")[4])).findFirst().orElse(null);
        assumeTrue(unified != null && Files.isWritable(unified), "needs root and a cgroup2 mount");
        CgroupMounts mounts = new CgroupMounts(Map.of("devices", new CgroupMounts.Hierarchy(unified, true)));
        GuestCgroups cgroups = new GuestCgroups(mounts, DriverPaths.embedded(tmp.resolve("root").toString()), null);
        List<String> loops = new ArrayList<>();
        Process qemu = null;
        try (Rollback rb = new Rollback()) {
            for (String name : List.of("a.img", "b.img")) {
                Path img = tmp.resolve(name);
                try (var raf = new java.io.RandomAccessFile(img.toFile(), "rw")) {
                    raf.setLength(4L << 20);
                }
                loops.add(run("losetup", "-f", "--show", img.toString()));
            }
            String disk = "<disk type='block' device='disk'><source dev='%s'/><target dev='%s' bus='virtio'/></disk>";
            String xml = "<domain type='qemu'><name>v2acl</name><memory unit='MiB'>64</memory><os><type>hvm</type></os>"
                    + "<devices>%s</devices></domain>";
            DomainDef one = DomainXml.parse(xml.formatted(disk.formatted(loops.get(0), "vda")));
            DomainDef two = DomainXml.parse(xml.formatted(disk.formatted(loops.get(0), "vda")
                    + disk.formatted(loops.get(1), "vdb")));
            DiskDef second = two.devices().disks().get(1);

            long t0 = System.nanoTime();
            DomainCgroup g = cgroups.prepare(one, 7, List.of(), rb).orElseThrow();
            long prepared = System.nanoTime() - t0;
            assertTrue(g.dir("devices").startsWith(unified), g.dir("devices").toString());
            List<String> acl = g.deviceList();
            assertTrue(acl.containsAll(List.of("c 1:3 rw", "c 1:9 rw", "c 136:* rw", "b " + majMin(loops.get(0)) + " rw")),
                    acl.toString());
            assertFalse(acl.contains("b " + majMin(loops.get(1)) + " rw"), acl.toString());

            qemu = new ProcessBuilder("sh", "-c", g.joinCommand() + "exec /usr/bin/qemu-system-x86_64 -machine none"
                    + " -nodefaults -display none -qmp stdio").redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(qemu.getInputStream(), StandardCharsets.UTF_8));
            Writer in = new java.io.OutputStreamWriter(qemu.getOutputStream(), StandardCharsets.UTF_8);
            assertTrue(qmp(in, out, "{\"execute\":\"qmp_capabilities\"}").contains("\"return\""));
            assertTrue(Files.readString(g.dir("devices").resolve("cgroup.procs")).contains(Long.toString(qemu.pid())),
                    "QEMU runs in the group");
            assertTrue(blockdevAdd(in, out, loops.get(0), "own").contains("\"return\""), "its own disk opens");
            String sneak = blockdevAdd(in, out, loops.get(1), "sneak");
            assertTrue(sneak.contains("Operation not permitted"), sneak);

            t0 = System.nanoTime();
            cgroups.diskAccess(two, 7, second, true);
            long allowed = System.nanoTime() - t0;
            assertTrue(blockdevAdd(in, out, loops.get(1), "plugged").contains("\"return\""), "allowed for the hotplug");
            assertTrue(qmp(in, out, "{\"execute\":\"blockdev-del\",\"arguments\":{\"node-name\":\"plugged\"}}")
                    .contains("\"return\""));
            cgroups.diskAccess(two, 7, second, false);
            sneak = blockdevAdd(in, out, loops.get(1), "again");
            assertTrue(sneak.contains("Operation not permitted"), "denied after the unplug: " + sneak);
            assertTrue(g.deviceList().contains("b " + majMin(loops.get(0)) + " rw"), "the first disk stays");
            System.out.printf("v2 devices ACL: prepare %.1f ms (first: probe, map, load, attach), allow %.2f ms%n",
                    prepared / 1e6, allowed / 1e6);

            qmp(in, out, "{\"execute\":\"quit\"}");
            assertTrue(qemu.waitFor(20, TimeUnit.SECONDS));
        } finally {
            if (qemu != null && qemu.isAlive()) {
                qemu.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            for (String loop : loops) {
                new ProcessBuilder("losetup", "-d", loop).inheritIO().start().waitFor();
            }
        }
        assertFalse(Files.exists(unified.resolve("machine/" + GuestCgroups.instanceTag(
                DriverPaths.embedded(tmp.resolve("root").toString())) + "7-v2acl.jvirt-qemu")), "the group is removed");
    }

    private static String blockdevAdd(Writer in, BufferedReader out, String dev, String node) throws Exception {
        return qmp(in, out, "{\"execute\":\"blockdev-add\",\"arguments\":{\"driver\":\"host_device\",\"filename\":\""
                + dev + "\",\"node-name\":\"" + node + "\"}}");
    }

    /** Sends one command; its reply line (events and the greeting are skipped). */
    private static String qmp(Writer in, BufferedReader out, String cmd) throws Exception {
        in.write(cmd + "\n");
        in.flush();
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("\"return\"") || line.contains("\"error\"")) {
                return line;
            }
        }
        throw new AssertionError("QEMU closed QMP after " + cmd);
    }

}
