package io.jvirt.rpc.conn;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.channels.ByteChannel;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InternalException;
import io.jvirt.error.LibvirtException;
import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.Priority;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.ProcedureTable;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.BadHeaderException;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.RemoteError;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.rpc.xdr.XdrReader;

/**
 * The daemon's side of one client connection. A reader virtual thread decodes messages; every
 * CALL is checked in this order, each failure answered with the error libvirtd 9.0 sends while the
 * connection stays up (remote-protocol.md 1.6):
 *
 * <ol>
 *   <li>program and version known, else 39/7 "Cannot find program P version V";
 *   <li>status OK, else 39/7 "Unexpected message status S";
 *   <li>procedure in the table and a call, else 39/7 "unknown procedure: N" (the libvirt client
 *       turns exactly this into VIR_ERR_NO_SUPPORT, which virsh reports as unsupported);
 *   <li>the {@link ReadOnlyGate}, else 29 "operation forbidden: read only access prevents virXxx";
 *   <li>arguments decode, else 39/7 "Unable to decode message payload";
 * </ol>
 *
 * then the call runs on its own virtual thread (or, for the quick lookups the handler names
 * {@linkplain CallHandler#inline inline}, on the reader) through the {@link CallHandler}, and its result or
 * {@link LibvirtException} is sent back as the REPLY. Low-priority calls of one client run at most
 * {@link ServerConfig#maxClientRequests()} at a time; the reader stops reading once
 * {@link ServerConfig#maxQueuedRequests()} calls are in flight.
 *
 * <p>Protocol-level behaviour owned here rather than by handlers: {@code SUPPORTS_FEATURE(10)}
 * (PROGRAM_KEEPALIVE) is answered 1 and starts the keepalive timer, as libvirtd's RPC layer does;
 * a successful {@code CONNECT_OPEN} with VIR_CONNECT_RO makes the connection read-only;
 * {@code CONNECT_CLOSE} closes it after the reply; a PING is answered with a PONG.
 *
 * <p>Thread-safe: events and stream data may be sent from any thread without blocking; they are
 * queued and written whole, in order, by the connection's writer thread. A call's reply is
 * written by the call's own thread when nothing is queued (else queued the same way). A client that
 * stops reading while more than 4 maximum-size messages are queued is dropped. Closing the
 * connection closes the transport.
 */
public final class RpcServerConnection extends RpcEndpoint {
    /** libvirtd 9.0 sends every event with serial 1 (remote-protocol.md 1.5); clients ignore it. */
    static final int EVENT_SERIAL = 1;
    /** Stream data is sent in chunks no larger than libvirt's legacy payload size. */
    static final int STREAM_CHUNK = 262_120;
    private static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    private static final int CONNECT_RO = 1;

    private final CallHandler handler;
    private final ServerConfig config;
    private final Semaphore lowSlots;
    private final Semaphore inFlight;
    private final Set<StreamId> streams = ConcurrentHashMap.newKeySet();
    private volatile boolean readOnly;
    private volatile Object attachment;

    /**
     * A connection over a stream pair; {@code resource} is closed with it. Call {@link #start()}.
     *
     * @param readOnly whether the connection arrived on a read-only socket (it stays read-only)
     */
    public RpcServerConnection(InputStream in, OutputStream out, Closeable resource, CallHandler handler,
            ServerConfig config, boolean readOnly) {
        super(in, out, resource, config.maxMessageLength(), 4L * config.maxMessageLength(), config.clock(),
                config.scheduler());
        this.handler = Objects.requireNonNull(handler, "handler");
        this.config = config;
        this.lowSlots = new Semaphore(config.maxClientRequests());
        this.inFlight = new Semaphore(config.maxQueuedRequests());
        this.readOnly = readOnly;
    }

    /** A connection over a blocking channel (a UNIX or TCP {@code SocketChannel}). Call {@link #start()}. */
    public static RpcServerConnection over(ByteChannel channel, CallHandler handler, ServerConfig config,
            boolean readOnly) {
        return new RpcServerConnection(ChannelStreams.in(channel), ChannelStreams.out(channel), channel, handler, config,
                readOnly);
    }

    /** Starts reading calls; returns this. */
    public RpcServerConnection start() {
        startThreads("rpc-server");
        return this;
    }

    /** Whether mutating procedures are refused. */
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Makes the connection read-only from now on (never the other way). */
    public void markReadOnly() {
        readOnly = true;
    }

    /** The owner's per-connection state, or {@code null}. */
    public Object attachment() {
        return attachment;
    }

    /** Attaches the owner's per-connection state (e.g. the daemon's client record). */
    public void setAttachment(Object value) {
        attachment = value;
    }

    /** Starts the keepalive timer with the configured interval and count; false if already running or disabled. */
    public boolean startKeepalive() {
        return startKeepaliveTimer(config.keepaliveInterval(), config.keepaliveCount());
    }

    // ---- incoming ----

    @Override
    void onMessage(Message m) throws IOException {
        Header h = m.header();
        switch (h.type()) {
            case CALL -> onCall(m);
            case STREAM -> onStream(m);
            case CALL_WITH_FDS -> sendQuietly(Replies.error(h, Replies.rpc("file descriptor passing is not supported")));
            case REPLY, MESSAGE, REPLY_WITH_FDS, STREAM_HOLE ->
                LOG.log(Level.DEBUG, "ignoring unexpected {0} from client", h);
        }
    }

    @Override
    void onBadHeader(BadHeaderException e) {
        if (e.type() == MessageType.CALL.code()) {
            sendQuietly(Replies.error(e.program(), e.version(), e.procedure(), e.serial(),
                    Replies.rpc("Unexpected message status " + e.status())));
        } else {
            LOG.log(Level.DEBUG, "ignoring message: {0}", e.getMessage());
        }
    }

    private void onCall(Message m) throws IOException {
        Header h = m.header();
        Program program = Program.of(h.program(), h.version());
        if (program == null || program == Program.KEEPALIVE) {
            send(Replies.error(h, Replies.rpc("Cannot find program " + Integer.toUnsignedString(h.program()) + " version "
                    + Integer.toUnsignedString(h.version()))));
            return;
        }
        if (h.status() != MessageStatus.OK) {
            send(Replies.error(h, Replies.rpc("Unexpected message status " + h.status().code())));
            return;
        }
        Optional<Procedure<?, ?>> found = ProcedureTable.find(program, h.procedure());
        if (found.isEmpty() || found.get().kind() != Procedure.Kind.CALL) {
            send(Replies.error(h, Replies.rpc("unknown procedure: " + h.procedure())));
            return;
        }
        Procedure<?, ?> proc = found.get();
        try {
            ReadOnlyGate.check(proc, readOnly);
        } catch (LibvirtException e) {
            send(Replies.error(h, e));
            return;
        }
        dispatch(h, proc, m.payload());
    }

    private <A, R> void dispatch(Header h, Procedure<A, R> proc, byte[] payload) throws IOException {
        A args;
        try {
            // extra bytes after the arguments are ignored, as libvirtd does
            args = proc.args().decode(new XdrReader(payload));
        } catch (XdrException e) {
            LOG.log(Level.DEBUG, "{0}: bad payload: {1}", proc, e.getMessage());
            send(Replies.error(h, Replies.rpc("Unable to decode message payload")));
            return;
        }
        if (proc == ConnectProcedures.CONNECT_SUPPORTS_FEATURE && (Integer) args == FEATURE_PROGRAM_KEEPALIVE) {
            startKeepalive();
            send(Replies.ok(h, Replies.encode(ConnectProcedures.CONNECT_SUPPORTS_FEATURE.ret(), 1)));
            return;
        }
        if (handler.inline(proc)) {
            runCall(h, proc, args, false); // a quick lookup: on this reader, no hand-off
            return;
        }
        try {
            inFlight.acquire(); // back-pressure: stop reading while too many calls are pending
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            return;
        }
        Thread.ofVirtual().name("rpc-call-" + proc.name()).start(() -> {
            try {
                runCall(h, proc, args, true);
            } finally {
                inFlight.release();
            }
        });
    }

    private <A, R> void runCall(Header h, Procedure<A, R> proc, A args, boolean bounded) {
        boolean low = bounded && proc.priority() == Priority.LOW;
        CallContext ctx = new CallContext(this, proc, h.serial());
        StreamId stream = proc.stream() ? ctx.streamId() : null;
        Message reply;
        boolean ok = false;
        try {
            if (low) {
                lowSlots.acquire();
            }
            try {
                if (stream != null) {
                    streams.add(stream); // data may flow before the reply
                }
                R ret = handler.handle(ctx, proc, args);
                byte[] payload = Replies.encode(proc.ret(), ret);
                if (!Replies.fits(payload, maxLength())) {
                    throw new InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC,
                            "reply of " + proc.apiName() + " exceeds the maximum message size");
                }
                if (proc == ConnectProcedures.CONNECT_OPEN && (((OpenArgs) args).flags() & CONNECT_RO) != 0) {
                    readOnly = true;
                }
                reply = Replies.ok(h, payload);
                ok = true;
            } finally {
                if (low) {
                    lowSlots.release();
                }
            }
        } catch (LibvirtException e) {
            reply = failed(h, stream, e);
        } catch (XdrException e) {
            LOG.log(Level.WARNING, "{0}: result cannot be encoded", proc, e);
            reply = failed(h, stream, new InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC,
                    "Unable to encode message payload"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = failed(h, stream, Replies.rpc("call interrupted"));
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, proc + " failed unexpectedly", e);
            reply = failed(h, stream, new InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.RPC,
                    "unexpected failure in " + proc.apiName() + ": " + e));
        }
        sendDirectQuietly(reply); // from this call's own thread, which may block on a slow client
        if (ok && proc == ConnectProcedures.CONNECT_CLOSE) {
            closeAfterFlush();
        }
        if (ok) {
            for (Runnable action : ctx.afterReplyActions()) {
                try {
                    action.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, proc + ": after-reply action failed", e);
                }
            }
        }
    }

    private Message failed(Header h, StreamId stream, LibvirtException e) {
        if (stream != null) {
            streams.remove(stream);
        }
        return Replies.error(h, e);
    }

    private void onStream(Message m) throws IOException {
        Header h = m.header();
        Program program = Program.of(h.program(), h.version());
        StreamId id = program == null ? null : new StreamId(program, h.procedure(), h.serial());
        if (id == null || !streams.contains(id)) {
            LOG.log(Level.DEBUG, "ignoring packet for unknown stream {0}", h);
            return;
        }
        handler.stream(this, new StreamPacket(id, h.status(), m.payload()));
        if (h.status() != MessageStatus.CONTINUE && streams.remove(id)) {
            // client finished or aborted: confirm with an empty STREAM/OK, as libvirtd does
            send(Message.empty(streamHeader(id, MessageStatus.OK)));
        }
    }

    // ---- outgoing ----

    /**
     * Sends an event MESSAGE (serial 1, as libvirtd). Returns false if the connection is closed.
     *
     * @throws IllegalArgumentException if {@code event} is not a MESSAGE procedure
     */
    public <A> boolean sendEvent(Procedure<A, Void> event, A body) {
        if (event.kind() != Procedure.Kind.MESSAGE) {
            throw new IllegalArgumentException(event + " is not a message");
        }
        Header h = new Header(event.program().number(), event.program().version(), event.number(), MessageType.MESSAGE,
                EVENT_SERIAL, MessageStatus.OK);
        return sendQuietly(new Message(h, Replies.encode(event.args(), body)));
    }

    /** Whether {@code stream} is open (its call is running or succeeded, and no side ended it). */
    public boolean isStreamOpen(StreamId stream) {
        return streams.contains(stream);
    }

    /** Sends raw data on an open stream, split into chunks; false if the stream or connection is closed. */
    public boolean sendStreamData(StreamId stream, byte[] data) {
        for (int off = 0; off < data.length; off += STREAM_CHUNK) {
            if (!streams.contains(stream)) {
                return false;
            }
            byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + STREAM_CHUNK));
            if (!sendQuietly(new Message(streamHeader(stream, MessageStatus.CONTINUE), chunk))) {
                return false;
            }
        }
        return true;
    }

    /** Ends a stream from the server's side with STREAM/OK (e.g. the guest console closed). */
    public boolean finishStream(StreamId stream) {
        return streams.remove(stream) && sendQuietly(Message.empty(streamHeader(stream, MessageStatus.OK)));
    }

    /** Aborts a stream from the server's side with STREAM/ERROR carrying {@code error}. */
    public boolean abortStream(StreamId stream, LibvirtException error) {
        return streams.remove(stream) && sendQuietly(new Message(streamHeader(stream, MessageStatus.ERROR),
                Replies.encode(RemoteError.XDR, RemoteError.from(error))));
    }

    private static Header streamHeader(StreamId id, MessageStatus status) {
        return new Header(id.program().number(), id.program().version(), id.procedure(), MessageType.STREAM, id.serial(),
                status);
    }

    @Override
    void onClosed() {
        streams.clear();
        try {
            handler.closed(this);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "close handler failed", e);
        }
    }
}
