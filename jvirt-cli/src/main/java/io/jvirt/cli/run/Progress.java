package io.jvirt.cli.run;

import java.io.PrintStream;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** --verbose: timestamped progress lines on standard error. */
final class Progress {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private final PrintStream err;
    volatile boolean enabled;

    Progress(PrintStream err) {
        this.err = err;
    }

    void say(String what) {
        if (enabled) {
            err.println(LocalDateTime.now().format(TIME) + " jvirt-run: " + what);
            err.flush();
        }
    }
}
