package io.jvirt.cli.virsh;

import io.jvirt.Connect;
import io.jvirt.Flags;

import java.io.PrintStream;
import java.util.function.Supplier;

/** What every jvirsh command shares: the connection (opened on first use) and the output. */
public final class Session implements AutoCloseable {
    private final Supplier<String> uri;
    private final Supplier<Boolean> readOnly;
    final PrintStream out;
    private Connect conn;
    /** The session of the command line being executed (commands are static methods). */
    public static final ScopedValue<Session> CURRENT = ScopedValue.newInstance();

    static Session current() {
        return CURRENT.get();
    }

    public Session(Supplier<String> uri, Supplier<Boolean> readOnly, PrintStream out) {
        this.uri = uri;
        this.readOnly = readOnly;
        this.out = out;
    }

    Connect conn() {
        if (conn == null) {
            try {
                conn = Connect.open(uri.get(), readOnly.get() ? Flags.Open.READONLY : 0);
            } catch (io.jvirt.error.LibvirtException e) {
                throw new io.jvirt.cli.CliError("failed to connect to the hypervisor", e);
            }
        }
        return conn;
    }

    /** Prints exactly {@code text}, for the few commands virsh ends without a blank line. */
    void printRaw(String text) {
        out.print(text);
        out.flush();
    }

    /** Prints a command's output followed by the blank line virsh ends every command with. */
    void print(String text) {
        out.print(text);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            out.print('\n');
        }
        out.print('\n');
        out.flush();
    }

    @Override
    public void close() {
        if (conn != null) {
            conn.close();
            conn = null;
        }
    }
}
