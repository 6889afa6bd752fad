package io.jvirt.rpc.conn;

import java.util.Arrays;
import java.util.Objects;

import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;

/**
 * The client's end of a stream opened by a call such as {@code DOMAIN_OPEN_CONSOLE}: every packet
 * carries that call's program, procedure and serial. Data goes out with {@link #send}; what the
 * server sends arrives at the {@link StreamListener} given when the stream was opened.
 *
 * <p>Thread-safe. {@link #finish} and {@link #abort} end the client's side; the server confirms
 * with an empty STREAM/OK, which the listener sees as {@link StreamListener#finished()}.
 */
public final class ClientStream {
    private final RpcClientConnection connection;
    private final StreamId id;
    private volatile boolean ended;

    ClientStream(RpcClientConnection connection, StreamId id) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.id = Objects.requireNonNull(id, "id");
    }

    /** The stream's identity (the opening call's program, procedure and serial). */
    public StreamId id() {
        return id;
    }

    /** Sends raw bytes (STREAM/CONTINUE), split into chunks; false if the stream or connection ended. */
    public boolean send(byte[] data) {
        for (int off = 0; off < data.length; off += RpcServerConnection.STREAM_CHUNK) {
            if (ended) {
                return false;
            }
            byte[] chunk = Arrays.copyOfRange(data, off, Math.min(data.length, off + RpcServerConnection.STREAM_CHUNK));
            if (!connection.sendQuietly(new Message(header(MessageStatus.CONTINUE), chunk))) {
                return false;
            }
        }
        return true;
    }

    /** Ends the stream normally (empty STREAM/OK); false if it had already ended. */
    public boolean finish() {
        return end(MessageStatus.OK);
    }

    /** Aborts the stream (empty STREAM/ERROR, as libvirt's client sends); false if it had already ended. */
    public boolean abort() {
        return end(MessageStatus.ERROR);
    }

    private synchronized boolean end(MessageStatus status) {
        if (ended) {
            return false;
        }
        ended = true;
        return connection.sendQuietly(Message.empty(header(status)));
    }

    void markEnded() {
        ended = true;
    }

    private Header header(MessageStatus status) {
        return new Header(id.program().number(), id.program().version(), id.procedure(), MessageType.STREAM, id.serial(),
                status);
    }
}
