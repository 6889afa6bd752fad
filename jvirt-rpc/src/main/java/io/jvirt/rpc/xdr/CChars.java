package io.jvirt.rpc.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * The value of a C {@code char[N]} or {@code char<N>} field: bytes that travel as <em>one 4-byte
 * XDR word each</em> (rpcgen encodes every C {@code char} as an int). This is deliberately its own
 * type, never a {@code byte[]} or a string, so that no one encodes such a field as packed opaque
 * data by mistake.
 *
 * <p>libvirt puts NUL-terminated C strings in such fields and, for {@code char<N>}, counts the
 * terminating NUL (model "none" travels as 5 words). {@link #ofString} adds that NUL;
 * {@link #text} stops at the first NUL. SASL data uses the same encoding for binary bytes:
 * {@link #ofBytes} keeps them as they are.
 *
 * @param bytes one entry per C char, exactly as counted on the wire (defensively copied)
 */
public record CChars(byte[] bytes) {
    /** An empty C string as libvirt sends it: a single NUL. */
    public static final CChars EMPTY_STRING = ofString("");

    public CChars {
        bytes = Objects.requireNonNull(bytes, "bytes").clone();
    }

    /** The UTF-8 bytes of {@code s} followed by the terminating NUL libvirt counts. */
    public static CChars ofString(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return new CChars(Arrays.copyOf(utf8, utf8.length + 1));
    }

    /** Binary bytes, unchanged (no terminator added). */
    public static CChars ofBytes(byte[] bytes) {
        return new CChars(bytes);
    }

    /** A copy of the bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Number of chars (XDR words) on the wire. */
    public int length() {
        return bytes.length;
    }

    /** The C string: bytes up to (not including) the first NUL, decoded as UTF-8. */
    public String text() {
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CChars c && Arrays.equals(bytes, c.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "CChars[" + text() + (bytes.length > 0 && bytes[bytes.length - 1] == 0 ? "\\0" : "") + "]";
    }
}
