package io.jvirt.bench;

import io.jvirt.qemu.caps.CapsCache;
import io.jvirt.qemu.caps.QemuCaps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Capability probe benchmark: for each round, the first probe of an emulator into an empty cache
 * directory (QMP probe + KVM check) and the cached open by a fresh cache on the same directory.
 * Round 1 runs in a cold JVM. Prints figures; asserts nothing.
 */
public final class CapsBench {
    private CapsBench() {
    }

    public static void main(String[] args) throws IOException {
        String binary = args.length > 0 ? args[0] : "/usr/bin/qemu-system-x86_64";
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        for (int i = 1; i <= rounds; i++) {
            Path dir = Files.createTempDirectory("jvirt-caps-bench-");
            try {
                long t0 = System.nanoTime();
                QemuCaps c = new CapsCache(dir).get(binary);
                long first = System.nanoTime() - t0;
                long t1 = System.nanoTime();
                CapsCache again = new CapsCache(dir);
                again.get(binary);
                long cached = System.nanoTime() - t1;
                System.out.printf("round %d: first probe %d ms, cached open %.1f ms (probes: %d; %d machines, %d CPU models, "
                                + "%d device types; kvm %s)%n", i, first / 1_000_000, cached / 1e6, again.probeCount(),
                        c.machines().size(), c.cpuModels().size(), c.deviceTypes().size(),
                        c.kvmUsable() ? "usable" : "not usable: " + c.kvm().reason());
            } finally {
                try (Stream<Path> s = Files.walk(dir)) {
                    for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
    }
}
