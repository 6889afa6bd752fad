package io.jvirt.rpc.conn;

import java.util.Objects;

import io.jvirt.rpc.wire.MessageStatus;

/**
 * A stream packet received by a server: data ({@link MessageStatus#CONTINUE}), finish
 * ({@link MessageStatus#OK}, empty) or abort ({@link MessageStatus#ERROR}, empty from a client).
 *
 * @param stream the stream it belongs to
 * @param status what the packet means
 * @param data the raw bytes (not XDR); empty for finish and abort; do not modify
 */
public record StreamPacket(StreamId stream, MessageStatus status, byte[] data) {
    public StreamPacket {
        Objects.requireNonNull(stream, "stream");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(data, "data");
    }
}
