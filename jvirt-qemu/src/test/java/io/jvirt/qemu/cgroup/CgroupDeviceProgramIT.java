package io.jvirt.qemu.cgroup;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The cgroup v2 devices ACL for real: a group in this host's cgroup2 hierarchy gets the eBPF
 * device program, and a shell placed in it is refused what the ACL does not allow ("Operation not
 * permitted"), follows allowDevice/denyDevice without the program being reloaded, and another
 * DomainCgroup object (a restarted driver) finds the program's map again. On a hybrid host (this
 * project's machines: v1 controllers and cgroup2 at /sys/fs/cgroup/unified) the kernel runs the
 * v2 group's device programs as it would on a v2-only host. Needs root and a cgroup2 mount.
 */
class CgroupDeviceProgramIT {
    private static final String DENIED = "Operation not permitted";
    private CgroupMounts mounts;
    private DomainCgroup g;
    private String name;

    @BeforeEach
    void group() throws IOException {
        Path unified = Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.contains(" - cgroup2 ")).map(l -> Path.of(l.split(" ")[4])).findFirst().orElse(null);
        assumeTrue(unified != null && Files.isWritable(unified), "needs root and a cgroup2 mount");
        mounts = new CgroupMounts(Map.of("devices", new CgroupMounts.Hierarchy(unified, true)));
        name = "jvirt-test-" + Long.toHexString(System.nanoTime());
        g = DomainCgroup.of(mounts, "/", name);
        g.create();
        assertTrue(Files.isDirectory(unified.resolve(name)));
    }

    @AfterEach
    void removeGroup() {
        if (g != null) {
            g.remove();
            assertFalse(Files.exists(g.dir("devices")));
        }
    }

    @Test
    void theProgramEnforcesTheAclAndFollowsAllowAndDeny() throws Exception {
        assertTrue(g.hasDeviceAcl(), "this kernel takes the device program");
        g.setDeviceAcl(List.of("c 1:3 rw", "c 136:* rw"));
        assertEquals(List.of("c 1:3 rw", "c 136:* rw"), g.deviceList());
        List<Integer> progs = attached();
        assertEquals(1, progs.size(), "one program attached to the group");

        Map<String, String> r = probe();
        assertEquals("ok", r.get("null-write"));
        assertEquals("ok", r.get("null-read"));
        assertTrue(r.get("zero-read").endsWith(DENIED), r.toString());
        assertTrue(r.get("zero-write").endsWith(DENIED), r.toString());
        assertTrue(r.get("urandom-read").endsWith(DENIED), r.toString());
        assertTrue(r.get("loop0-read").endsWith(DENIED), r.toString());

        g.allowDevice("c 1:5 r");
        r = probe();
        assertEquals("ok", r.get("zero-read"), "allowed for reading");
        assertTrue(r.get("zero-write").endsWith(DENIED), "not for writing: " + r);
        assertEquals(List.of("c 1:3 rw", "c 1:5 r", "c 136:* rw"), g.deviceList());
        g.allowDevice("c 1:5 w");
        assertEquals("ok", probe().get("zero-write"), "access bits add up, as devices.allow does");
        g.denyDevice("c 1:5 w");
        r = probe();
        assertEquals("ok", r.get("zero-read"));
        assertTrue(r.get("zero-write").endsWith(DENIED), r.toString());
        g.denyDevice("c 1:5 rwm");
        assertTrue(probe().get("zero-read").endsWith(DENIED));
        assertEquals(List.of("c 1:3 rw", "c 136:* rw"), g.deviceList());
        assertEquals(progs, attached(), "the same program, its map changed in place");

        // wildcards: any minor, any major; and the type is part of the device
        g.allowDevice("c 1:* r");
        r = probe();
        assertEquals("ok", r.get("zero-read"));
        assertEquals("ok", r.get("urandom-read"));
        assertTrue(r.get("zero-write").endsWith(DENIED), r.toString());
        g.denyDevice("c 1:* rwm");
        g.allowDevice("c *:9 r");
        r = probe();
        assertEquals("ok", r.get("urandom-read"));
        assertTrue(r.get("zero-read").endsWith(DENIED), r.toString());
        g.denyDevice("c *:9 rwm");
        g.allowDevice("c 7:0 r");
        assertTrue(probe().get("loop0-read").endsWith(DENIED), "a char rule does not allow the block device 7:0");
        g.allowDevice("b 7:0 r");
        assertEquals("ok", probe().get("loop0-read"));

        // another object for the same group, as a restarted driver has, finds the map again
        DomainCgroup again = DomainCgroup.of(mounts, "/", name);
        assertEquals(List.of("b 7:0 r", "c 1:3 rw", "c 7:0 r", "c 136:* rw"), again.deviceList());
        again.allowDevice("c 1:5 rw");
        r = probe();
        assertEquals("ok", r.get("zero-read"));
        assertEquals("ok", r.get("zero-write"));
        again.setDeviceAcl(List.of("c 1:3 rw", "c 1:3 m", "c 1:9 r"));
        assertEquals(List.of("c 1:3 rwm", "c 1:9 r"), again.deviceList(), "set replaces the whole ACL");
        assertEquals(progs, attached(), "still the one program");
        r = probe();
        assertTrue(r.get("zero-read").endsWith(DENIED), r.toString());
        assertEquals("ok", r.get("urandom-read"));

        // the group removed, the kernel frees the program
        int prog = progs.get(0);
        g.remove();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        boolean gone = false;
        while (!gone && System.nanoTime() < end) {
            try {
                BpfSyscalls.close(BpfSyscalls.fdById(true, prog));
                Thread.sleep(50);
            } catch (BpfSyscalls.BpfException e) {
                gone = e.errno() == BpfSyscalls.ENOENT;
            }
        }
        assertTrue(gone, "program " + prog + " is freed with its group");
    }

    @Test
    void allowOnAGroupWithoutTheProgramFails() {
        io.jvirt.error.LibvirtException e = assertThrows(io.jvirt.error.LibvirtException.class,
                () -> g.allowDevice("c 1:5 r"));
        assertTrue(e.getMessage().contains("no devices ACL program (jvirt_devacl) is attached"), e.getMessage());
        assertThrows(io.jvirt.error.LibvirtException.class, () -> g.setDeviceAcl(List.of("c 1:3 rw", "x 1:5 r")));
        assertTrue(attached().isEmpty(), "a bad rule is refused before anything is attached");
    }

    private List<Integer> attached() {
        int fd = BpfSyscalls.openDirectory(g.dir("devices"));
        try {
            return BpfSyscalls.progQuery(fd);
        } finally {
            BpfSyscalls.close(fd);
        }
    }

    /** What a shell in the group gets for each access: "ok" or the error it printed. */
    private Map<String, String> probe() throws Exception {
        String checks = """
                check() { if err=$(sh -c "$2" 2>&1); then echo "$1=ok"; else echo "$1=$err"; fi; }
                check null-write 'echo x >/dev/null'
                check null-read 'cat /dev/null'
                check zero-read 'head -c1 /dev/zero >/dev/null'
                check zero-write 'echo x >/dev/zero'
                check urandom-read 'head -c1 /dev/urandom >/dev/null'
                check loop0-read 'head -c1 /dev/loop0 >/dev/null'
                """;
        Process p = new ProcessBuilder("sh", "-c", g.joinCommand() + "exec sh -c '" + checks.replace("'", "'\\''") + "'")
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        Map<String, String> r = new LinkedHashMap<>();
        for (String line : out.strip().split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                r.put(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        assertEquals(6, r.size(), out);
        return r;
    }
}
