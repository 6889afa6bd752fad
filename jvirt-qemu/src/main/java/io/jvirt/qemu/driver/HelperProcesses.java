package io.jvirt.qemu.driver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the driver's helper daemons next to QEMU (swtpm, virtiofsd) share: stopping one (SIGTERM,
 * then SIGKILL after two seconds) and removing its socket and pid files, and the tail of its log
 * for an error message.
 */
final class HelperProcesses {
    private static final System.Logger LOG = System.getLogger(HelperProcesses.class.getName());

    private HelperProcesses() {
    }

    /** Stops {@code process} (if any) and deletes {@code files}; {@code what} names it in the log. */
    static void stop(Optional<ProcessHandle> process, String what, Path... files) {
        process.ifPresent(h -> {
            h.destroy();
            try {
                h.onExit().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                h.destroyForcibly();
                LOG.log(System.Logger.Level.WARNING, "{0} (pid {1}) killed", what, h.pid());
            }
        });
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException ignored) {
                // a leftover file is replaced at the next start
            }
        }
    }

    /** The last three lines of {@code log}, on one line ("" when unreadable). */
    static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }
}
