package io.jvirt.rpc.conn;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.rpc.proto.Procedure;

/**
 * A {@link CallHandler} that is a table from procedure to {@link ProcedureHandler}, registered in
 * a type-safe way: {@code dispatcher.on(ConnectProcedures.CONNECT_GET_TYPE, (ctx, v) -> "QEMU")}.
 * A procedure without a handler fails with VIR_ERR_NO_SUPPORT, "this function is not supported by
 * the connection driver: virXxx", as libvirtd does for an API its driver lacks.
 *
 * <p>Register handlers before connections use it; registration is thread-safe regardless.
 */
public final class Dispatcher implements CallHandler {
    private final Map<Procedure<?, ?>, ProcedureHandler<?, ?>> handlers = new ConcurrentHashMap<>();
    private final Set<Procedure<?, ?>> inline = ConcurrentHashMap.newKeySet();
    private final ErrorDomain unsupportedDomain;
    private volatile BiConsumer<RpcServerConnection, StreamPacket> streamListener = (c, p) -> { };
    private volatile Consumer<RpcServerConnection> closeListener = c -> { };

    /** A dispatcher whose "not supported" errors carry {@code unsupportedDomain} (the driver's). */
    public Dispatcher(ErrorDomain unsupportedDomain) {
        this.unsupportedDomain = Objects.requireNonNull(unsupportedDomain, "unsupportedDomain");
    }

    /** Registers (or replaces) the handler of {@code procedure}; returns this. */
    public <A, R> Dispatcher on(Procedure<A, R> procedure, ProcedureHandler<A, R> handler) {
        if (procedure.kind() != Procedure.Kind.CALL) {
            throw new IllegalArgumentException(procedure + " is not a call");
        }
        handlers.put(procedure, Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * Marks procedures whose handlers run on the connection's reader (see
     * {@link CallHandler#inline}): only pure, never-waiting lookups. Returns this.
     */
    public Dispatcher runOnReader(Procedure<?, ?>... procedures) {
        for (Procedure<?, ?> p : procedures) {
            if (p.kind() != Procedure.Kind.CALL || p.stream()) {
                throw new IllegalArgumentException(p + " cannot run inline");
            }
            inline.add(p);
        }
        return this;
    }

    @Override
    public boolean inline(Procedure<?, ?> procedure) {
        return inline.contains(procedure);
    }

    /** Sets the receiver of client stream packets; returns this. */
    public Dispatcher onStream(BiConsumer<RpcServerConnection, StreamPacket> listener) {
        this.streamListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Sets what runs when a connection closes; returns this. */
    public Dispatcher onClosed(Consumer<RpcServerConnection> listener) {
        this.closeListener = Objects.requireNonNull(listener, "listener");
        return this;
    }

    /** Whether {@code procedure} has a handler. */
    public boolean handles(Procedure<?, ?> procedure) {
        return handlers.containsKey(procedure);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <A, R> R handle(CallContext context, Procedure<A, R> procedure, A args) {
        ProcedureHandler<A, R> h = (ProcedureHandler<A, R>) handlers.get(procedure);
        if (h == null) {
            throw new OperationUnsupportedException(ErrorNumber.NO_SUPPORT, unsupportedDomain, procedure.apiName());
        }
        return h.handle(context, args);
    }

    @Override
    public void stream(RpcServerConnection connection, StreamPacket packet) {
        streamListener.accept(connection, packet);
    }

    @Override
    public void closed(RpcServerConnection connection) {
        closeListener.accept(connection);
    }
}
