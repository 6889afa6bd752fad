package io.jvirt.qemu.sys;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** sched_setaffinity/sched_getaffinity through FFM, on a platform thread of this JVM. */
class AffinityTest {
    @Test
    void pinsAThreadAndReadsItBack() throws Exception {
        BitSet original = Affinity.get(0); // 0: the calling thread
        assertFalse(original.isEmpty());
        int cpu = original.nextSetBit(0);
        String[] seen = new String[1];
        Thread t = Thread.ofPlatform().start(() -> {
            BitSet one = new BitSet();
            one.set(cpu);
            Affinity.set(0, one);
            try {
                seen[0] = Files.readAllLines(Path.of("/proc/thread-self/status")).stream()
                        .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                        .substring("Cpus_allowed_list:".length()).strip();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            assertEquals(one, Affinity.get(0));
        });
        t.join();
        assertEquals(Integer.toString(cpu), seen[0], "the kernel's view of the pinned thread");
        assertEquals(original, Affinity.get(0), "other threads keep their mask");
    }

    @Test
    void aMissingThreadFailsWithEsrch() {
        BitSet one = new BitSet();
        one.set(0);
        Affinity.AffinityException e = assertThrows(Affinity.AffinityException.class,
                () -> Affinity.set(Integer.MAX_VALUE - 1, one));
        assertEquals(3, e.errno());
    }
}
