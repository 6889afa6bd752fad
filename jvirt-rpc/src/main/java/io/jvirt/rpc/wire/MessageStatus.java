package io.jvirt.rpc.wire;

/** The {@code status} word of a message header, with its wire number. */
public enum MessageStatus {
    /** Every call and event; a successful reply; a finished stream. */
    OK(0),
    /** A failed reply (payload {@code remote_error}); an aborted stream. */
    ERROR(1),
    /** A stream packet carrying data. */
    CONTINUE(2);

    private final int code;

    MessageStatus(int code) {
        this.code = code;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The status with wire number {@code code}, or {@code null} if there is none. */
    public static MessageStatus of(int code) {
        for (MessageStatus s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return null;
    }
}
