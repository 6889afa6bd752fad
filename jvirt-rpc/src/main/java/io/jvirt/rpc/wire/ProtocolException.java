package io.jvirt.rpc.wire;

import java.io.IOException;

/**
 * The byte stream broke the framing rules (a length word out of range, a message cut short). The
 * stream can no longer be trusted to be in step: the connection must be closed.
 */
public final class ProtocolException extends IOException {
    private static final long serialVersionUID = 1L;

    /** A framing violation described by {@code message}. */
    public ProtocolException(String message) {
        super(message);
    }

    /** A framing violation described by {@code message}, caused by {@code cause}. */
    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
