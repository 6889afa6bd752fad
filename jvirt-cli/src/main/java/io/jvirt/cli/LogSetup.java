package io.jvirt.cli;

import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Logging for the command-line tools: one line per message on standard error, warnings and
 * worse only unless verbose (the driver logs through System.Logger, backed by java.util.logging).
 */
public final class LogSetup {
    private LogSetup() {
    }

    public static void init(boolean verbose) {
        Logger root = Logger.getLogger("");
        for (var h : root.getHandlers()) {
            root.removeHandler(h);
        }
        ConsoleHandler h = new ConsoleHandler();
        h.setFormatter(new Formatter() {
            @Override
            public String format(LogRecord r) {
                String msg = formatMessage(r);
                return r.getLevel().getName().toLowerCase() + ": " + msg
                        + (r.getThrown() != null ? ": " + r.getThrown() : "") + System.lineSeparator();
            }
        });
        Level level = verbose ? Level.INFO : Level.WARNING;
        h.setLevel(level);
        root.setLevel(level);
        root.addHandler(h);
    }
}
