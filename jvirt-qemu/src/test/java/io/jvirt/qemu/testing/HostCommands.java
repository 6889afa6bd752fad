package io.jvirt.qemu.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Host commands tests run to set up or read the host (losetup, stat), each asserted to succeed. */
public final class HostCommands {
    private HostCommands() {
    }

    /** Runs {@code argv}; its output, stripped. A non-zero exit fails the test with the output. */
    public static String run(String... argv) throws Exception {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertEquals(0, p.waitFor(), String.join(" ", argv) + ": " + out);
        return out;
    }

    /** A device node's "major:minor", as stat(1) reads it. */
    public static String majMin(String dev) throws Exception {
        String[] hex = run("stat", "-L", "-c", "%t %T", dev).split(" ");
        return Integer.parseInt(hex[0], 16) + ":" + Integer.parseInt(hex[1], 16);
    }
}
