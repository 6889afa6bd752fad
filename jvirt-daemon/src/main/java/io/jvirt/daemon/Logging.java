package io.jvirt.daemon;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The daemon's log: one timestamped line per message on standard error. */
final class Logging {
    private Logging() {
    }

    static void init(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                return java.time.Instant.ofEpochMilli(r.getMillis()) + " jvirtd " + r.getLevel().getName().toLowerCase()
                        + ": " + formatMessage(r) + (r.getThrown() != null ? ": " + r.getThrown() : "")
                        + System.lineSeparator();
            }
        });
        Level level = verbose ? Level.FINE : Level.INFO;
        h.setLevel(level);
        root.setLevel(level);
        root.addHandler(h);
    }
}
