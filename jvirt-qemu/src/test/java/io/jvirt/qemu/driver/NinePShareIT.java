package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * 9p shares ({@code <filesystem type='mount'>}, QEMU's own 9p server) mounted by a real guest: the
 * full flavour of the test guest (Debian's generic kernel; the cloud one has no 9p) mounts each
 * share, prints the first line of a file the host wrote and writes a file back
 * ({@code jvirt.fswrite}). Passthrough stores the guest's mode on the host file itself; mapped
 * keeps the host file private to QEMU and stores the guest's owner and mode in
 * {@code user.virtfs.*} xattrs; a {@code <readonly/>} share refuses the guest's write.
 */
@Tag("qemu")
class NinePShareIT extends EmbeddedRootTest {
    /** The full flavour boots in about 8 s under TCG on a busy 2-core machine; mounting adds little. */
    static final Duration WAIT = Duration.ofSeconds(90);
    /** The test guest on the full flavour's kernel, which has 9p, with {@code filesystems}. */
    private static String xml(String name, String cmdline, String filesystems, Path log) {
        return TestGuest.xml(name, log)
                .replace(TestGuest.DIR.resolve("vmlinuz").toString(), TestGuest.fullKernel().toString())
                .replace(TestGuest.DIR.resolve("initrd.img").toString(), TestGuest.fullInitrd().toString())
                .replace("quiet panic=-1</cmdline>", "quiet panic=-1 jvirt.modules=9p " + cmdline + "</cmdline>")
                .replace("<memballoon model='none'/>", filesystems + "\n<memballoon model='none'/>");
    }

    /** A share of {@code dir} on tag {@code tag}; {@code extra} goes inside the element. */
    private static String share(String accessmode, Path dir, String tag, String extra) {
        return "    <filesystem type='mount' accessmode='" + accessmode + "'><driver type='path'/>"
                + "<source dir='" + dir + "'/><target dir='" + tag + "'/>" + extra + "</filesystem>";
    }

    /** A host directory holding hello.txt with {@code text} on its first line. */
    private Path hostDir(String name, String text) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.writeString(dir.resolve("hello.txt"), text + "\nsecond line\n");
        return dir;
    }

    @Test
    void passthroughShareIsReadAndWrittenAndAReadonlyOneRefusesTheWrite() throws Exception {
        Path rw = hostDir("rw", "passthrough share " + ProcessHandle.current().pid());
        Path ro = hostDir("ro", "readonly share " + ProcessHandle.current().pid());
        Path log = tmp.resolve("console.log");
        Domain d = conn.createXML(xml("ninep",
                "jvirt.fs=9p:rwshare:hello.txt jvirt.fswrite=rwshare:from-guest.txt:written-by-the-guest"
                        + " jvirt.fs=9p:roshare:hello.txt jvirt.fswrite=roshare:from-guest.txt:must-not-land",
                share("passthrough", rw, "rwshare", "") + "\n" + share("passthrough", ro, "roshare", "<readonly/>"),
                log), 0);
        long pid = CgroupTuningIT.qemuPid(tmp.resolve("root"), "ninep");
        String qemuLog = Files.readString(tmp.resolve("root/log/qemu/ninep.log"));
        assertTrue(qemuLog.contains("security_model=passthrough,id=fsdev-fs1,path=" + ro + ",readonly=on"), qemuLog);

        Map<String, String> out = awaitLines(log, List.of("JVIRT-GUEST-FS: rwshare:", "JVIRT-GUEST-FS-WRITE: rwshare:",
                "JVIRT-GUEST-FS: roshare:", "JVIRT-GUEST-FS-WRITE: roshare:"));
        assertEquals("passthrough share " + ProcessHandle.current().pid(), out.get("JVIRT-GUEST-FS: rwshare:"));
        assertEquals("readonly share " + ProcessHandle.current().pid(), out.get("JVIRT-GUEST-FS: roshare:"));
        assertEquals("ok", out.get("JVIRT-GUEST-FS-WRITE: rwshare:"));
        String refused = out.get("JVIRT-GUEST-FS-WRITE: roshare:");
        assertTrue(refused.startsWith("error:") && refused.contains("Read-only file system"), refused);

        Path written = rw.resolve("from-guest.txt");
        assertEquals("written-by-the-guest\n", Files.readString(written));
        // passthrough: the host file carries the mode the guest created it with (umask 022)
        assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        assertEquals(Map.of(), virtfsXattrs(written), "passthrough keeps no user.virtfs.* xattrs");
        assertFalse(Files.exists(ro.resolve("from-guest.txt")), "nothing written through the readonly share");

        d.destroy();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid + " gone");
    }

    @Test
    void mappedShareStoresTheGuestsOwnerAndModeInXattrs() throws Exception {
        Path dir = hostDir("mapped", "mapped share " + ProcessHandle.current().pid());
        Path log = tmp.resolve("console.log");
        Domain d = conn.createXML(xml("ninepmapped",
                "jvirt.fs=9p:mapped:hello.txt jvirt.fswrite=mapped:from-guest.txt:mapped-by-the-guest",
                share("mapped", dir, "mapped", ""), log), 0);
        long pid = CgroupTuningIT.qemuPid(tmp.resolve("root"), "ninepmapped");

        Map<String, String> out = awaitLines(log, List.of("JVIRT-GUEST-FS: mapped:", "JVIRT-GUEST-FS-WRITE: mapped:"));
        assertEquals("mapped share " + ProcessHandle.current().pid(), out.get("JVIRT-GUEST-FS: mapped:"));
        assertEquals("ok", out.get("JVIRT-GUEST-FS-WRITE: mapped:"));

        Path written = dir.resolve("from-guest.txt");
        assertEquals("mapped-by-the-guest\n", Files.readString(written));
        // mapped: QEMU creates the host file private to itself; the guest's view lives in xattrs
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        Map<String, Integer> xattrs = virtfsXattrs(written);
        assertEquals(0, xattrs.get("virtfs.uid"), xattrs.toString());
        assertEquals(0, xattrs.get("virtfs.gid"), xattrs.toString());
        assertEquals(0100644, xattrs.get("virtfs.mode"), "S_IFREG|0644 as the guest sees it: " + xattrs);
        assertEquals(Map.of(), virtfsXattrs(dir.resolve("hello.txt")), "the host's own file is untouched");

        d.destroy();
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU " + pid + " gone");
    }

    /**
     * Waits until the console shows a whole line starting with each prefix; returns what follows each
     * prefix (stripped), the first line per prefix.
     */
    private static Map<String, String> awaitLines(Path log, List<String> prefixes) {
        Map<String, String> found = new TreeMap<>();
        TestGuest.await(() -> {
            found.clear();
            String text = read(log);
            // only whole lines: the console may be in the middle of writing the last one
            for (String line : text.substring(0, text.lastIndexOf('\n') + 1).lines().toList()) {
                for (String p : prefixes) {
                    if (line.startsWith(p)) {
                        found.putIfAbsent(p, line.substring(p.length()).strip());
                    }
                }
            }
            return found.size() == prefixes.size() || read(log).contains("JVIRT-GUEST-FS-ERROR");
        }, WAIT, prefixes + " in " + log);
        assertFalse(read(log).contains("JVIRT-GUEST-FS-ERROR"), read(log));
        return found;
    }

    /** The file's user.virtfs.* xattrs (names without "user."), each a 32-bit host-order value. */
    private static Map<String, Integer> virtfsXattrs(Path file) throws IOException {
        UserDefinedFileAttributeView view = Files.getFileAttributeView(file, UserDefinedFileAttributeView.class);
        Map<String, Integer> xattrs = new TreeMap<>();
        for (String name : view.list()) {
            if (name.startsWith("virtfs.")) {
                ByteBuffer b = ByteBuffer.allocate(view.size(name)).order(ByteOrder.nativeOrder());
                view.read(name, b);
                b.flip();
                xattrs.put(name, b.remaining() == 4 ? b.getInt() : -1);
            }
        }
        return xattrs;
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
