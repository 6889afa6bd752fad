package io.jvirt.qemu.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiny real test guest built by scripts/build-test-guest.sh: domain XML for it and helpers
 * to wait for what it prints on its serial console.
 */
public final class TestGuest {
    public static final Path DIR = Path.of(System.getenv().getOrDefault("JVIRT_GUEST_DIR", "/var/tmp/jvirt-test-guest"));
    /**
     * The full flavour ({@code JVIRT_GUEST_FLAVOUR=full}): Debian's generic kernel, whose 9p
     * modules load for {@code jvirt.modules=9p}. It boots about twice as slowly as the default
     * guest, so only tests that need it (9p) use it.
     */
    public static final Path FULL_DIR = Path.of(DIR + "-full");
    public static final String READY = "JVIRT-GUEST-READY";

    private TestGuest() {
    }

    /** Fails (not skips) when the guest is missing: CI builds it; so must a developer. */
    public static void requireBuilt() {
        requireBuilt(DIR, "");
    }

    /** The full flavour's kernel; fails (not skips) when that flavour is not built. */
    public static Path fullKernel() {
        requireBuilt(FULL_DIR, "JVIRT_GUEST_FLAVOUR=full ");
        return FULL_DIR.resolve("vmlinuz");
    }

    /** The full flavour's initrd; fails (not skips) when that flavour is not built. */
    public static Path fullInitrd() {
        requireBuilt(FULL_DIR, "JVIRT_GUEST_FLAVOUR=full ");
        return FULL_DIR.resolve("initrd.img");
    }

    private static void requireBuilt(Path dir, String env) {
        for (String f : new String[] {"vmlinuz", "initrd.img"}) {
            if (!Files.isReadable(dir.resolve(f))) {
                throw new IllegalStateException("test guest missing: " + dir.resolve(f)
                        + " (run " + env + "scripts/build-test-guest.sh)");
            }
        }
    }

    /** Domain XML for the guest with its serial console on a pty, copied to {@code serialLog}. */
    public static String xml(String name, Path serialLog) {
        return xml(name, null, serialLog);
    }

    public static String xml(String name, UUID uuid, Path serialLog) {
        requireBuilt();
        return """
                <domain type='qemu'>
                  <name>%s</name>%s
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 quiet panic=-1</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <serial type='pty'>
                      <log file='%s' append='off'/>
                      <target port='0'/>
                    </serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(name, uuid == null ? "" : "\n  <uuid>" + uuid + "</uuid>",
                DIR.resolve("vmlinuz"), DIR.resolve("initrd.img"), serialLog);
    }

    /** Waits until {@code file} contains {@code marker}. */
    public static void awaitText(Path file, String marker, Duration timeout) {
        await(() -> {
            try {
                return Files.exists(file) && Files.readString(file).contains(marker);
            } catch (IOException e) {
                return false;
            }
        }, timeout, "'" + marker + "' in " + file);
    }

    /**
     * Waits until a whole line of {@code file} (one the guest has ended with a newline) contains a match of {@code line}, and
     * returns its match; a line the console is still writing never matches, so its groups are complete.
     */
    public static Matcher awaitLine(Path file, Pattern line, Duration timeout) {
        AtomicReference<Matcher> found = new AtomicReference<>();
        await(() -> {
            try {
                if (!Files.exists(file)) {
                    return false;
                }
                String text = Files.readString(file);
                int end = text.lastIndexOf('\n');
                for (String l : text.substring(0, end + 1).split("\r?\n")) {
                    Matcher m = line.matcher(l);
                    if (m.find()) {
                        found.set(m);
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        }, timeout, "a line matching '" + line + "' in " + file);
        return found.get();
    }

    /** Polls {@code cond} every 20 ms until true; fails naming {@code what} after {@code timeout}. */
    public static void await(BooleanSupplier cond, Duration timeout, String what) {
        long end = System.nanoTime() + timeout.toNanos();
        while (!cond.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
    }
}
