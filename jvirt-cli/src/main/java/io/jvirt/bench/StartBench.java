package io.jvirt.bench;

import io.jvirt.Connect;
import io.jvirt.Domain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Start-up benchmark (not a test): for the same guest XML, in one run, measures the first open
 * of an empty embedded root plus the first define (capability probe included), start() latency, start to the guest's
 * first console line, and the same first-line time for bare QEMU run with the argv jvirt
 * generated (the physical limit). Prints medians and the difference.
 *
 * <p>Usage: {@code StartBench KERNEL INITRD [ROUNDS]} (see scripts/bench-start.sh).
 */
public final class StartBench {
    public static void main(String[] args) throws Exception {
        Path kernel = Path.of(args[0]);
        Path initrd = Path.of(args[1]);
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path work = Files.createTempDirectory("jvirt-bench-");
        List<Double> open = new ArrayList<>();
        List<Double> start = new ArrayList<>();
        List<Double> firstLine = new ArrayList<>();
        List<Double> bareFirstLine = new ArrayList<>();
        try {
            for (int i = 0; i < rounds; i++) {
                Path root = work.resolve("root" + i);
                Path serial = work.resolve("serial" + i + ".log");
                long t0 = System.nanoTime();
                try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
                    Domain d = c.defineXML(xml("bench" + i, kernel, initrd, serial));
                    long t1 = System.nanoTime();
                    d.create();
                    long t2 = System.nanoTime();
                    long t3 = awaitFirstLine(serial);
                    d.destroy();
                    open.add(ms(t0, t1));
                    start.add(ms(t1, t2));
                    firstLine.add(ms(t1, t3));
                }
                List<String> argv = BareQemu.argvFromLog(root.resolve("log/qemu/bench" + i + ".log"));
                bareFirstLine.add(BareQemu.timeToFirstLine(argv, work.resolve("bare" + i)));
                System.out.printf(Locale.ROOT, "round %d: open %.0f ms, start %.0f ms, first line %.0f ms, bare QEMU first line %.0f ms%n",
                        i + 1, open.getLast(), start.getLast(), firstLine.getLast(), bareFirstLine.getLast());
            }
        } finally {
            deleteTree(work);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-42s %10s%n", "median over " + rounds + " rounds", "ms");
        System.out.printf(Locale.ROOT, "%-42s %10.0f   (round 1, cold JVM: %.0f)%n", "open empty root + first define (probe)",
                median(open), open.getFirst());
        System.out.printf(Locale.ROOT, "%-42s %10.0f%n", "start() latency", median(start));
        System.out.printf(Locale.ROOT, "%-42s %10.0f%n", "start -> first guest console line", median(firstLine));
        System.out.printf(Locale.ROOT, "%-42s %10.0f%n", "bare QEMU, same argv -> first line", median(bareFirstLine));
        System.out.printf(Locale.ROOT, "%-42s %10.0f   (ratio %.2f)%n", "jvirt overhead to first line",
                median(firstLine) - median(bareFirstLine), median(firstLine) / median(bareFirstLine));
    }

    static String xml(String name, Path kernel, Path initrd, Path serial) {
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 panic=-1</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <serial type='pty'><log file='%s' append='off'/><target port='0'/></serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(name, kernel, initrd, serial);
    }

    /** Polls (every 0.2 ms) until the file holds a complete non-blank line; returns that time. */
    static long awaitFirstLine(Path file) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.exists(file) && Files.size(file) > 0) {
                String s = Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1);
                int nl = s.indexOf('\n');
                if (nl >= 0 && !s.substring(0, nl).isBlank()) {
                    return System.nanoTime();
                }
            }
            Thread.sleep(0, 200_000);
        }
        throw new IllegalStateException("no console line in " + file);
    }

    static double ms(long from, long to) {
        return (to - from) / 1e6;
    }

    static double median(List<Double> v) {
        List<Double> s = v.stream().sorted().toList();
        return s.size() % 2 == 1 ? s.get(s.size() / 2) : (s.get(s.size() / 2 - 1) + s.get(s.size() / 2)) / 2;
    }

    static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
