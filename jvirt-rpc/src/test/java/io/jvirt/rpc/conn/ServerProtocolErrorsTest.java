package io.jvirt.rpc.conn;

import static io.jvirt.rpc.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.error.ErrorDomain;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.DomainProcedures;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.RemoteError;
import io.jvirt.rpc.xdr.XdrReader;
import io.jvirt.rpc.xdr.XdrType;

/**
 * How the server answers bad input, probed with hand-made bytes as remote-protocol.md 1.6 probed
 * libvirtd: an error REPLY (39/7) for every recoverable case with the connection kept open, and a
 * dropped connection only when the framing itself is broken.
 */
class ServerProtocolErrorsTest {
    private UnixPair pair;
    private RpcServerConnection server;
    private RawClient raw;

    @BeforeEach
    void open() throws Exception {
        Dispatcher d = new Dispatcher(ErrorDomain.QEMU)
                .on(ConnectProcedures.CONNECT_GET_TYPE, (ctx, v) -> "QEMU")
                .on(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, (ctx, name) -> {
                    throw new AssertionError("never reached with a bad payload");
                });
        pair = UnixPair.open();
        server = RpcServerConnection.over(pair.server, d,
                ServerConfig.defaults().withKeepalive(Duration.ofMillis(30), 2), false).start();
        raw = new RawClient(pair.client);
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        pair.close();
    }

    private void assertRpcError(String message) throws Exception {
        RemoteError e = raw.readError();
        assertEquals(39, e.code());
        assertEquals(7, e.domain());
        assertEquals(2, e.level());
        assertEquals(message, e.message());
    }

    private void assertStillServing() throws Exception {
        raw.call(ConnectProcedures.CONNECT_GET_TYPE, 99, new byte[0]);
        Message m = raw.read();
        assertEquals(MessageStatus.OK, m.header().status());
        assertEquals(99, m.header().serial());
        assertEquals("QEMU", XdrType.string(100).decode(new XdrReader(m.payload())));
    }

    @Test
    void unknownProcedure() throws Exception {
        raw.call(new io.jvirt.rpc.proto.Procedure<>(Program.REMOTE, 9999, "NOT_A_PROC", io.jvirt.rpc.proto.Procedure.Kind.CALL,
                XdrType.VOID, XdrType.VOID, true, io.jvirt.rpc.proto.Priority.HIGH, false), 4, new byte[0]);
        assertRpcError("unknown procedure: 9999");
        // an event number sent as a call is no procedure either
        raw.call(io.jvirt.rpc.proto.EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE, 5, new byte[0]);
        assertRpcError("unknown procedure: 318");
        assertStillServing();
    }

    @Test
    void unknownProgramOrVersionEchoesTheHeader() throws Exception {
        raw.send(Message.empty(new Header(0x12345678, 1, 3, MessageType.CALL, 7, MessageStatus.OK)));
        Message m = raw.read();
        assertEquals(new Header(0x12345678, 1, 3, MessageType.REPLY, 7, MessageStatus.ERROR), m.header());
        assertEquals("Cannot find program 305419896 version 1", RemoteError.XDR.decode(new XdrReader(m.payload())).message());
        raw.send(Message.empty(new Header(Program.REMOTE.number(), 2, 3, MessageType.CALL, 8, MessageStatus.OK)));
        assertRpcError("Cannot find program 536903814 version 2");
        // keepalive must be a MESSAGE, never a CALL
        raw.send(Message.empty(new Header(Program.KEEPALIVE.number(), 1, 1, MessageType.CALL, 9, MessageStatus.OK)));
        assertRpcError("Cannot find program 1801807216 version 1");
        assertStillServing();
    }

    @Test
    void payloadThatDoesNotDecode() throws Exception {
        // a name longer than its bytes, a bad optional discriminant, a string over 4 MiB
        raw.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, 1, bytes("00 00 00 09 74 31 00 00"));
        assertRpcError("Unable to decode message payload");
        raw.call(ConnectProcedures.CONNECT_OPEN, 2, bytes("00 00 00 02 00 00 00 00"));
        assertRpcError("Unable to decode message payload");
        assertStillServing();
    }

    @Test
    void oversizedStringIsRejected() throws Exception {
        byte[] payload = new byte[4 + 4_194_308];
        java.nio.ByteBuffer.wrap(payload).putInt(4_194_305);
        raw.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, 1, payload);
        assertRpcError("Unable to decode message payload");
        assertStillServing();
    }

    @Test
    void extraBytesAfterTheArgumentsAreIgnored() throws Exception {
        raw.call(ConnectProcedures.CONNECT_GET_TYPE, 3, bytes("de ad be ef"));
        assertEquals(MessageStatus.OK, raw.read().header().status());
    }

    @Test
    void callWithAStatusOtherThanOk() throws Exception {
        raw.send(Message.empty(new Header(Program.REMOTE.number(), 1, 3, MessageType.CALL, 4, MessageStatus.CONTINUE)));
        assertRpcError("Unexpected message status 2");
        raw.sendBytes(bytes("00 00 00 1c 20 00 80 86 00 00 00 01 00 00 00 03 00 00 00 00 00 00 00 05 00 00 00 09"));
        assertRpcError("Unexpected message status 9");
        assertStillServing();
    }

    @Test
    void oversizedLengthWordDropsTheConnection() throws Exception {
        raw.sendBytes(bytes("02 00 00 08"));
        assertNull(raw.read(), "server closes without a reply");
        assertTrue(server.awaitClosed(Duration.ofSeconds(10)));
    }

    @Test
    void pingIsAnsweredWithPong() throws Exception {
        raw.sendBytes(bytes("00 00 00 1c 6b 65 65 70 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 00"));
        Message m = raw.read();
        assertEquals(new Header(Program.KEEPALIVE.number(), 1, 2, MessageType.MESSAGE, 0, MessageStatus.OK), m.header());
        assertEquals(0, m.payload().length);
        assertFalse(server.keepaliveRunning(), "the server pings only clients that asked for feature 10");
    }

    @Test
    void featureTenStartsServerPingsAndASilentClientIsDropped() throws Exception {
        raw.call(ConnectProcedures.CONNECT_SUPPORTS_FEATURE, 1, bytes("00 00 00 0a"));
        Message reply = raw.read();
        assertEquals(1, new XdrReader(reply.payload()).readInt());
        assertTrue(server.keepaliveRunning());
        Message ping = raw.read();
        assertEquals(new Header(Program.KEEPALIVE.number(), 1, 1, MessageType.MESSAGE, 0, MessageStatus.OK), ping.header());
        // never answer: after interval * (count + 1) of silence the server hangs up
        Message next;
        do {
            next = raw.read();
        } while (next != null);
        assertTrue(server.awaitClosed(Duration.ofSeconds(10)));
    }
}
