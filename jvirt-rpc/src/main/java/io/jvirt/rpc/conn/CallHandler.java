package io.jvirt.rpc.conn;

import io.jvirt.error.LibvirtException;
import io.jvirt.rpc.proto.Procedure;

/**
 * The owner's side of a {@link RpcServerConnection}: runs decoded calls and receives the client's
 * stream packets. {@link Dispatcher} is the table-driven implementation a daemon normally uses.
 *
 * <p>{@link #handle} runs on its own virtual thread per call and may block; several calls of one
 * client may run at once. The exceptions are procedures {@link #inline} names: they run on the
 * connection's reader, one after another, saving a thread hand-off per call. {@link #stream} and
 * {@link #closed} run on the connection's reader and must return quickly.
 */
public interface CallHandler {
    /**
     * Runs one call whose arguments decoded and which passed the read-only gate.
     *
     * @return the result, encoded with {@code procedure.ret()} ({@code null} for {@code Void})
     * @throws LibvirtException sent to the client as a {@code remote_error}
     */
    <A, R> R handle(CallContext context, Procedure<A, R> procedure, A args);

    /**
     * Whether calls of {@code procedure} run on the connection's reader thread. Only for handlers
     * that return at once whatever happens: pure lookups of in-memory state, which never wait for a
     * job, a lock held across I/O, the hypervisor or the network (the next call of the client waits
     * meanwhile). None by default.
     */
    default boolean inline(Procedure<?, ?> procedure) {
        return false;
    }

    /** A stream packet from the client (data, finish or abort). Ignored by default. */
    default void stream(RpcServerConnection connection, StreamPacket packet) {
    }

    /** The connection closed (EOF, error, keepalive timeout, CONNECT_CLOSE or {@code close()}). */
    default void closed(RpcServerConnection connection) {
    }
}
