package io.jvirt.qemu.caps;

import io.jvirt.error.ConfigUnsupportedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The cache's invalidation rules, with a fake prober and a fake binary. */
class CapsCacheTest {
    @TempDir
    Path tmp;
    final AtomicInteger probes = new AtomicInteger();

    static QemuCaps caps(String binary, long version) {
        return new QemuCaps(binary, version, "pkg 1", "x86_64",
                List.of(new QemuCaps.Machine("pc-i440fx-7.2", "pc", true, 255, false),
                        new QemuCaps.Machine("pc-q35-7.2", "q35", false, 288, false)),
                List.of(new QemuCaps.CpuModel("qemu64", true, false)), Set.of("virtio-blk-pci", "VGA"), true,
                KvmVerdict.no("R", "hung before protected mode"));
    }

    Function<String, QemuCaps> prober() {
        return b -> caps(b, 7_002_000 + probes.incrementAndGet());
    }

    Path binary() throws Exception {
        Path b = tmp.resolve("bin/qemu-system-x86_64");
        Files.createDirectories(b.getParent());
        Files.writeString(b, "#!/bin/sh\n");
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rwxr-xr-x"));
        return b;
    }

    @Test
    void probesOnceThenServesFromMemoryAndFromTheFile() throws Exception {
        Path b = binary();
        Path dir = tmp.resolve("cache/qemu/capabilities");
        CapsCache c = new CapsCache(dir, prober());
        QemuCaps first = c.get(b.toString());
        assertEquals(first, c.get(b.toString()));
        assertEquals(1, probes.get());
        assertTrue(Files.exists(c.fileFor(b.toString())));
        CapsCache other = new CapsCache(dir, prober());
        assertEquals(first, other.get(b.toString()), "read back from the file, equal in every field");
        assertEquals(1, probes.get());
        assertEquals(0, other.probeCount());
    }

    @Test
    void aChangedMtimeOrSizeOrCtimeProbesAgain() throws Exception {
        Path b = binary();
        Path dir = tmp.resolve("caps");
        new CapsCache(dir, prober()).get(b.toString());
        Files.setLastModifiedTime(b, FileTime.fromMillis(Files.getLastModifiedTime(b).toMillis() - 60_000));
        assertEquals(7_002_002, new CapsCache(dir, prober()).get(b.toString()).version());
        Files.writeString(b, "#!/bin/sh\n# longer\n");
        CapsCache c = new CapsCache(dir, prober());
        assertEquals(7_002_003, c.get(b.toString()).version());
        Thread.sleep(20);
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rwx------"));  // ctime only
        assertEquals(7_002_004, c.get(b.toString()).version(), "in-memory entry invalidated too");
        assertEquals(4, probes.get());
    }

    @Test
    void aDamagedOrOldFormatFileIsProbedAgain() throws Exception {
        Path b = binary();
        Path dir = tmp.resolve("caps");
        CapsCache c = new CapsCache(dir, prober());
        c.get(b.toString());
        Path f = c.fileFor(b.toString());
        Files.writeString(f, Files.readString(f).replace("jvirt-qemu-caps\t" + CapsFile.FORMAT, "jvirt-qemu-caps\t0"));
        new CapsCache(dir, prober()).get(b.toString());
        Files.writeString(f, Files.readString(f).substring(0, 40));
        new CapsCache(dir, prober()).get(b.toString());
        assertEquals(3, probes.get());
    }

    @Test
    void memoryOnlyCacheWritesNothing() throws Exception {
        Path b = binary();
        CapsCache c = new CapsCache(null, prober());
        c.get(b.toString());
        assertNull(c.fileFor(b.toString()));
    }

    @Test
    void missingOrNonExecutableBinaryIsConfigUnsupported() throws Exception {
        CapsCache c = new CapsCache(tmp, prober());
        var e = assertThrows(ConfigUnsupportedException.class, () -> c.get(tmp.resolve("nope").toString()));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        Path b = binary();
        Files.setPosixFilePermissions(b, PosixFilePermissions.fromString("rw-r--r--"));
        if (!Files.isExecutable(b)) {   // root may execute anything with an x bit; none here
            assertThrows(ConfigUnsupportedException.class, () -> c.get(b.toString()));
        }
        assertEquals(0, probes.get());
    }

    @Test
    void fileRoundTripKeepsTabsOutOfFields() {
        QemuCaps c = new QemuCaps("/x", 1, "a\tb", "x86_64", List.of(), List.of(), Set.of(), false,
                new KvmVerdict(false, "", "line one\nline two"));
        BinaryStamp s = new BinaryStamp(1, 2, 3, "absent", "6.1");
        CapsFile.Stamped back = CapsFile.parse(CapsFile.format(s, c));
        assertEquals(s, back.stamp());
        assertEquals("a b", back.caps().packageVersion());
        assertEquals("line one line two", back.caps().kvm().reason());
        assertFalse(back.caps().kvmUsable());
    }

    @Test
    void fileRoundTripKeepsTheHostCpuModel() {
        HostCpuModel host = new HostCpuModel("EPYC", "AMD", List.of("la57", "pku"), List.of("rdseed"));
        QemuCaps c = new QemuCaps("/x", 1, "p", "x86_64", List.of(), List.of(), Set.of(), false,
                new KvmVerdict(false, "", "no"), host);
        assertEquals(host, CapsFile.parse(CapsFile.format(new BinaryStamp(1, 2, 3, "absent", "6.1"), c)).caps().hostCpu());
        QemuCaps none = new QemuCaps("/x", 1, "p", "x86_64", List.of(), List.of(), Set.of(), false,
                new KvmVerdict(false, "", "no"));
        assertEquals(null, CapsFile.parse(CapsFile.format(new BinaryStamp(1, 2, 3, "absent", "6.1"), none)).caps()
                .hostCpu());
    }

    @Test
    void hostModelIsTheNamedModelClosestToTheTarget() {
        var candidates = new java.util.LinkedHashMap<String, Set<String>>();
        candidates.put("small", Set.of("fpu"));
        candidates.put("near", Set.of("fpu", "sse", "lahf-lm", "rdseed"));
        candidates.put("far", Set.of("avx512f", "amx"));
        HostCpuModel h = HostCpuModel.closest(Set.of("fpu", "sse", "lahf-lm", "pclmulqdq"), candidates,
                name -> name.equals("near") ? "GenuineIntel" : null);
        // near: add pclmulqdq, drop rdseed (2 changes) beats small (3) and far (6)
        assertEquals(new HostCpuModel("near", "Intel", List.of("pclmuldq"), List.of("rdseed")), h);
        assertEquals(null, HostCpuModel.closest(Set.of("fpu"), java.util.Map.of(), n -> null));
    }
}
