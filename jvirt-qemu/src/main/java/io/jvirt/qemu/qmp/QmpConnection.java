package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationTimeoutException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One QMP session: sends commands with ids, matches replies to their callers, times commands out
 * and hands events to the owner.
 *
 * <p><b>Commands.</b> {@link #execute} sends {@code {"execute": C, "arguments": A, "id": "jvirt-N"}}
 * and blocks the calling thread (meant to be a virtual thread) until the reply with that id arrives,
 * the command's timeout passes, or the connection closes. Replies may arrive in any order. Any
 * thread may call it, concurrently; commands are written whole, one after another, by the
 * connection's writer thread, so a caller never blocks on a socket write and the timeout covers the
 * write as well. A timed-out command may still run in QEMU; its late reply is logged and dropped.
 *
 * <p><b>Events.</b> One reader thread reads every message. It is a platform (daemon) thread, blocked
 * in {@code read} on the socket: a virtual thread blocked on a socket would start the JDK's I/O
 * poller, whose thread then sits in {@code epoll_wait} for the rest of the process, and the JVM
 * waits 300 ms for such a thread at every exit (a jvirsh command or a short-lived embedding
 * process would pay that each time). Events go to the {@code eventSink}
 * given to {@link #open}, on the reader thread, in QEMU's order; an event QEMU sent before a reply is
 * handed to the sink before that reply's caller wakes up. The sink <em>must be a queue hand-off</em>
 * (e.g. {@code queue::offer} into the domain's event queue, drained by the domain's worker): it must
 * not block, must not throw, and must not call into QMP. While the sink runs no reply is read, so a
 * sink that blocks stalls every command; calling {@code execute} from the reader thread would wait
 * for itself forever and is refused with {@link IllegalStateException}. A sink that throws is logged
 * and the reader goes on.
 *
 * <p><b>Closing.</b> When QEMU closes the socket (end of file, or a connection reset), reading or
 * writing fails, or the owner calls {@link #close()}, the connection closes: every pending command
 * fails with {@link MonitorClosedException}, later commands fail the same way at once, and the
 * {@link CloseListener} is called exactly once, on the reader thread, after the last event was
 * handed to the sink. The exception's {@link MonitorClosedException#reason() reason} is the first
 * cause. End of file is only a signal; the process supervisor decides what happened to QEMU.
 *
 * <p><b>Ownership.</b> The connection owns the transport and closes it. The owner (the driver's
 * monitor object for one domain) closes the connection; {@link #close()} is idempotent and, unless
 * called from the reader thread, returns after the reader thread has finished, so the sink and the
 * close listener are not called any more.
 */
public final class QmpConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QmpConnection.class.getName());
    private static final byte[] POISON = new byte[0];

    /** Told once that the connection ended, whatever ended it. */
    @FunctionalInterface
    public interface CloseListener {
        /**
         * Called once, on the reader thread, after the connection closed. Same rules as the event
         * sink: return fast, never block, never throw, never call into QMP.
         *
         * @param reason why it closed; {@link MonitorClosedException#command()} is empty
         */
        void closed(MonitorClosedException reason);
    }

    private final QmpTransport transport;
    private final QmpOptions options;
    private final Consumer<QmpEvent> eventSink;
    private final CloseListener closeListener;
    private final AtomicLong ids = new AtomicLong();
    private final BlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Pending> pending = new HashMap<>(); // guarded by lock
    private MonitorClosedException.Reason closeReason; // guarded by lock; null while open
    private Throwable closeCause; // guarded by lock

    private final Thread reader;
    private final Thread writer;

    private QmpConnection(QmpTransport transport, QmpOptions options, Consumer<QmpEvent> eventSink,
                          CloseListener closeListener) {
        this.transport = transport;
        this.options = options;
        this.eventSink = eventSink;
        this.closeListener = closeListener;
        String name = "qmp-" + transport.path().getFileName();
        this.reader = Thread.ofPlatform().daemon().name(name + "-reader").unstarted(this::readLoop);
        this.writer = Thread.ofVirtual().name(name + "-writer").unstarted(this::writeLoop);
    }

    /**
     * Starts a session on a connected transport, which the connection now owns.
     *
     * @param transport     a transport from {@link QmpTransport#connect}, after its handshake
     * @param options       timeouts and time source
     * @param eventSink     receives every event on the reader thread; must be a non-blocking queue
     *                      hand-off (see the class comment)
     * @param closeListener told once when the connection ends
     */
    public static QmpConnection open(QmpTransport transport, QmpOptions options, Consumer<QmpEvent> eventSink,
                                     CloseListener closeListener) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(eventSink, "eventSink");
        Objects.requireNonNull(closeListener, "closeListener");
        var c = new QmpConnection(transport, options, eventSink, closeListener);
        c.writer.start();
        c.reader.start();
        return c;
    }

    /** What QEMU said when we connected. */
    public QmpGreeting greeting() {
        return transport.greeting();
    }

    /** The options this connection was opened with. */
    public QmpOptions options() {
        return options;
    }

    /** Whether the connection has not closed yet. */
    public boolean isOpen() {
        lock.lock();
        try {
            return closeReason == null;
        } finally {
            lock.unlock();
        }
    }

    /** Runs a command without arguments, with the default timeout; returns its {@code return} value. */
    public JsonNode execute(String command) {
        return execute(command, null, options.commandTimeout());
    }

    /** Runs a command with the default timeout; returns its {@code return} value. */
    public JsonNode execute(String command, ObjectNode arguments) {
        return execute(command, arguments, options.commandTimeout());
    }

    /**
     * Runs a command and returns its {@code return} value ({@code {}} for commands that return
     * nothing). {@code arguments} is serialized before this method sends anything, so the caller
     * may reuse it afterwards.
     *
     * @param command   the QMP command, e.g. {@code query-status}
     * @param arguments its arguments, or {@code null} for none
     * @param timeout   how long to wait for the reply
     * @throws QmpException               if QEMU replied with an error
     * @throws OperationTimeoutException  if no reply came within {@code timeout}
     * @throws MonitorClosedException     if the connection is or becomes closed
     * @throws OperationFailedException   {@code OPERATION_ABORTED} if the calling thread is
     *                                    interrupted while waiting (interrupt status kept)
     * @throws IllegalStateException      if called on the reader thread (from the sink or listener)
     */
    public JsonNode execute(String command, ObjectNode arguments, Duration timeout) {
        Objects.requireNonNull(command, "command");
        if (command.isEmpty()) {
            throw new IllegalArgumentException("empty QMP command name");
        }
        QmpOptions.requirePositive(timeout, "timeout");
        String id = nextId();
        ObjectNode msg = QmpJson.MAPPER.createObjectNode();
        msg.put("execute", command);
        if (arguments != null) {
            msg.set("arguments", arguments);
        }
        msg.put("id", id);
        Outcome.Reply reply = send(id, command, serialize(msg), timeout, false);
        JsonNode error = reply.message().get("error");
        if (error != null) {
            throw new QmpException(command, error.path("class").asText(QmpException.GENERIC_ERROR),
                    error.path("desc").asText(""));
        }
        JsonNode ret = reply.message().get("return");
        return ret != null ? ret : QmpJson.MAPPER.createObjectNode();
    }

    /**
     * Raw passthrough for {@code qemu-monitor-command}: sends a command given as JSON text and
     * returns QEMU's reply line verbatim, error replies included (as libvirt does; the caller shows
     * them to the user). Using it taints the domain; that is the driver's business.
     *
     * <p><b>Ids.</b> Replies are routed by id, so the caller's {@code id} member, if any, is removed
     * and replaced by a fresh {@code jvirt-N} id; the returned text carries that id, not the
     * caller's (libvirt's {@code virsh qemu-monitor-command} shows its own {@code libvirt-N} ids the
     * same way). Every other member is sent as given; the text is parsed first so that it is known
     * to be exactly one JSON object with a string {@code execute} or {@code exec-oob} member.
     *
     * @throws InvalidArgException        if {@code json} is not such an object
     * @throws OperationTimeoutException  if no reply came within {@code timeout}
     * @throws MonitorClosedException     if the connection is or becomes closed
     */
    public String executeRaw(String json, Duration timeout) {
        Objects.requireNonNull(json, "json");
        QmpOptions.requirePositive(timeout, "timeout");
        JsonNode parsed;
        try {
            parsed = QmpJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "cannot parse QMP command '" + Replies.abbreviate(json) + "': " + e.getOriginalMessage(), e);
        }
        if (!(parsed instanceof ObjectNode msg)) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "QMP command '" + Replies.abbreviate(json) + "' is not a JSON object");
        }
        JsonNode name = msg.has("execute") ? msg.get("execute") : msg.get("exec-oob");
        if (name == null || !name.isTextual()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "QMP command '" + Replies.abbreviate(json) + "' has no string 'execute' member");
        }
        String id = nextId();
        msg.remove("id");
        msg.put("id", id);
        return send(id, name.textValue(), serialize(msg), timeout, true).raw();
    }

    private String nextId() {
        return "jvirt-" + ids.incrementAndGet();
    }

    private static byte[] serialize(ObjectNode msg) {
        try {
            return QmpJson.MAPPER.writeValueAsBytes(msg);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialize QMP command: " + e.getOriginalMessage(), e);
        }
    }

    private Outcome.Reply send(String id, String command, byte[] bytes, Duration timeout, boolean raw) {
        if (Thread.currentThread() == reader) {
            throw new IllegalStateException("QMP command '" + command + "' issued on the QMP reader thread "
                    + "(from the event sink or close listener); hand events to a queue instead");
        }
        var future = new CompletableFuture<Outcome>();
        lock.lock();
        try {
            if (closeReason != null) {
                throw new MonitorClosedException(closeReason, command, closeCause);
            }
            pending.put(id, new Pending(command, raw, future));
        } finally {
            lock.unlock();
        }
        QmpTimer.Handle timer = options.timer().schedule(timeout, () -> timedOut(id));
        try {
            // a password (set_password) never reaches a log
            LOG.log(Level.DEBUG, () -> "QMP send on " + transport.path() + ": " + (command.equals("set_password")
                    ? "{\"execute\":\"set_password\", ...}" : QmpTransport.utf8(bytes)));
            outbox.add(bytes);
            Outcome outcome;
            try {
                outcome = future.get();
            } catch (InterruptedException e) {
                forget(id);
                Thread.currentThread().interrupt();
                throw QmpTransport.interrupted("waiting for QEMU command '" + command + "'", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("QMP future failed", e); // never completed exceptionally
            }
            // Exceptions are made here, on the caller's thread, so their stack traces lead to the caller.
            return switch (outcome) {
                case Outcome.Reply r -> r;
                case Outcome.TimedOut _ -> throw new OperationTimeoutException(ErrorNumber.OPERATION_TIMEOUT,
                        ErrorDomain.QEMU, "no reply from QEMU to command '" + command + "' within "
                        + QmpOptions.format(timeout));
                case Outcome.Closed c -> throw new MonitorClosedException(c.reason(), command, c.cause());
            };
        } finally {
            timer.cancel();
        }
    }

    private void timedOut(String id) {
        Pending p = forget(id);
        if (p != null) {
            LOG.log(Level.DEBUG, () -> "QMP command " + id + " (" + p.command() + ") timed out on " + transport.path());
            p.future().complete(new Outcome.TimedOut());
        }
    }

    private Pending forget(String id) {
        lock.lock();
        try {
            return pending.remove(id);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Closes the connection: pending commands fail with {@link MonitorClosedException} (reason
     * {@code CLOSED}), the socket closes and the close listener is called. Idempotent; safe from
     * any thread, including the sink and the listener.
     */
    @Override
    public void close() {
        shutdown(MonitorClosedException.Reason.CLOSED, null);
        Thread self = Thread.currentThread();
        try {
            if (self != writer) {
                writer.join();
            }
            if (self != reader) {
                reader.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Marks the connection closed (first reason wins), fails pending commands, closes the socket. */
    private void shutdown(MonitorClosedException.Reason reason, Throwable cause) {
        List<Pending> failed;
        lock.lock();
        try {
            if (closeReason != null) {
                return;
            }
            closeReason = reason;
            closeCause = cause;
            failed = new ArrayList<>(pending.values());
            pending.clear();
        } finally {
            lock.unlock();
        }
        LOG.log(Level.DEBUG, () -> "QMP connection " + transport.path() + " closed: " + reason
                + (cause == null ? "" : " (" + cause + ")") + ", failing " + failed.size() + " pending command(s)");
        var outcome = new Outcome.Closed(reason, cause);
        for (Pending p : failed) {
            p.future().complete(outcome);
        }
        outbox.add(POISON);
        transport.close();
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] bytes = outbox.take();
                if (bytes == POISON) {
                    return;
                }
                transport.write(bytes);
            }
        } catch (InterruptedException e) {
            // not expected: we stop through POISON; leave quietly
        } catch (IOException e) {
            if (peerGone(e)) {
                // QEMU went away: the reader still has to drain what QEMU sent (SHUTDOWN, replies)
                // before it sees the end of file and closes the connection.
                LOG.log(Level.DEBUG, () -> "QMP write on " + transport.path() + ": peer gone (" + e.getMessage() + ")");
            } else {
                shutdown(MonitorClosedException.Reason.IO_ERROR, e);
            }
        }
    }

    private void readLoop() {
        MonitorClosedException.Reason reason = MonitorClosedException.Reason.EOF;
        Throwable cause = null;
        try {
            while (true) {
                byte[] line = transport.readLine();
                if (line == null) {
                    break;
                }
                dispatch(line);
            }
        } catch (IOException e) {
            if (!peerGone(e)) {
                reason = MonitorClosedException.Reason.IO_ERROR;
                cause = e;
            }
        } catch (RuntimeException | Error e) {
            LOG.log(Level.ERROR, "QMP reader on " + transport.path() + " failed", e);
            reason = MonitorClosedException.Reason.IO_ERROR;
            cause = e;
        } finally {
            shutdown(reason, cause);
            notifyClosed();
        }
    }

    private void notifyClosed() {
        MonitorClosedException ex;
        lock.lock();
        try {
            ex = new MonitorClosedException(closeReason, null, closeCause);
        } finally {
            lock.unlock();
        }
        try {
            closeListener.closed(ex);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "QMP close listener for " + transport.path() + " threw", e);
        }
    }

    private void dispatch(byte[] line) {
        if (line.length == 0) {
            return;
        }
        JsonNode msg;
        try {
            msg = QmpJson.MAPPER.readTree(line);
        } catch (IOException e) {
            // Lines are independent, so one bad line does not desynchronize us; a reply lost here
            // surfaces as its command's timeout.
            LOG.log(Level.WARNING, () -> "unparsable QMP message on " + transport.path() + ": "
                    + Replies.abbreviate(QmpTransport.utf8(line)));
            return;
        }
        if (msg == null || !msg.isObject()) {
            LOG.log(Level.WARNING, () -> "unexpected QMP message on " + transport.path() + ": "
                    + Replies.abbreviate(QmpTransport.utf8(line)));
            return;
        }
        JsonNode event = msg.get("event");
        if (event != null && event.isTextual()) {
            LOG.log(Level.DEBUG, () -> "QMP event on " + transport.path() + ": " + QmpTransport.utf8(line));
            deliver(QmpEvent.fromJson(msg));
            return;
        }
        if (msg.has("return") || msg.has("error")) {
            LOG.log(Level.DEBUG, () -> "QMP reply on " + transport.path() + ": " + QmpTransport.utf8(line));
            JsonNode id = msg.get("id");
            Pending p = id != null && id.isTextual() ? forget(id.textValue()) : null;
            if (p == null) {
                // A reply to a command that timed out, or (never for our own commands) one without id.
                LOG.log(Level.INFO, () -> "dropping QMP reply nobody waits for on " + transport.path() + ": "
                        + Replies.abbreviate(QmpTransport.utf8(line)));
                return;
            }
            p.future().complete(new Outcome.Reply(msg, p.raw() ? QmpTransport.utf8(line) : null));
            return;
        }
        LOG.log(Level.WARNING, () -> "unexpected QMP message on " + transport.path() + ": "
                + Replies.abbreviate(QmpTransport.utf8(line)));
    }

    private void deliver(QmpEvent event) {
        try {
            eventSink.accept(event);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "QMP event sink for " + transport.path() + " threw on " + event.name(), e);
        }
    }

    /**
     * End of file in disguise: QEMU closed its end while data was still in flight. The JDK reports
     * ECONNRESET as "Connection reset" and EPIPE as "Broken pipe"; it has no errno to test.
     */
    private static boolean peerGone(IOException e) {
        String m = e.getMessage();
        return m != null && (m.startsWith("Connection reset") || m.startsWith("Broken pipe"));
    }

    private record Pending(String command, boolean raw, CompletableFuture<Outcome> future) {
    }

    /** How a command ended; the waiting caller turns it into a result or an exception. */
    private sealed interface Outcome {
        record Reply(JsonNode message, String raw) implements Outcome {
        }

        record TimedOut() implements Outcome {
        }

        record Closed(MonitorClosedException.Reason reason, Throwable cause) implements Outcome {
        }
    }
}
