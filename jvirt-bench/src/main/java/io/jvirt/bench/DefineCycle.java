package io.jvirt.bench;

import io.jvirt.Connect;
import io.jvirt.DomainRef;
import io.jvirt.spi.ConnectDriver;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The driver calls jvirtd makes for one {@code virsh} define, dumpxml and undefine (the
 * scripts/bench-daemon.sh cycle) on an embedded root, without virsh, the wire or a daemon:
 * defineXML; lookupByName, getXMLDesc; lookupByName, isActive, hasManagedSave, undefine. Prints
 * the process CPU time (every thread: callers, event dispatch, GC, JIT) and the wall time per
 * cycle, for ROUNDS rounds of CYCLES cycles after WARMUP untimed cycles. Run it with jvirtd's JVM
 * options to see what the daemon pays (scripts/bench-define.sh does).
 *
 * <p>Usage: {@code DefineCycle KERNEL INITRD [CYCLES [ROUNDS [WARMUP]]]}.
 */
public final class DefineCycle {
    private DefineCycle() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DefineCycle KERNEL INITRD [CYCLES [ROUNDS [WARMUP]]]");
            System.exit(2);
        }
        int cycles = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
        int warmup = args.length > 4 ? Integer.parseInt(args[4]) : 5000;
        String xml = """
                <domain type='qemu'><name>bench</name><memory unit='MiB'>128</memory><vcpu>1</vcpu>
                <os><type arch='x86_64' machine='pc'>hvm</type><kernel>%s</kernel><initrd>%s</initrd></os>
                <devices><emulator>/usr/bin/qemu-system-x86_64</emulator><memballoon model='none'/></devices></domain>
                """.formatted(args[0], args[1]);
        Path root = Files.createTempDirectory("jvirt-define-cycle");
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        try (Connect conn = Connect.open("qemu:///embed?root=" + root)) {
            ConnectDriver d = conn.driver();
            run(d, xml, warmup);
            for (int r = 1; r <= rounds; r++) {
                long[] s0 = userSysTicks();
                long c0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                run(d, xml, cycles);
                long t1 = System.nanoTime();
                long c1 = os.getProcessCpuTime();
                long[] s1 = userSysTicks();
                System.out.printf("round %d: %d cycles, CPU %.1f us/cycle (user %.1f, sys %.1f), wall %.1f us/cycle%n",
                        r, cycles, (c1 - c0) / 1e3 / cycles, (s1[0] - s0[0]) * TICK_US / cycles,
                        (s1[1] - s0[1]) * TICK_US / cycles, (t1 - t0) / 1e3 / cycles);
            }
        } finally {
            try (Stream<Path> s = Files.walk(root)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** USER_HZ: /proc's clock ticks are 10 ms on every Linux port jvirt runs on. */
    private static final double TICK_US = 10_000;

    /** This process's user and system CPU in clock ticks, from /proc/self/stat. */
    private static long[] userSysTicks() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        // fields after the command name, which is in parentheses and may hold spaces
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12])};
    }

    private static void run(ConnectDriver d, String xml, int cycles) {
        for (int i = 0; i < cycles; i++) {
            d.defineXML(xml, 0);
            String dumped = d.getXMLDesc(d.lookupByName("bench"), 0);
            if (dumped.isEmpty()) {
                throw new IllegalStateException("empty dumpxml");
            }
            DomainRef ref = d.lookupByName("bench");
            if (d.isActive(ref) || d.hasManagedSave(ref)) {
                throw new IllegalStateException("bench is active or has a managed save image");
            }
            d.undefine(ref, 0);
        }
    }
}
