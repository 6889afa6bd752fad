package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationTimeoutException;
import io.jvirt.error.SystemException;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The socket layer of QMP: a connected UNIX-domain socket to one QEMU monitor, after the greeting
 * and the {@code qmp_capabilities} handshake, with QEMU's output split into lines.
 *
 * <p><b>Framing.</b> QEMU writes one JSON object per line, ending in {@code \r\n} (the monitor turns
 * every {@code \n} into {@code \r\n}); JSON strings escape their newlines, so a line is a message.
 * QEMU reads a JSON stream and needs no delimiter, so commands are written as bare JSON objects with
 * no trailing newline: a trailing newline that QEMU has not consumed when it exits (after
 * {@code quit}) makes the kernel report a connection reset instead of a clean end of file.
 *
 * <p><b>Connecting.</b> QEMU creates its socket while starting, so {@link #connect} retries until the
 * socket accepts a connection or {@link QmpOptions#connectTimeout()} runs out; the same deadline
 * covers the greeting and {@code qmp_capabilities} (a monitor that already has a client accepts the
 * connection but never greets). No protocol capability (such as {@code oob}) is enabled.
 *
 * <p><b>Threads and ownership.</b> Once connected, a transport is used by one {@link QmpConnection},
 * which owns and closes it: its reader thread alone reads lines and its writer thread alone writes.
 * {@link #close()} may be called from any thread, is idempotent, and wakes a thread blocked in a
 * read or write.
 */
public final class QmpTransport implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(QmpTransport.class.getName());

    /**
     * The longest socket path, in bytes, that fits {@code sockaddr_un.sun_path}: 108 bytes on Linux,
     * one of them the terminating NUL.
     */
    public static final int MAX_SOCKET_PATH_BYTES = 106;

    /** Size of {@code sun_path} on Linux, for messages. */
    static final int SUN_PATH_SIZE = 108;

    /** A line longer than this is a broken peer, not a message (query-qmp-schema is about 1 MiB). */
    static final int MAX_LINE_BYTES = 64 << 20;

    /** The id of the {@code qmp_capabilities} command; {@link QmpConnection}'s ids start at 1. */
    static final String HANDSHAKE_ID = "jvirt-0";

    private static final Duration FIRST_RETRY = Duration.ofMillis(10);
    private static final Duration MAX_RETRY = Duration.ofMillis(200);

    private final Path path;
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(64 << 10).flip();
    private byte[] line = new byte[8 << 10];
    private QmpGreeting greeting;

    private QmpTransport(Path path, SocketChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /**
     * Connects to the QMP socket at {@code socket}, reads the greeting and sends
     * {@code qmp_capabilities}, all within {@link QmpOptions#connectTimeout()}.
     *
     * @return a transport that the caller owns and must close (usually by handing it to
     *         {@link QmpConnection#open})
     * @throws InvalidArgException        if the path does not fit {@code sun_path}
     * @throws SystemException            if the socket cannot be connected to before the deadline
     *                                    (the last connect error is the cause)
     * @throws OperationTimeoutException  if connected but the handshake does not finish in time
     * @throws MonitorClosedException     if QEMU closes the socket during the handshake
     * @throws QmpException               if QEMU refuses {@code qmp_capabilities}
     * @throws OperationFailedException   if the greeting is malformed, or the caller is interrupted
     *                                    ({@code OPERATION_ABORTED}, interrupt status kept)
     */
    public static QmpTransport connect(Path socket, QmpOptions options) {
        Objects.requireNonNull(options, "options");
        checkSocketPath(socket);
        var addr = UnixDomainSocketAddress.of(socket);
        var deadline = new Deadline(options.timer(), options.connectTimeout());
        QmpTransport transport = null;
        try {
            SocketChannel ch = connectWithRetry(socket, addr, deadline, options.connectTimeout());
            transport = new QmpTransport(socket, ch);
            transport.handshake(deadline, options.connectTimeout());
            if (!deadline.disarm()) {
                throw handshakeTimeout(socket, options.connectTimeout(), null);
            }
            return transport;
        } catch (RuntimeException e) {
            deadline.disarm();
            if (transport != null) {
                transport.close();
            }
            throw e;
        }
    }

    /**
     * Checks that {@code socket} fits {@code sun_path}; the process launcher calls this before
     * starting QEMU too, which would otherwise fail with a less helpful message.
     *
     * @throws InvalidArgException naming the path, its length and the limit
     */
    public static void checkSocketPath(Path socket) {
        Objects.requireNonNull(socket, "socket");
        // The JDK hands the path to the kernel in the platform encoding, as given (not absolutized).
        int len = socket.toString().getBytes(nativeCharset()).length;
        if (len > MAX_SOCKET_PATH_BYTES) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "UNIX socket path '" + socket + "' is " + len + " bytes long, but at most "
                            + MAX_SOCKET_PATH_BYTES + " bytes are usable (sun_path is " + SUN_PATH_SIZE
                            + " bytes including the terminating NUL, and the JDK keeps one more); use a shorter directory");
        }
    }

    private static java.nio.charset.Charset nativeCharset() {
        String enc = System.getProperty("sun.jnu.encoding");
        try {
            return enc == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(enc);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    private static SocketChannel connectWithRetry(Path socket, UnixDomainSocketAddress addr, Deadline deadline,
                                                  Duration timeout) {
        Duration pause = FIRST_RETRY;
        IOException last = null;
        while (true) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open(StandardProtocolFamily.UNIX);
                deadline.watch(ch);
                ch.connect(addr);
                return ch;
            } catch (IOException e) {
                closeQuietly(ch);
                if (!deadline.fired()) {
                    last = e;
                }
            }
            boolean expired;
            try {
                expired = deadline.await(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted("connecting to QMP socket '" + socket + "'", e);
            }
            if (expired) {
                if (last == null) {
                    last = lastAttemptError(addr); // the deadline beat every attempt: find the real reason
                }
                String why = last == null ? "no answer" : last.getMessage();
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "failed to connect to QMP socket '" + socket + "' within "
                                + QmpOptions.format(timeout) + ": " + why, last);
            }
            pause = pause.multipliedBy(2).compareTo(MAX_RETRY) > 0 ? MAX_RETRY : pause.multipliedBy(2);
        }
    }

    /**
     * One unwatched attempt after the deadline, made only when the deadline closed every earlier
     * attempt before it could fail on its own; a UNIX connect to a missing or refusing socket fails
     * at once, so this does not extend the wait. Returns null if the socket did accept.
     */
    private static IOException lastAttemptError(UnixDomainSocketAddress addr) {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.configureBlocking(false);
            ch.connect(addr);
            return null;
        } catch (IOException e) {
            return e;
        }
    }

    private void handshake(Deadline deadline, Duration timeout) {
        try {
            byte[] first = readLine();
            if (first == null) {
                throw new MonitorClosedException(MonitorClosedException.Reason.EOF, "qmp_capabilities", null);
            }
            greeting = parseGreeting(first);
            LOG.log(Level.DEBUG, () -> "QMP greeting on " + path + ": " + utf8(first));
            write(("{\"execute\":\"qmp_capabilities\",\"id\":\"" + HANDSHAKE_ID + "\"}")
                    .getBytes(StandardCharsets.UTF_8));
            while (true) {
                byte[] raw = readLine();
                if (raw == null) {
                    throw new MonitorClosedException(MonitorClosedException.Reason.EOF, "qmp_capabilities", null);
                }
                JsonNode msg = parse(raw);
                if (msg == null || !HANDSHAKE_ID.equals(msg.path("id").asText(null))) {
                    // QEMU sends no events before capabilities are negotiated; anything else is noise.
                    LOG.log(Level.DEBUG, () -> "ignoring during QMP handshake on " + path + ": " + utf8(raw));
                    continue;
                }
                JsonNode error = msg.get("error");
                if (error != null) {
                    throw new QmpException("qmp_capabilities", error.path("class").asText(QmpException.GENERIC_ERROR),
                            error.path("desc").asText(""));
                }
                return;
            }
        } catch (IOException e) {
            if (deadline.fired()) {
                throw handshakeTimeout(path, timeout, e);
            }
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "QMP handshake on '" + path + "' failed: " + e.getMessage(), e);
        } catch (LibvirtException e) {
            if (deadline.fired()) {
                throw handshakeTimeout(path, timeout, e);
            }
            throw e;
        }
    }

    private QmpGreeting parseGreeting(byte[] raw) {
        JsonNode msg = parse(raw);
        JsonNode qmp = msg == null ? null : msg.get("QMP");
        if (qmp == null || !qmp.isObject()) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "expected a QMP greeting on '" + path + "', got: " + Replies.abbreviate(utf8(raw)));
        }
        try {
            return QmpGreeting.fromJson(qmp);
        } catch (Replies.Malformed e) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "malformed QMP greeting on '" + path + "': " + e.getMessage());
        }
    }

    private static JsonNode parse(byte[] raw) {
        try {
            return QmpJson.MAPPER.readTree(raw);
        } catch (IOException e) {
            return null;
        }
    }

    private static OperationTimeoutException handshakeTimeout(Path path, Duration timeout, Throwable cause) {
        return new OperationTimeoutException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                "no QMP greeting and handshake on '" + path + "' within " + QmpOptions.format(timeout)
                        + " (is another client connected to this monitor?)", cause);
    }

    static OperationFailedException interrupted(String what, InterruptedException e) {
        return new OperationFailedException(ErrorNumber.OPERATION_ABORTED, ErrorDomain.QEMU,
                "interrupted while " + what, e);
    }

    /** The socket's path. */
    public Path path() {
        return path;
    }

    /** What QEMU said when we connected. */
    public QmpGreeting greeting() {
        return greeting;
    }

    /** Whether {@link #close()} has not been called (the peer may still have gone away). */
    public boolean isOpen() {
        return channel.isOpen();
    }

    /**
     * Reads the next line, without its {@code \r\n}. Only one thread may read.
     *
     * @return the line, or {@code null} at end of file (a partial last line is dropped)
     * @throws IOException when reading fails or a line exceeds {@link #MAX_LINE_BYTES}
     */
    byte[] readLine() throws IOException {
        int len = 0;
        while (true) {
            while (in.hasRemaining()) {
                byte b = in.get();
                if (b == '\n') {
                    if (len > 0 && line[len - 1] == '\r') {
                        len--;
                    }
                    return Arrays.copyOf(line, len);
                }
                if (len == line.length) {
                    if (len >= MAX_LINE_BYTES) {
                        throw new IOException("QMP message longer than " + MAX_LINE_BYTES + " bytes");
                    }
                    line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, len * 2));
                }
                line[len++] = b;
            }
            in.clear();
            int n = channel.read(in);
            in.flip();
            if (n < 0) {
                if (len > 0) {
                    int dropped = len;
                    LOG.log(Level.DEBUG, () -> "dropping " + dropped + " bytes of an unterminated line at EOF on " + path);
                }
                return null;
            }
        }
    }

    /** Writes one message completely. Only one thread may write. */
    void write(byte[] message) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(message);
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
    }

    /** Closes the socket; idempotent, never throws, wakes blocked readers and writers. */
    @Override
    public void close() {
        closeQuietly(channel);
    }

    static String utf8(byte[] raw) {
        return new String(raw, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(SocketChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.log(Level.DEBUG, "closing QMP socket failed", e);
            }
        }
    }

    /**
     * The connect deadline: when it fires, it closes the channel being connected or read, which
     * wakes the blocked thread; {@link #disarm()} tells, atomically, whether we finished first.
     */
    private static final class Deadline {
        private final ReentrantLock lock = new ReentrantLock();
        private final CountDownLatch expired = new CountDownLatch(1);
        private final QmpTimer.Handle handle;
        private SocketChannel current; // guarded by lock
        private boolean fired; // guarded by lock
        private boolean done; // guarded by lock

        Deadline(QmpTimer timer, Duration timeout) {
            handle = timer.schedule(timeout, this::fire);
        }

        private void fire() {
            SocketChannel ch;
            lock.lock();
            try {
                if (done) {
                    return;
                }
                fired = true;
                ch = current;
            } finally {
                lock.unlock();
            }
            expired.countDown();
            closeQuietly(ch);
        }

        /** Makes {@code ch} the channel to close on expiry (closing it now if already expired). */
        void watch(SocketChannel ch) {
            boolean late;
            lock.lock();
            try {
                current = ch;
                late = fired;
            } finally {
                lock.unlock();
            }
            if (late) {
                closeQuietly(ch);
            }
        }

        boolean fired() {
            lock.lock();
            try {
                return fired;
            } finally {
                lock.unlock();
            }
        }

        /** Waits up to {@code d}; true if the deadline has passed. */
        boolean await(Duration d) throws InterruptedException {
            return expired.await(d.toNanos(), TimeUnit.NANOSECONDS);
        }

        /** Stops the deadline; true if it had not fired, so the channel is still ours. */
        boolean disarm() {
            lock.lock();
            try {
                done = true;
            } finally {
                lock.unlock();
            }
            handle.cancel();
            return !fired();
        }
    }
}
