package io.jvirt.rpc.wire;

/** The {@code type} word of a message header, with its wire number. */
public enum MessageType {
    /** Client to server: a procedure's arguments. */
    CALL(0),
    /** Server to client: a call's result ({@code status} OK) or a {@code remote_error} (ERROR). */
    REPLY(1),
    /** An event from the server, or a keepalive PING/PONG in either direction. */
    MESSAGE(2),
    /** A stream packet: raw data (CONTINUE), finish (OK) or abort (ERROR). */
    STREAM(3),
    /** A call that is followed by file descriptors (UNIX sockets only). */
    CALL_WITH_FDS(4),
    /** A reply that is followed by file descriptors. */
    REPLY_WITH_FDS(5),
    /** A hole in a sparse stream. */
    STREAM_HOLE(6);

    private final int code;

    MessageType(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The type with wire number {@code code}, or {@code null} if there is none. */
    public static MessageType of(int code) {
        for (MessageType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}
