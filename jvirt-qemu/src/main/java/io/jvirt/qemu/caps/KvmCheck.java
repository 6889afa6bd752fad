package io.jvirt.qemu.caps;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether KVM really runs guests here. {@code /dev/kvm} existing, and even QEMU opening it, is
 * not enough: on some hosts (a nested hypervisor without hardware virtualization, e.g. a PVM
 * host) the vCPU executes a few real-mode instructions and then hangs forever.
 *
 * <p>The check boots QEMU with {@code -machine pc,accel=kvm} on {@link KvmFirmware}, which takes
 * the vCPU through real mode, protected mode and 64-bit long mode with paging (what every modern
 * guest kernel does first), printing a byte per stage on the debugcon port, then exits QEMU with
 * status 85 through isa-debug-exit. KVM is usable only when QEMU exits with 85 after "RPL". The
 * vCPU must print its first byte within {@code startDeadline} of launching QEMU and finish
 * within {@code runDeadline} after that (a working vCPU needs microseconds). QEMU is killed by
 * pid whatever happens.
 */
public final class KvmCheck {
    public static final Duration START_DEADLINE = Duration.ofSeconds(2);
    public static final Duration RUN_DEADLINE = Duration.ofMillis(300);
    private static final Path DEV_KVM = Path.of("/dev/kvm");

    private KvmCheck() {
    }

    /** Runs the check with {@code binary} (an x86_64 emulator) and the default deadlines. */
    public static KvmVerdict run(String binary) {
        return run(binary, START_DEADLINE, RUN_DEADLINE);
    }

    public static KvmVerdict run(String binary, Duration startDeadline, Duration runDeadline) {
        if (!Files.exists(DEV_KVM)) {
            return KvmVerdict.no("", "/dev/kvm does not exist");
        }
        if (!Files.isReadable(DEV_KVM) || !Files.isWritable(DEV_KVM)) {
            return KvmVerdict.no("", "/dev/kvm is not readable and writable by this user");
        }
        Path fw = null;
        Process p = null;
        try {
            fw = Files.createTempFile("jvirt-kvm-probe-", ".bin");
            Files.write(fw, KvmFirmware.image());
            List<String> argv = List.of(binary, "-machine", "pc,accel=kvm", "-nodefaults", "-no-user-config",
                    "-display", "none", "-no-reboot", "-m", "16", "-bios", fw.toString(),
                    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04", "-debugcon", "stdio");
            long t0 = System.nanoTime();
            p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            Collector out = new Collector(p.getInputStream());
            Collector err = new Collector(p.getErrorStream());
            return await(p, out, err, t0, startDeadline, runDeadline);
        } catch (IOException e) {
            return KvmVerdict.no("", "cannot run " + binary + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return KvmVerdict.no("", "interrupted");
        } finally {
            if (p != null) {
                kill(p);
            }
            if (fw != null) {
                try {
                    Files.deleteIfExists(fw);
                } catch (IOException ignored) {
                    // a temp file
                }
            }
        }
    }

    private static KvmVerdict await(Process p, Collector out, Collector err, long t0, Duration startDeadline,
                                    Duration runDeadline) throws InterruptedException {
        long startBy = t0 + startDeadline.toNanos();
        long firstSeen = 0;
        while (true) {
            String stages = out.text();
            long now = System.nanoTime();
            if (firstSeen == 0 && !stages.isEmpty()) {
                firstSeen = now;
            }
            if (!p.isAlive()) {
                out.join();
                err.join();
                stages = out.text();
                int status = p.exitValue();
                long ms = (System.nanoTime() - t0) / 1_000_000;
                if (status == KvmFirmware.EXIT_STATUS && stages.equals(KvmFirmware.ALL_STAGES)) {
                    return new KvmVerdict(true, stages, "a KVM vCPU ran the probe firmware into long mode in " + ms + " ms");
                }
                String tail = err.text().strip().lines().reduce((a, b) -> b).orElse("");
                return KvmVerdict.no(stages, "QEMU with KVM exited with status " + status + " after stages '" + stages
                        + "'" + (tail.isEmpty() ? "" : ": " + tail));
            }
            if (firstSeen == 0 && now > startBy) {
                return KvmVerdict.no(stages, "a KVM vCPU did not execute the probe firmware's first instruction within "
                        + startDeadline.toMillis() + " ms");
            }
            if (firstSeen != 0 && now > firstSeen + runDeadline.toNanos()) {
                return KvmVerdict.no(stages, "a KVM vCPU started the probe firmware (stages '" + stages
                        + "') but hung before " + next(stages) + " within " + runDeadline.toMillis() + " ms");
            }
            p.waitFor(5, TimeUnit.MILLISECONDS);
        }
    }

    private static String next(String stages) {
        return switch (stages.length()) {
            case 1 -> "protected mode";
            case 2 -> "long mode";
            default -> "exiting";
        };
    }

    private static void kill(Process p) {
        long pid = p.pid();
        p.destroyForcibly();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    /** Reads a stream to its end on a virtual thread, keeping the first 8 KiB. */
    private static final class Collector {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;

        Collector(InputStream in) {
            thread = Thread.ofVirtual().start(() -> {
                byte[] b = new byte[512];
                try (in) {
                    int n;
                    while ((n = in.read(b)) > 0) {
                        synchronized (buf) {
                            if (buf.size() < 8192) {
                                buf.write(b, 0, n);
                            }
                        }
                    }
                } catch (IOException ignored) {
                    // the process is gone
                }
            });
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.ISO_8859_1);
            }
        }

        void join() throws InterruptedException {
            thread.join(1000);
        }
    }
}
