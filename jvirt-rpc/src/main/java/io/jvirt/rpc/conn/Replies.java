package io.jvirt.rpc.conn;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.RpcException;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.RemoteError;
import io.jvirt.rpc.xdr.XdrType;
import io.jvirt.rpc.xdr.XdrWriter;

/** Builds payloads and the messages a server answers with. Stateless. */
final class Replies {
    private Replies() {
    }

    /** The payload of {@code value}; throws XdrException if it cannot be encoded. */
    static <T> byte[] encode(XdrType<T> type, T value) {
        XdrWriter w = new XdrWriter();
        type.encode(w, value);
        return w.toByteArray();
    }

    /** A successful REPLY to {@code call} (prog, vers, proc and serial echoed). */
    static Message ok(Header call, byte[] payload) {
        return new Message(call.answer(MessageType.REPLY, MessageStatus.OK), payload);
    }

    /** A failed REPLY to {@code call} carrying {@code e} as a {@code remote_error}. */
    static Message error(Header call, LibvirtException e) {
        return new Message(call.answer(MessageType.REPLY, MessageStatus.ERROR), encode(RemoteError.XDR, RemoteError.from(e)));
    }

    /** A failed REPLY built from raw header words (the header itself did not decode). */
    static Message error(int prog, int vers, int proc, int serial, LibvirtException e) {
        return error(new Header(prog, vers, proc, MessageType.CALL, serial, MessageStatus.OK), e);
    }

    /** libvirt's RPC-layer error: code 39, domain 7, the detail alone as the message. */
    static RpcException rpc(String detail) {
        return new RpcException(ErrorNumber.RPC, ErrorDomain.RPC, detail);
    }

    /** Whether a payload fits in one message of at most {@code maxLength} bytes. */
    static boolean fits(byte[] payload, int maxLength) {
        return payload.length <= Math.min(Limits.PAYLOAD_MAX, maxLength - Limits.MIN_LENGTH);
    }
}
