package io.jvirt.qemu.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Who a pid is: its start time (clock ticks after boot, field 22 of {@code /proc/PID/stat}) and
 * command line. A pid plus start time names one process for the life of the host, so a reused
 * pid is never mistaken for our QEMU.
 *
 * @param pid       the process id
 * @param startTime start time in clock ticks since boot
 */
public record ProcIdentity(long pid, long startTime) {

    /** Reads the identity of a live pid, or empty if there is no such process. */
    public static Optional<ProcIdentity> of(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
            // comm (field 2) may contain spaces and parentheses: parse after the last ')'
            int close = stat.lastIndexOf(')');
            String[] f = stat.substring(close + 2).split(" ");
            // f[0] is field 3 (state); start time is field 22
            if (f[0].equals("Z") || f[0].equals("X")) {
                return Optional.empty();
            }
            return Optional.of(new ProcIdentity(pid, Long.parseLong(f[22 - 3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The process's argv, or empty if it is gone. */
    public static Optional<java.util.List<String>> cmdline(long pid) {
        try {
            byte[] b = Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline"));
            String s = new String(b, StandardCharsets.UTF_8);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(java.util.List.of(s.split("\u0000")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** True if this exact process (same pid and start time) is still alive. */
    public boolean isAlive() {
        return of(pid).map(this::equals).orElse(false);
    }
}
