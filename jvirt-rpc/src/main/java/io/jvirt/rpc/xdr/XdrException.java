package io.jvirt.rpc.xdr;

/**
 * A value could not be decoded (truncated input, a length over its bound, a bad optional or union
 * discriminant) or encoded (a value over its bound, a missing mandatory value).
 *
 * <p>The server answers a call whose arguments raise this with libvirt's RPC error
 * "Unable to decode message payload" and keeps the connection open.
 */
public class XdrException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An error described by {@code message}. */
    public XdrException(String message) {
        super(message);
    }
}
