package io.jvirt.rpc.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Reads XDR items from a byte array. Every length read from the input is checked against its bound
 * and against the bytes that remain <em>before</em> anything is allocated, so a hostile length word
 * cannot make the decoder allocate more than the message it already holds.
 *
 * <p>Padding bytes are skipped without being checked (libvirt ignores non-zero padding). Not
 * thread-safe.
 */
public final class XdrReader {
    private final byte[] buf;
    private final int limit;
    private int pos;

    /** Reads all of {@code bytes}. */
    public XdrReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    /** Reads {@code length} bytes of {@code bytes} starting at {@code offset}. */
    public XdrReader(byte[] bytes, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        this.buf = bytes;
        this.pos = offset;
        this.limit = offset + length;
    }

    /** Bytes not yet read. */
    public int remaining() {
        return limit - pos;
    }

    /** Offset of the next byte in the underlying array. */
    public int position() {
        return pos;
    }

    private void need(long n) {
        if (n > limit - pos) {
            throw new XdrException("truncated input: need " + n + " bytes at offset " + pos + ", " + (limit - pos) + " left");
        }
    }

    private static long padded(long n) {
        return (n + 3) & ~3L;
    }

    /** A 32-bit word as Java {@code int} bits (signed or unsigned alike). */
    public int readInt() {
        need(4);
        int v = (buf[pos] & 0xff) << 24 | (buf[pos + 1] & 0xff) << 16 | (buf[pos + 2] & 0xff) << 8 | (buf[pos + 3] & 0xff);
        pos += 4;
        return v;
    }

    /** An unsigned 32-bit word, widened. */
    public long readUnsignedInt() {
        return Integer.toUnsignedLong(readInt());
    }

    /** A 64-bit hyper as Java {@code long} bits. */
    public long readHyper() {
        long hi = readInt();
        long lo = readInt() & 0xffffffffL;
        return hi << 32 | lo;
    }

    /** An IEEE 754 double. */
    public double readDouble() {
        return Double.longBitsToDouble(readHyper());
    }

    /** An XDR bool; like glibc's {@code xdr_bool}, any non-zero word is true. */
    public boolean readBool() {
        return readInt() != 0;
    }

    /**
     * A length or count word, checked against {@code max} (the bound is inclusive) and against
     * the bytes that remain, so it always fits an {@code int}.
     *
     * @param what names the item in the error message
     */
    public int readLength(long max, String what) {
        long n = readUnsignedInt();
        if (n > max) {
            throw new XdrException(what + " length " + n + " exceeds maximum " + max);
        }
        // every item counted here takes at least one byte, so a count beyond the input is truncation
        if (n > remaining()) {
            throw new XdrException("truncated input: " + what + " length " + n + " at offset " + pos + ", only "
                    + remaining() + " bytes left");
        }
        return (int) n;
    }

    /** {@code length} raw bytes, no padding (the payload of a stream packet). */
    public byte[] readRaw(int length) {
        need(length);
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += length;
        return out;
    }

    /** Skips {@code n} bytes. */
    public void skip(int n) {
        need(n);
        pos += n;
    }

    /** Fixed-length opaque data and its padding. */
    public byte[] readFixedOpaque(int length) {
        need(padded(length));
        byte[] out = Arrays.copyOfRange(buf, pos, pos + length);
        pos += (int) padded(length);
        return out;
    }

    /** Variable-length opaque data of at most {@code max} bytes. */
    public byte[] readOpaque(long max) {
        int n = readLength(max, "opaque");
        return readFixedOpaque(n);
    }

    /** A string of at most {@code max} bytes, decoded as UTF-8. */
    public String readString(long max) {
        int n = readLength(max, "string");
        need(padded(n));
        String s = new String(buf, pos, n, StandardCharsets.UTF_8);
        pos += (int) padded(n);
        return s;
    }
}
