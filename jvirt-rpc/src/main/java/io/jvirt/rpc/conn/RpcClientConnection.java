package io.jvirt.rpc.conn;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ByteChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.RpcException;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.ProcedureTable;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.RemoteError;
import io.jvirt.rpc.xdr.XdrException;
import io.jvirt.rpc.xdr.XdrReader;

/**
 * The client's side of a connection to a libvirt-compatible daemon (ours or a real libvirtd).
 * {@link #call} numbers calls 0, 1, 2, ... like libvirt's client, routes each REPLY to its call by
 * serial (replies may come out of order), and turns an error reply into the
 * {@link LibvirtException} subclass that owns its code, with the server's message verbatim.
 * Event MESSAGEs go to the {@link EventListener} (their serial is ignored: libvirtd sends 1);
 * STREAM packets go to the {@link StreamListener} of the stream opened by that serial, even before
 * the opening call's reply. A PING is answered with a PONG; {@link #startKeepalive} makes this
 * side ping a silent server and drop it after too many unanswered PINGs.
 *
 * <p>A REPLY whose serial matches no call is a fatal protocol error, as in libvirt: the
 * connection closes and every pending call fails. Thread-safe: any number of threads may call at
 * once. Closing the connection closes the transport.
 */
public final class RpcClientConnection extends RpcEndpoint {
    private record Pending(Procedure<?, ?> procedure, CompletableFuture<Message> reply) {
    }

    private record OpenStream(ClientStream stream, StreamListener listener) {
    }

    private final AtomicInteger nextSerial = new AtomicInteger();
    private final Map<Integer, Pending> pending = new ConcurrentHashMap<>();
    private final Map<Integer, OpenStream> streams = new ConcurrentHashMap<>();
    private volatile EventListener eventListener = e -> { };

    /** A connection over a stream pair; {@code resource} is closed with it. Call {@link #start()}. */
    public RpcClientConnection(InputStream in, OutputStream out, Closeable resource, InstantSource clock,
            ScheduledExecutorService scheduler) {
        super(in, out, resource, Limits.MAX_LENGTH, DEFAULT_MAX_QUEUED_BYTES, clock, scheduler);
    }

    /** A connection over a blocking channel, with the system clock and the shared timer. Call {@link #start()}. */
    public static RpcClientConnection over(ByteChannel channel) {
        return new RpcClientConnection(ChannelStreams.in(channel), ChannelStreams.out(channel), channel,
                InstantSource.system(), ServerConfig.defaultScheduler());
    }

    /** Connects to a UNIX socket and starts reading. */
    public static RpcClientConnection connectUnix(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
        return over(ch).start();
    }

    /** Sets the receiver of events (replacing the previous one). */
    public void setEventListener(EventListener listener) {
        this.eventListener = Objects.requireNonNull(listener, "listener");
    }

    /** Starts reading; returns this. */
    public RpcClientConnection start() {
        startThreads("rpc-client");
        return this;
    }

    /** Starts this side's keepalive: PING after {@code interval} of silence, close after {@code count} unanswered. */
    public boolean startKeepalive(Duration interval, int count) {
        return startKeepaliveTimer(interval, count);
    }

    // ---- calls ----

    /**
     * Calls {@code procedure} and waits for its reply, however long it takes (libvirtd may need
     * tens of seconds for some calls while keepalive continues).
     *
     * @return the decoded result ({@code null} for {@code Void})
     * @throws LibvirtException the server's error, or an {@link RpcException} if the connection
     *     failed, the reply did not decode, or the waiting thread was interrupted
     */
    public <A, R> R call(Procedure<A, R> procedure, A args) {
        CompletableFuture<Message> f = submit(procedure, args);
        Message reply;
        try {
            reply = f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RpcException(ErrorNumber.RPC, ErrorDomain.RPC, "interrupted while waiting for " + procedure.apiName(), e);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        return decodeReply(procedure, reply);
    }

    /** Calls {@code procedure} without waiting; the future fails with the {@link LibvirtException}. */
    public <A, R> CompletableFuture<R> callAsync(Procedure<A, R> procedure, A args) {
        return submit(procedure, args).thenApply(m -> decodeReply(procedure, m));
    }

    /**
     * Calls a stream-opening procedure (e.g. {@code DOMAIN_OPEN_CONSOLE}). {@code listener} is
     * registered before the call is sent, so it also receives data that precedes the reply.
     *
     * @return the open stream
     * @throws LibvirtException if the call fails (the listener then receives nothing more)
     */
    public <A> ClientStream openStream(Procedure<A, Void> procedure, A args, StreamListener listener) {
        if (!procedure.stream()) {
            throw new IllegalArgumentException(procedure + " does not open a stream");
        }
        Objects.requireNonNull(listener, "listener");
        int serial = nextSerial.getAndIncrement();
        ClientStream stream = new ClientStream(this, new StreamId(procedure.program(), procedure.number(), serial));
        streams.put(serial, new OpenStream(stream, listener));
        try {
            Message reply = submitWithSerial(procedure, args, serial).get();
            decodeReply(procedure, reply);
            return stream;
        } catch (InterruptedException e) {
            streams.remove(serial);
            Thread.currentThread().interrupt();
            throw new RpcException(ErrorNumber.RPC, ErrorDomain.RPC, "interrupted while opening a stream", e);
        } catch (ExecutionException e) {
            streams.remove(serial);
            throw rethrow(e.getCause());
        } catch (RuntimeException e) {
            streams.remove(serial);
            throw e;
        }
    }

    private <A> CompletableFuture<Message> submit(Procedure<A, ?> procedure, A args) {
        return submitWithSerial(procedure, args, nextSerial.getAndIncrement());
    }

    private <A> CompletableFuture<Message> submitWithSerial(Procedure<A, ?> procedure, A args, int serial) {
        if (procedure.kind() != Procedure.Kind.CALL) {
            throw new IllegalArgumentException(procedure + " is not a call");
        }
        byte[] payload;
        try {
            payload = Replies.encode(procedure.args(), args);
        } catch (XdrException e) {
            return CompletableFuture.failedFuture(new RpcException(ErrorNumber.RPC, ErrorDomain.RPC,
                    "Unable to encode message payload: " + e.getMessage(), e));
        }
        if (!Replies.fits(payload, Limits.MAX_LENGTH)) {
            return CompletableFuture.failedFuture(new RpcException(ErrorNumber.RPC, ErrorDomain.RPC,
                    "message payload of " + procedure.apiName() + " exceeds the maximum message size"));
        }
        Program p = procedure.program();
        Header h = new Header(p.number(), p.version(), procedure.number(), MessageType.CALL, serial, MessageStatus.OK);
        CompletableFuture<Message> f = new CompletableFuture<>();
        pending.put(serial, new Pending(procedure, f)); // before sending: the reply may beat put()
        if (isClosed()) {
            pending.remove(serial);
            return CompletableFuture.failedFuture(closedError());
        }
        try {
            send(new Message(h, payload));
        } catch (IOException e) {
            pending.remove(serial);
            f.completeExceptionally(new RpcException(ErrorNumber.RPC, ErrorDomain.RPC,
                    "cannot send " + procedure.apiName() + ": " + e.getMessage(), e));
        }
        return f;
    }

    private static LibvirtException rethrow(Throwable cause) {
        if (cause instanceof LibvirtException le) {
            // re-create on the caller's thread so the stack trace shows the call site
            return LibvirtException.of(le.number(), le.domain(), le.getMessage());
        }
        return new RpcException(ErrorNumber.RPC, ErrorDomain.RPC, String.valueOf(cause), cause);
    }

    private static <R> R decodeReply(Procedure<?, R> procedure, Message reply) {
        XdrReader in = new XdrReader(reply.payload());
        try {
            if (reply.header().status() == MessageStatus.ERROR) {
                throw toException(RemoteError.XDR.decode(in));
            }
            return procedure.ret().decode(in);
        } catch (XdrException e) {
            throw new RpcException(ErrorNumber.RPC, ErrorDomain.RPC,
                    "Unable to decode reply of " + procedure.apiName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The exception for a wire error. Like libvirt's client, an RPC-layer "unknown procedure"
     * error becomes VIR_ERR_NO_SUPPORT, so that an older server's missing procedure reads as an
     * unsupported function.
     */
    static LibvirtException toException(RemoteError e) {
        boolean rpcDomain = e.domain() == ErrorDomain.RPC.code() || e.domain() == ErrorDomain.REMOTE.code();
        if (rpcDomain && e.code() == ErrorNumber.RPC.code() && e.level() == RemoteError.LEVEL_ERROR
                && e.message() != null && e.message().startsWith("unknown procedure")) {
            return LibvirtException.of(ErrorNumber.NO_SUPPORT, ErrorDomain.of(e.domain()), e.message());
        }
        return e.toException();
    }

    // ---- incoming ----

    @Override
    void onMessage(Message m) throws IOException {
        Header h = m.header();
        switch (h.type()) {
            case REPLY, REPLY_WITH_FDS -> onReply(m);
            case MESSAGE -> onEvent(m);
            case STREAM -> onStream(m);
            case CALL, CALL_WITH_FDS, STREAM_HOLE -> LOG.log(Level.DEBUG, "ignoring unexpected {0} from server", h);
        }
    }

    private void onReply(Message m) throws IOException {
        Header h = m.header();
        Pending p = pending.get(h.serial());
        if (p == null || p.procedure().program().number() != h.program()
                || p.procedure().program().version() != h.version()) {
            throw new io.jvirt.rpc.wire.ProtocolException("reply with serial " + h.serialUnsigned() + " matches no call");
        }
        pending.remove(h.serial());
        if (h.type() == MessageType.REPLY_WITH_FDS) {
            p.reply().completeExceptionally(new RpcException(ErrorNumber.RPC, ErrorDomain.RPC,
                    "file descriptor passing is not supported"));
            return;
        }
        p.reply().complete(m);
    }

    private void onEvent(Message m) {
        Header h = m.header();
        Program program = Program.of(h.program(), h.version());
        Optional<Procedure<?, ?>> proc = program == null ? Optional.empty() : ProcedureTable.find(program, h.procedure());
        if (proc.isEmpty() || proc.get().kind() != Procedure.Kind.MESSAGE) {
            LOG.log(Level.DEBUG, "ignoring unknown event {0}", h);
            return;
        }
        deliver(proc.get(), m.payload());
    }

    @SuppressWarnings("unchecked")
    private <A> void deliver(Procedure<A, ?> proc, byte[] payload) {
        A body;
        try {
            body = proc.args().decode(new XdrReader(payload));
        } catch (XdrException e) {
            LOG.log(Level.WARNING, "cannot decode event {0}: {1}", proc, e.getMessage());
            return;
        }
        try {
            eventListener.onEvent(new ReceivedEvent((Procedure<?, Void>) proc, body));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "event listener failed", e);
        }
    }

    private void onStream(Message m) {
        Header h = m.header();
        OpenStream s = streams.get(h.serial());
        if (s == null || s.stream().id().procedure() != h.procedure()) {
            LOG.log(Level.DEBUG, "ignoring packet for unknown stream {0}", h);
            return;
        }
        try {
            switch (h.status()) {
                case CONTINUE -> s.listener().data(m.payload());
                case OK -> {
                    streams.remove(h.serial());
                    s.stream().markEnded();
                    s.listener().finished();
                }
                case ERROR -> {
                    streams.remove(h.serial());
                    s.stream().markEnded();
                    LibvirtException err;
                    try {
                        err = toException(RemoteError.XDR.decode(new XdrReader(m.payload())));
                    } catch (XdrException e) {
                        err = new RpcException(ErrorNumber.RPC, ErrorDomain.STREAMS, "stream aborted by the server");
                    }
                    s.listener().aborted(err);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "stream listener failed", e);
        }
    }

    private static RpcException closedError() {
        return new RpcException(ErrorNumber.RPC, ErrorDomain.RPC, "connection closed");
    }

    @Override
    void onClosed() {
        for (Integer serial : pending.keySet()) {
            Pending p = pending.remove(serial);
            if (p != null) {
                p.reply().completeExceptionally(closedError());
            }
        }
        for (Integer serial : streams.keySet()) {
            OpenStream s = streams.remove(serial);
            if (s != null) {
                s.stream().markEnded();
                try {
                    s.listener().aborted(closedError());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "stream listener failed", e);
                }
            }
        }
    }
}
