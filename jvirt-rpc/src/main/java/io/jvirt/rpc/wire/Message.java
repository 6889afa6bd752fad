package io.jvirt.rpc.wire;

import java.util.Objects;

/**
 * One framed message: a header and its payload bytes (XDR for calls, replies and events; raw data
 * for stream packets). The array is not copied: treat it as read-only.
 *
 * @param header the header
 * @param payload the bytes after the header (may be empty, never null)
 */
public record Message(Header header, byte[] payload) {
    private static final byte[] EMPTY = new byte[0];

    public Message {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** A message without payload. */
    public static Message empty(Header header) {
        return new Message(header, EMPTY);
    }

    /** The total length the length word will announce. */
    public int length() {
        return Limits.MIN_LENGTH + payload.length;
    }
}
