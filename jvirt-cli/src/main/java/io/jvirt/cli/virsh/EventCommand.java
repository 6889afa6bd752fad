package io.jvirt.cli.virsh;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.EventRegistration;
import io.jvirt.cli.CliError;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * event: waits for domain events and prints them as virsh does ({@code event 'lifecycle' for
 * domain 'g': Started Booted}), one event or, with --loop, until the timeout; then the count.
 */
public final class EventCommand {
    /** virsh's event type names, in libvirt's event id order (what --list prints). */
    static final List<String> TYPES = List.of("lifecycle", "reboot", "rtc-change", "watchdog", "io-error", "graphics",
            "io-error-reason", "control-error", "block-job", "disk-change", "tray-change", "pm-wakeup", "pm-suspend",
            "balloon-change", "pm-suspend-disk", "device-removed", "block-job-2", "tunable", "agent-lifecycle",
            "device-added", "migration-iteration", "job-completed", "device-removal-failed", "metadata-change",
            "block-threshold", "memory-failure", "memory-device-size-change");
    /** virsh's names of virDomainEventWatchdogAction values. */
    private static final List<String> WATCHDOG_ACTIONS = List.of("none", "pause", "reset", "poweroff", "shutdown",
            "debug", "inject-nmi");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx");

    private EventCommand() {
    }

    @Command(name = "event", description = "Domain Events")
    static void event(@Option(names = "--domain", description = "filter by domain name, id or uuid") String dom,
                      @Option(names = "--event", description = "which event type to wait for") String type,
                      @Option(names = "--all", description = "wait for all events instead of just one type") boolean all,
                      @Option(names = "--loop", description = "loop until timeout or interrupt, rather than one-shot")
                      boolean loop,
                      @Option(names = "--timeout", description = "timeout seconds") Integer timeout,
                      @Option(names = "--list", description = "list valid event types") boolean list,
                      @Option(names = "--timestamp", description = "show timestamp for each printed event")
                      boolean timestamp) throws InterruptedException {
        PrintStream out = Session.current().out;
        if (list) {
            TYPES.forEach(out::println);
            out.println();
            return;
        }
        if (type == null && !all) {
            throw new CliError("one of --list, --all, or --event <type> is required");
        }
        if (type != null && !TYPES.contains(type)) {
            throw new CliError("unknown event type " + type);
        }
        if (timeout != null && timeout <= 0) {
            throw new CliError("invalid timeout");
        }
        Connect conn = Session.current().conn();
        Domain filter = dom == null ? null : DomainArg.lookup(conn, dom);
        LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
        io.jvirt.DomainEventListener listener = e -> {
            String line = format(e, type);
            if (line != null) {
                lines.add(timestamp ? stamp() + line : line);
            }
        };
        try (EventRegistration reg = filter == null ? conn.addDomainEventListener(listener)
                : conn.addDomainEventListener(filter, listener)) {
            printEvents(out, lines, loop, timeout);
        }
    }

    /** A timestamp prefix as virsh's --timestamp prints it. */
    static String stamp() {
        return ZonedDateTime.now(ZoneOffset.UTC).format(STAMP) + ": ";
    }

    /**
     * Prints event lines as they arrive: one, or with {@code loop} all until the timeout; then virsh's
     * "event loop timed out" (if it did) and "events received: N".
     */
    static void printEvents(PrintStream out, LinkedBlockingQueue<String> lines, boolean loop, Integer timeout)
            throws InterruptedException {
        int received = 0;
        long deadline = timeout == null ? Long.MAX_VALUE : System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        boolean timedOut = false;
        while (received == 0 || loop) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                timedOut = true;
                break;
            }
            String line = lines.poll(Math.min(left, TimeUnit.SECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
            if (line != null) {
                out.println(line);
                out.flush();
                received++;
            }
        }
        if (timedOut) {
            out.println("event loop timed out");
        }
        out.println("events received: " + received);
        out.println();
    }

    private static String name(List<String> names, int code) {
        return code >= 0 && code < names.size() ? names.get(code) : "unknown";
    }

    private static final java.util.List<String> IO_ERROR_ACTIONS = java.util.List.of("none", "pause", "report");

    /** virsh's line for {@code e}, or null when it is not of the awaited {@code type} (null: all). */
    static String format(DomainEvent e, String type) {
        String dom = e.domain().name();
        String name;
        String line;
        switch (e) {
            case DomainEvent.Lifecycle l -> {
                name = "lifecycle";
                line = "event 'lifecycle' for domain '" + dom + "': " + l.type().label() + " " + l.detail().label();
            }
            case DomainEvent.Reboot r -> {
                name = "reboot";
                line = "event 'reboot' for domain '" + dom + "'";
            }
            case DomainEvent.Watchdog w -> {
                name = "watchdog";
                line = "event 'watchdog' for domain '" + dom + "': " + name(WATCHDOG_ACTIONS, w.action());
            }
            case DomainEvent.IoError io -> {
                name = "io-error";
                line = "event 'io-error' for domain '" + dom + "': " + io.srcPath() + " (" + io.devAlias() + ") "
                        + name(IO_ERROR_ACTIONS, io.action());
            }
            case DomainEvent.IoErrorReason io -> {
                name = "io-error-reason";
                line = "event 'io-error-reason' for domain '" + dom + "': " + io.srcPath() + " (" + io.devAlias()
                        + ") " + name(IO_ERROR_ACTIONS, io.action()) + " due to " + io.reason();
            }
        }
        return type == null || type.equals(name) ? line : null;
    }
}
