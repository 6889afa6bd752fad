package io.jvirt.rpc.wire;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

/**
 * Reads and writes framed messages: a 4-byte length word that counts itself, the 24-byte header
 * and the payload. The length is validated (at least {@link Limits#MIN_LENGTH}, at most the
 * maximum) <em>before</em> the rest is allocated, then exactly the rest is read.
 *
 * <p>Stateless; callers serialise concurrent reads or writes on one stream themselves.
 */
public final class Framing {
    private Framing() {
    }

    /**
     * Reads one message, allowing a length word of at most {@code maxLength}
     * ({@link Limits#MAX_LENGTH} for libvirt's limit).
     *
     * @return the message, or {@code null} at end of stream before the first byte of a message
     * @throws ProtocolException if the length word is out of range or the stream ends mid-message
     * @throws BadHeaderException if the message was read whole but its type or status word is unknown
     */
    public static Message read(InputStream in, int maxLength) throws IOException {
        byte[] word = new byte[4];
        int got = in.readNBytes(word, 0, 4);
        if (got == 0) {
            return null;
        }
        if (got < 4) {
            throw new ProtocolException("end of stream inside a length word");
        }
        long length = Integer.toUnsignedLong(new XdrReader(word).readInt());
        if (length < Limits.MIN_LENGTH || length > Integer.toUnsignedLong(maxLength)) {
            throw new ProtocolException("message length " + length + " outside [" + Limits.MIN_LENGTH + ", "
                    + Integer.toUnsignedString(maxLength) + "]");
        }
        byte[] header = readExactly(in, Limits.HEADER_SIZE);
        byte[] payload = readExactly(in, (int) length - Limits.MIN_LENGTH);
        return new Message(Header.decode(new XdrReader(header)), payload);
    }

    private static byte[] readExactly(InputStream in, int n) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new ProtocolException("end of stream inside a message", new EOFException());
        }
        return b;
    }

    /** The message as one buffer: length word, header, payload. */
    public static byte[] encode(Message message) {
        XdrWriter w = new XdrWriter(message.length());
        w.writeInt(message.length());
        message.header().encode(w);
        w.writeRaw(message.payload());
        return w.toByteArray();
    }

    /** Writes the message with a single {@code write} call and flushes. */
    public static void write(OutputStream out, Message message) throws IOException {
        out.write(encode(message));
        out.flush();
    }
}
