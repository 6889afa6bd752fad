package io.jvirt.qemu.caps;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Probes the real QEMU 7.2 over QMP and runs the real KVM check. */
@Tag("qemu")
class CapsProbeIT {
    static final String QEMU = "/usr/bin/qemu-system-x86_64";
    @TempDir
    Path tmp;

    @Test
    void probesMachinesCpusDevicesAndCachesThemInAFile() {
        long t0 = System.nanoTime();
        CapsCache cache = new CapsCache(tmp.resolve("capabilities"));
        QemuCaps c = cache.get(QEMU);
        long firstMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, cache.probeCount());
        assertEquals("x86_64", c.arch());
        assertTrue(c.version() >= 7_002_000 && c.version() < 7_003_000, c.versionString());
        QemuCaps.Machine pc = c.machine("pc").orElseThrow();
        assertEquals("pc-i440fx-7.2", pc.name());
        assertEquals("pc", pc.alias());
        assertTrue(pc.isDefault());
        assertEquals(255, pc.maxCpus());
        assertEquals("pc-i440fx-7.2", c.canonicalMachine("pc"));
        assertEquals("pc-i440fx-7.2", c.canonicalMachine(null));
        assertEquals("pc-q35-7.2", c.canonicalMachine("q35"));
        assertTrue(c.machine("none").isEmpty(), "-machine none is not a guest machine");
        assertTrue(c.cpuModels().stream().anyMatch(m -> m.name().equals("qemu64") && m.usable()));
        assertTrue(c.hasDevice("virtio-blk-pci") && c.hasDevice("isa-debug-exit") && c.hasDevice("VGA"));
        assertFalse(c.hasDevice("device"), "abstract types are not listed");

        long t1 = System.nanoTime();
        CapsCache again = new CapsCache(tmp.resolve("capabilities"));
        QemuCaps cached = again.get(QEMU);
        long cachedMs = (System.nanoTime() - t1) / 1_000_000;
        assertEquals(0, again.probeCount());
        assertEquals(c, cached);
        System.out.println("caps: first probe " + firstMs + " ms, cached open " + cachedMs + " ms");
        assertTrue(Files.exists(cache.fileFor(QEMU)));
        assertTrue(ProcessHandle.allProcesses().noneMatch(p -> p.info().command().orElse("").equals(QEMU)
                && p.parent().map(pp -> pp.pid() == ProcessHandle.current().pid()).orElse(false)), "no QEMU left");
    }

    @Test
    void theKvmVerdictIsTheCheck() {
        QemuCaps c = new CapsCache().get(QEMU);
        KvmVerdict direct = KvmCheck.run(QEMU);
        System.out.println("kvm: probe says " + c.kvm() + "; direct check says " + direct);
        assertEquals(direct.usable(), c.kvmUsable(), c.kvm().reason() + " / " + direct.reason());
        if (Files.exists(Path.of("/sys/module/kvm_pvm"))) {
            // the project's machines: PVM runs only PVM-aware guest kernels, ordinary guests hang
            assertFalse(c.kvmUsable(), c.kvm().reason());
            assertEquals("R", direct.stages(), direct.reason());
        }
    }

    @Test
    void theFirmwareRunsToTheEndUnderTcg() throws Exception {
        // the control experiment: the same firmware under TCG prints every stage and exits 85
        Path fw = tmp.resolve("fw.bin");
        Files.write(fw, KvmFirmware.image());
        Process p = new ProcessBuilder(QEMU, "-machine", "pc,accel=tcg", "-nodefaults", "-no-user-config",
                "-display", "none", "-no-reboot", "-m", "16", "-bios", fw.toString(),
                "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-debugcon", "stdio")
                .redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(KvmFirmware.EXIT_STATUS, p.exitValue(), out);
            assertEquals("RPL", out);
        } finally {
            p.destroyForcibly();
        }
    }
}
