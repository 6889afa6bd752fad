package io.jvirt.rpc.conn;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

import io.jvirt.rpc.proto.KeepaliveProcedures;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.BadHeaderException;
import io.jvirt.rpc.wire.Framing;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;

/**
 * What server and client connections share: the reader virtual thread, the per-connection write
 * lock, PING/PONG handling, the keepalive timer and closing.
 */
abstract class RpcEndpoint implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("io.jvirt.rpc.conn");

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final int maxLength;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Object keepaliveLock = new Object();
    private volatile Keepalive keepalive;
    private ScheduledFuture<?> keepaliveTask;

    RpcEndpoint(InputStream in, OutputStream out, Closeable resource, int maxLength, InstantSource clock,
            ScheduledExecutorService scheduler) {
        this.in = Objects.requireNonNull(in, "in");
        this.out = Objects.requireNonNull(out, "out");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.maxLength = maxLength;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Starts the reader; a second call does nothing. */
    final void startReader(String name) {
        if (started.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name).start(this::readLoop);
        }
    }

    private void readLoop() {
        try {
            while (!closed.get()) {
                Message m;
                try {
                    m = Framing.read(in, maxLength);
                } catch (BadHeaderException e) {
                    markReceived();
                    onBadHeader(e);
                    continue;
                }
                if (m == null) {
                    break;
                }
                markReceived();
                Header h = m.header();
                if (h.program() == Program.KEEPALIVE.number() && h.type() == MessageType.MESSAGE) {
                    onKeepalive(h);
                } else {
                    onMessage(m);
                }
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.log(Level.DEBUG, "connection read failed: {0}", e.toString());
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection dropped after an unexpected failure", e);
        } finally {
            close();
        }
    }

    private void onKeepalive(Header h) {
        if (h.procedure() == KeepaliveProcedures.PING.number()) {
            // answer at once, from the reader, whether or not our own timer runs
            sendQuietly(keepaliveMessage(KeepaliveProcedures.PONG.number()));
        }
    }

    static Message keepaliveMessage(int proc) {
        return Message.empty(new Header(Program.KEEPALIVE.number(), Program.KEEPALIVE.version(), proc,
                MessageType.MESSAGE, 0, MessageStatus.OK));
    }

    /** A message other than PING/PONG arrived (on the reader thread). */
    abstract void onMessage(Message m) throws IOException;

    /** A message whose type or status word is unknown arrived; ignored by default. */
    void onBadHeader(BadHeaderException e) throws IOException {
        LOG.log(Level.DEBUG, "ignoring message: {0}", e.getMessage());
    }

    /** Called once, after the connection closed. */
    abstract void onClosed();

    /** Writes one message under the write lock. */
    final void send(Message m) throws IOException {
        byte[] bytes = Framing.encode(m);
        writeLock.lock();
        try {
            if (closed.get()) {
                throw new IOException("connection closed");
            }
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            close();
            throw e;
        } finally {
            writeLock.unlock();
        }
    }

    /** Writes one message; on failure the connection is closed and false returned. */
    final boolean sendQuietly(Message m) {
        try {
            send(m);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    final int maxLength() {
        return maxLength;
    }

    private long now() {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private void markReceived() {
        Keepalive k = keepalive;
        if (k != null) {
            k.received(now());
        }
    }

    /**
     * Starts sending PINGs after {@code interval} of silence and closes the connection after
     * {@code count} unanswered ones. Returns false (and does nothing) if already running or if
     * {@code interval} is not positive.
     */
    final boolean startKeepaliveTimer(Duration interval, int count) {
        if (interval.isZero() || interval.isNegative()) {
            return false;
        }
        synchronized (keepaliveLock) {
            if (keepalive != null || closed.get()) {
                return false;
            }
            keepalive = new Keepalive(interval.toNanos(), count, now());
            scheduleKeepalive(interval.toNanos());
            return true;
        }
    }

    /** Whether the keepalive timer runs. */
    public final boolean keepaliveRunning() {
        return keepalive != null && !closed.get();
    }

    private void scheduleKeepalive(long delayNanos) {
        synchronized (keepaliveLock) {
            if (!closed.get()) {
                keepaliveTask = scheduler.schedule(this::keepaliveTick, delayNanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    private void keepaliveTick() {
        Keepalive k = keepalive;
        if (closed.get() || k == null) {
            return;
        }
        long now = now();
        switch (k.check(now)) {
            case DEAD -> {
                LOG.log(Level.INFO, "peer silent for too long, closing connection");
                close();
                return;
            }
            // the write may block on a full socket: never on the shared scheduler thread
            case PING -> Thread.ofVirtual().start(() -> sendQuietly(keepaliveMessage(KeepaliveProcedures.PING.number())));
            case NONE -> {
            }
        }
        scheduleKeepalive(Math.max(1_000_000L, k.nanosUntilNextCheck(now)));
    }

    /** Whether the connection is closed. */
    public final boolean isClosed() {
        return closed.get();
    }

    /** Waits until the connection is closed; false if {@code timeout} passed first. */
    public final boolean awaitClosed(Duration timeout) throws InterruptedException {
        return closedLatch.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes the connection (idempotent): the transport is closed, which ends the reader. */
    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        synchronized (keepaliveLock) {
            if (keepaliveTask != null) {
                keepaliveTask.cancel(false);
            }
        }
        try {
            resource.close();
        } catch (IOException e) {
            LOG.log(Level.DEBUG, "close failed: {0}", e.toString());
        }
        try {
            onClosed();
        } finally {
            closedLatch.countDown();
        }
    }
}
