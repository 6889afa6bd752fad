package io.jvirt.rpc.xdr;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * Appends XDR items to a growable big-endian buffer, padding every item to 4 bytes with zeros.
 *
 * <p>Not thread-safe: one writer builds one message.
 */
public final class XdrWriter {
    private static final byte[] ZEROS = new byte[4];

    private byte[] buf;
    private int size;

    /** A writer with a small initial buffer. */
    public XdrWriter() {
        this(256);
    }

    /** A writer whose buffer starts with {@code capacity} bytes. */
    public XdrWriter(int capacity) {
        buf = new byte[Math.max(16, capacity)];
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new XdrException("encoded value too large");
        }
        if (needed > buf.length) {
            buf = Arrays.copyOf(buf, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buf.length)));
        }
    }

    /** Bytes written so far. */
    public int size() {
        return size;
    }

    /** A copy of the bytes written so far. */
    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** Overwrites the 4 bytes at {@code position} with {@code value} (e.g. a length word written last). */
    public void putInt(int position, int value) {
        Objects.checkFromIndexSize(position, 4, size);
        buf[position] = (byte) (value >>> 24);
        buf[position + 1] = (byte) (value >>> 16);
        buf[position + 2] = (byte) (value >>> 8);
        buf[position + 3] = (byte) value;
    }

    /** A signed or unsigned 32-bit word; the bits are written as they are. */
    public XdrWriter writeInt(int value) {
        ensure(4);
        size += 4;
        putInt(size - 4, value);
        return this;
    }

    /** A signed or unsigned 64-bit hyper; the bits are written as they are. */
    public XdrWriter writeHyper(long value) {
        writeInt((int) (value >>> 32));
        return writeInt((int) value);
    }

    /** An IEEE 754 double, big-endian. */
    public XdrWriter writeDouble(double value) {
        return writeHyper(Double.doubleToRawLongBits(value));
    }

    /** An XDR bool: 1 or 0. */
    public XdrWriter writeBool(boolean value) {
        return writeInt(value ? 1 : 0);
    }

    /** Raw bytes, no length word, no padding (the payload of a stream packet). */
    public XdrWriter writeRaw(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buf, size, bytes.length);
        size += bytes.length;
        return this;
    }

    private void pad(int length) {
        int pad = (4 - (length & 3)) & 3;
        if (pad > 0) {
            ensure(pad);
            System.arraycopy(ZEROS, 0, buf, size, pad);
            size += pad;
        }
    }

    /** Fixed-length opaque data: exactly {@code length} bytes, then padding. */
    public XdrWriter writeFixedOpaque(byte[] bytes, int length) {
        Objects.requireNonNull(bytes, "opaque value");
        if (bytes.length != length) {
            throw new XdrException("fixed opaque needs " + length + " bytes, got " + bytes.length);
        }
        writeRaw(bytes);
        pad(length);
        return this;
    }

    /** Variable-length opaque data of at most {@code max} bytes: length word, bytes, padding. */
    public XdrWriter writeOpaque(byte[] bytes, long max) {
        Objects.requireNonNull(bytes, "opaque value");
        if (bytes.length > max) {
            throw new XdrException("opaque length " + bytes.length + " exceeds maximum " + max);
        }
        writeInt(bytes.length);
        writeRaw(bytes);
        pad(bytes.length);
        return this;
    }

    /** A string of at most {@code max} UTF-8 bytes: length word, bytes (no NUL), padding. */
    public XdrWriter writeString(String value, long max) {
        Objects.requireNonNull(value, "string value");
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > max) {
            throw new XdrException("string length " + bytes.length + " exceeds maximum " + max);
        }
        return writeOpaque(bytes, max);
    }
}
