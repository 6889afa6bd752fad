package io.jvirt.rpc.conn;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.jvirt.rpc.proto.Procedure;

/**
 * What a {@link CallHandler} knows about the call it runs: the connection (to send events or
 * stream data, to start keepalive, to mark it read-only), the procedure and the call's serial;
 * and a way to act once the reply is queued.
 *
 * <p>Confined to the thread running the call.
 */
public final class CallContext {
    private final RpcServerConnection connection;
    private final Procedure<?, ?> procedure;
    private final int serial;
    private final List<Runnable> afterReply = new ArrayList<>(1);

    /**
     * @param connection the connection the call arrived on
     * @param procedure the procedure called
     * @param serial the call's serial (u32 bits)
     */
    public CallContext(RpcServerConnection connection, Procedure<?, ?> procedure, int serial) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.procedure = Objects.requireNonNull(procedure, "procedure");
        this.serial = serial;
    }

    /** The connection the call arrived on. */
    public RpcServerConnection connection() {
        return connection;
    }

    /** The procedure called. */
    public Procedure<?, ?> procedure() {
        return procedure;
    }

    /** The call's serial (u32 bits). */
    public int serial() {
        return serial;
    }

    /** The stream this call opens, if its procedure opens one (stream packets carry proc and serial). */
    public StreamId streamId() {
        return new StreamId(procedure.program(), procedure.number(), serial);
    }

    /**
     * Runs {@code action} right after the successful reply has been queued, on the call's thread:
     * e.g. an event whose callback id the client learns only from this reply (libvirt's client
     * drops events for ids it does not know yet). Not run if the call fails.
     */
    public void afterReply(Runnable action) {
        afterReply.add(Objects.requireNonNull(action, "action"));
    }

    List<Runnable> afterReplyActions() {
        return afterReply;
    }
}
