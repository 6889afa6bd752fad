package io.jvirt.rpc.conn;

import java.io.BufferedInputStream;
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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.jvirt.rpc.proto.KeepaliveProcedures;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.BadHeaderException;
import io.jvirt.rpc.wire.Framing;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;

/**
 * What server and client connections share: the reader thread, the writer virtual thread,
 * PING/PONG handling, the keepalive timer and closing.
 *
 * <p>The reader is a platform thread blocked in {@code read} on a buffered stream: one system
 * call per message and no poller hand-off (a virtual reader costs a poller wake-up, a
 * re-registration and a continuation switch per message).
 *
 * <p>{@link #send} never blocks the caller: it encodes the message and queues it; one writer
 * thread per connection writes the queue in order. A peer that stops reading while more than
 * {@code maxQueuedBytes} wait is dropped rather than let the queue grow without bound.
 * {@link #sendDirect} is for threads that may block (a call's own thread sending its reply, a
 * client thread sending its call): when nothing is queued it writes the message itself, saving
 * the hand-off to the writer. Writes are serialised by a lock held only for the write; messages
 * sent by one thread go out in the order sent, whichever way each went.
 */
abstract class RpcEndpoint implements AutoCloseable {
    static final System.Logger LOG = System.getLogger("io.jvirt.rpc.conn");
    /** Queued output beyond which a peer counts as not reading, for a connection of the largest message size. */
    static final long DEFAULT_MAX_QUEUED_BYTES = 4L * io.jvirt.rpc.wire.Limits.MAX_LENGTH;
    private static final byte[] CLOSE_MARK = new byte[0];
    /** Input buffer: a typical call or reply arrives with one read. */
    private static final int READ_BUFFER = 16 * 1024;

    private final InputStream in;
    private final OutputStream out;
    private final Closeable resource;
    private final int maxLength;
    private final InstantSource clock;
    private final ScheduledExecutorService scheduler;
    private final long maxQueuedBytes;
    private final LinkedBlockingQueue<byte[]> outbox = new LinkedBlockingQueue<>();
    private final AtomicLong queuedBytes = new AtomicLong();
    /** Messages queued and not yet written; a direct write happens only when this is 0. */
    private final AtomicInteger unwritten = new AtomicInteger();
    private final ReentrantLock writeLock = new ReentrantLock();
    private volatile boolean closing;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final Object keepaliveLock = new Object();
    private volatile Keepalive keepalive;
    private ScheduledFuture<?> keepaliveTask;

    RpcEndpoint(InputStream in, OutputStream out, Closeable resource, int maxLength, long maxQueuedBytes,
            InstantSource clock, ScheduledExecutorService scheduler) {
        this.in = new BufferedInputStream(Objects.requireNonNull(in, "in"), READ_BUFFER);
        this.out = Objects.requireNonNull(out, "out");
        this.resource = Objects.requireNonNull(resource, "resource");
        this.maxLength = maxLength;
        this.maxQueuedBytes = maxQueuedBytes;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** Starts the reader and the writer; a second call does nothing. */
    final void startThreads(String name) {
        if (started.compareAndSet(false, true)) {
            Thread.ofVirtual().name(name + "-writer").start(this::writeLoop);
            Thread.ofPlatform().name(name + "-reader").daemon().start(this::readLoop);
        }
    }

    private void writeLoop() {
        try {
            while (true) {
                byte[] b = outbox.take();
                if (b == CLOSE_MARK) {
                    break;
                }
                writeLock.lock();
                try {
                    out.write(b);
                    out.flush();
                    unwritten.decrementAndGet();
                } finally {
                    writeLock.unlock();
                }
                queuedBytes.addAndGet(-b.length);
            }
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.log(Level.DEBUG, "connection write failed: {0}", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            close();
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

    /**
     * Queues one message for the writer; never blocks. Messages sent by one thread go out in the
     * order sent.
     *
     * @throws IOException if the connection is closed or closing, or the peer has stopped reading
     *     (the connection is then closed)
     */
    final void send(Message m) throws IOException {
        byte[] bytes = Framing.encode(m);
        if (closed.get() || closing) {
            throw new IOException("connection closed");
        }
        long queued = queuedBytes.addAndGet(bytes.length);
        if (queued > maxQueuedBytes) {
            LOG.log(Level.WARNING, "peer is not reading ({0} bytes queued), closing connection", queued);
            close();
            throw new IOException("peer is not reading: more than " + maxQueuedBytes + " bytes queued");
        }
        unwritten.incrementAndGet();
        outbox.add(bytes);
    }

    /**
     * Sends one message, writing it from the calling thread when nothing is queued (the caller may
     * block while the peer's buffer is full), else queuing it behind what is.
     *
     * @throws IOException if the connection is closed or closing, or the write fails (the
     *     connection is then closed)
     */
    final void sendDirect(Message m) throws IOException {
        byte[] bytes = Framing.encode(m);
        if (closed.get() || closing) {
            throw new IOException("connection closed");
        }
        writeLock.lock();
        try {
            if (unwritten.get() == 0 && !closed.get() && !closing) {
                try {
                    out.write(bytes);
                    out.flush();
                } catch (IOException e) {
                    close();
                    throw e;
                }
                return;
            }
        } finally {
            writeLock.unlock();
        }
        send(m);
    }

    /** {@link #sendDirect}; false (and nothing sent) if the connection is closed or the write failed. */
    final boolean sendDirectQuietly(Message m) {
        try {
            sendDirect(m);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Queues one message; false (and nothing sent) if the connection is closed or the peer stopped reading. */
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
            // only queued: the shared scheduler thread never blocks on a socket
            case PING -> sendQuietly(keepaliveMessage(KeepaliveProcedures.PING.number()));
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

    /**
     * Closes the connection once every message queued so far has been written (e.g. the reply to
     * CONNECT_CLOSE); nothing more is accepted meanwhile.
     */
    final void closeAfterFlush() {
        closing = true;
        outbox.add(CLOSE_MARK);
    }

    /**
     * Closes the connection now (idempotent): queued output is dropped and the transport closed,
     * which ends the reader and the writer.
     */
    @Override
    public final void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        outbox.clear();
        outbox.add(CLOSE_MARK);
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
