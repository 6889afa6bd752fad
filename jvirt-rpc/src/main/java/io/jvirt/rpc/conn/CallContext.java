package io.jvirt.rpc.conn;

import java.util.Objects;

import io.jvirt.rpc.proto.Procedure;

/**
 * What a {@link CallHandler} knows about the call it runs: the connection (to send events or
 * stream data, to start keepalive, to mark it read-only), the procedure and the call's serial.
 *
 * @param connection the connection the call arrived on
 * @param procedure the procedure called
 * @param serial the call's serial (u32 bits)
 */
public record CallContext(RpcServerConnection connection, Procedure<?, ?> procedure, int serial) {
    public CallContext {
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(procedure, "procedure");
    }

    /** The stream this call opens, if its procedure opens one (stream packets carry proc and serial). */
    public StreamId streamId() {
        return new StreamId(procedure.program(), procedure.number(), serial);
    }
}
