package io.jvirt.conf.golden;

import io.jvirt.conf.post.PostParseContext;

import java.util.Random;
import java.util.Set;

/**
 * A post-parse context that gives the same answers on every run: a seeded random source (so
 * UUIDs and MACs are stable), x86_64 and fixed canonical machine names.
 */
final class GoldenContext implements PostParseContext {
    private final Random random = new Random(42);

    @Override
    public String defaultArch() {
        return "x86_64";
    }

    @Override
    public String defaultEmulator(String arch) {
        return "/usr/bin/qemu-system-" + arch;
    }

    @Override
    public String canonicalMachine(String emulator, String arch, String machine) {
        if (machine == null || machine.equals("pc")) {
            return "pc-i440fx-7.2";
        }
        return machine.equals("q35") ? "pc-q35-7.2" : machine;
    }

    @Override
    public Set<String> usedMacs() {
        return Set.of();
    }

    @Override
    public void randomBytes(byte[] into) {
        random.nextBytes(into);
    }
}
