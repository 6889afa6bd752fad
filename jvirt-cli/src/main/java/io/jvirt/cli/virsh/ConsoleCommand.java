package io.jvirt.cli.virsh;

import io.jvirt.ByteStream;
import io.jvirt.Domain;
import io.jvirt.cli.CliError;
import io.jvirt.error.LibvirtException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** console: the guest's console on this terminal, until ^] (or the guest stops). */
public final class ConsoleCommand {
    /** virsh's escape: Ctrl + ]. */
    static final int ESCAPE = 0x1d;

    private ConsoleCommand() {
    }

    @Command(name = "console", description = "connect to the guest console")
    static void console(@Parameters(paramLabel = "DOMAIN") String dom,
                        @Option(names = "--devname", description = "character device name") String devname,
                        @Option(names = "--force", description = "force console connection") boolean force,
                        @Option(names = "--safe", description = "only connect if safe console handling is supported")
                        boolean safe) throws Exception {
        Domain d = DomainArg.lookup(Session.current().conn(), dom);
        ByteStream stream;
        try {
            stream = d.openConsole(devname);
        } catch (LibvirtException e) {
            throw new CliError("Failed to open console for domain '" + d.getName() + "'", e);
        }
        var out = Session.current().out;
        out.println("Connected to domain '" + d.getName() + "'");
        out.println("Escape character is ^] (Ctrl + ])");
        out.flush();
        try (Terminal tty = Terminal.raw()) {
            Thread fromGuest = Thread.ofPlatform().daemon().name("console-out").start(() -> io.jvirt.cli.Streams.copy(stream.input(), out));
            copyUntilEscape(System.in, stream.output(), fromGuest);
        } finally {
            stream.close();
        }
        out.println();
        out.flush();
    }


    /** Keyboard to guest until ^], end of input, or the guest side closing. */
    private static void copyUntilEscape(InputStream in, OutputStream toGuest, Thread fromGuest) throws IOException {
        byte[] buf = new byte[1024];
        while (fromGuest.isAlive()) {
            if (in.available() == 0) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                continue;
            }
            int n = in.read(buf);
            if (n < 0) {
                return;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == ESCAPE) {
                    toGuest.write(buf, 0, i);
                    toGuest.flush();
                    return;
                }
            }
            toGuest.write(buf, 0, n);
            toGuest.flush();
        }
    }

    /** Puts the controlling terminal in raw mode (via stty) for the session, when there is one. */
    record Terminal(String saved) implements AutoCloseable {
        static Terminal raw() {
            if (System.console() == null) {
                return new Terminal(null);
            }
            String saved = stty("-g").trim();
            stty("raw", "-echo");
            return new Terminal(saved);
        }

        @Override
        public void close() {
            if (saved != null) {
                stty(saved);
            }
        }

        private static String stty(String... args) {
            try {
                java.util.List<String> cmd = new java.util.ArrayList<>(java.util.List.of("stty"));
                cmd.addAll(java.util.List.of(args));
                Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
                String out = new String(p.getInputStream().readAllBytes());
                p.waitFor();
                return out;
            } catch (IOException e) {
                return "";
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "";
            }
        }
    }
}
