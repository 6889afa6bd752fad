package io.jvirt.rpc.wire;

import java.util.Objects;

import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrWriter;

/**
 * The six-word message header.
 *
 * <p>{@code program}, {@code version} and {@code serial} are XDR {@code unsigned int}s whose bits
 * are kept in Java {@code int}s: compare them with {@code ==}, print them with
 * {@link #serialUnsigned()} or {@link Integer#toUnsignedString(int)}. Serials wrap after
 * 2<sup>32</sup>-1.
 *
 * @param program program number (u32)
 * @param version program version (u32)
 * @param procedure procedure number (i32)
 * @param type message type
 * @param serial call serial (u32)
 * @param status message status
 */
public record Header(int program, int version, int procedure, MessageType type, int serial, MessageStatus status) {
    public Header {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(status, "status");
    }

    /** The serial as the unsigned number it is. */
    public long serialUnsigned() {
        return Integer.toUnsignedLong(serial);
    }

    /** This header with another type and status, e.g. the REPLY to a CALL (prog, vers, proc and serial echoed). */
    public Header answer(MessageType newType, MessageStatus newStatus) {
        return new Header(program, version, procedure, newType, serial, newStatus);
    }

    /** Appends the six words. */
    public void encode(XdrWriter out) {
        out.writeInt(program).writeInt(version).writeInt(procedure).writeInt(type.code()).writeInt(serial)
                .writeInt(status.code());
    }

    /**
     * Reads the six words.
     *
     * @throws BadHeaderException if the type or status word has no meaning; the exception keeps
     *     the raw words so that a server can still answer a call
     */
    public static Header decode(XdrReader in) {
        int prog = in.readInt();
        int vers = in.readInt();
        int proc = in.readInt();
        int type = in.readInt();
        int serial = in.readInt();
        int status = in.readInt();
        MessageType t = MessageType.of(type);
        MessageStatus s = MessageStatus.of(status);
        if (t == null || s == null) {
            throw new BadHeaderException(prog, vers, proc, type, serial, status);
        }
        return new Header(prog, vers, proc, t, serial, s);
    }

    @Override
    public String toString() {
        return "Header[prog=0x" + Integer.toHexString(program) + ", vers=" + Integer.toUnsignedString(version) + ", proc="
                + procedure + ", type=" + type + ", serial=" + serialUnsigned() + ", status=" + status + "]";
    }
}
