package io.jvirt.rpc.conn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;

import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.wire.Framing;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.RemoteError;
import io.jvirt.rpc.xdr.XdrReader;

/** Writes hand-made messages and reads whatever comes back, for probing a server like a fuzzer would. */
final class RawClient {
    private final InputStream in;
    private final OutputStream out;

    RawClient(SocketChannel ch) {
        this.in = ChannelStreams.in(ch);
        this.out = ChannelStreams.out(ch);
    }

    void send(Message m) throws IOException {
        Framing.write(out, m);
    }

    void sendBytes(byte[] b) throws IOException {
        out.write(b);
        out.flush();
    }

    /** Sends a CALL of {@code p} with serial {@code serial} and the given raw payload. */
    void call(Procedure<?, ?> p, int serial, byte[] payload) throws IOException {
        send(new Message(new Header(p.program().number(), p.program().version(), p.number(), MessageType.CALL, serial,
                MessageStatus.OK), payload));
    }

    /** The next message, or null at EOF. */
    Message read() throws IOException {
        return Framing.read(in, Limits.MAX_LENGTH);
    }

    /** The next message, which must be an error REPLY; its error. */
    RemoteError readError() throws IOException {
        Message m = read();
        if (m == null || m.header().type() != MessageType.REPLY || m.header().status() != MessageStatus.ERROR) {
            throw new AssertionError("expected an error reply, got " + (m == null ? "EOF" : m.header()));
        }
        return RemoteError.XDR.decode(new XdrReader(m.payload()));
    }
}
