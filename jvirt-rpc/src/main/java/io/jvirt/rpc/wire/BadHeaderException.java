package io.jvirt.rpc.wire;

import io.jvirt.rpc.xdr.XdrException;

/**
 * A header whose type or status word is not a known value. The message itself was read whole, so
 * the stream is still in step; the raw words let a server answer a CALL with an error.
 */
public final class BadHeaderException extends XdrException {
    private static final long serialVersionUID = 1L;

    private final int program;
    private final int version;
    private final int procedure;
    private final int type;
    private final int serial;
    private final int status;

    BadHeaderException(int program, int version, int procedure, int type, int serial, int status) {
        super("unknown message type " + type + " or status " + status);
        this.program = program;
        this.version = version;
        this.procedure = procedure;
        this.type = type;
        this.serial = serial;
        this.status = status;
    }

    /** Raw program word. */
    public int program() {
        return program;
    }

    /** Raw version word. */
    public int version() {
        return version;
    }

    /** Raw procedure word. */
    public int procedure() {
        return procedure;
    }

    /** Raw type word. */
    public int type() {
        return type;
    }

    /** Raw serial word. */
    public int serial() {
        return serial;
    }

    /** Raw status word. */
    public int status() {
        return status;
    }
}
