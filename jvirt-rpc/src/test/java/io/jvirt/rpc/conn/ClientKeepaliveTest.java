package io.jvirt.rpc.conn;

import static io.jvirt.rpc.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.jvirt.error.RpcException;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.Header;
import io.jvirt.rpc.wire.Message;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.MessageType;

/** The client against a hand-driven server: PONG for PING, pings of its own, hanging up on silence. */
class ClientKeepaliveTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void clientAnswersAPingWithAPong() throws Exception {
        try (UnixPair pair = UnixPair.open(); RpcClientConnection client = RpcClientConnection.over(pair.client).start()) {
            RawClient server = new RawClient(pair.server);
            server.sendBytes(bytes("00 00 00 1c 6b 65 65 70 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 00 00 00 00 00"));
            Message pong = server.read();
            assertEquals(new Header(Program.KEEPALIVE.number(), 1, 2, MessageType.MESSAGE, 0, MessageStatus.OK), pong.header());
        }
    }

    @Test
    void clientPingsASilentServerThenHangsUp() throws Exception {
        try (UnixPair pair = UnixPair.open(); RpcClientConnection client = RpcClientConnection.over(pair.client).start()) {
            RawClient server = new RawClient(pair.server);
            assertTrue(client.startKeepalive(Duration.ofMillis(20), 2));
            Message ping = server.read();
            assertEquals(new Header(Program.KEEPALIVE.number(), 1, 1, MessageType.MESSAGE, 0, MessageStatus.OK), ping.header());
            Message next;
            do {
                next = server.read(); // more PINGs, then EOF
            } while (next != null);
            assertNull(next);
            assertTrue(client.awaitClosed(WAIT));
            assertThrows(RpcException.class, () -> client.call(ConnectProcedures.CONNECT_GET_TYPE, null));
        }
    }

    @Test
    void unsolicitedReplyIsFatalForTheClient() throws Exception {
        try (UnixPair pair = UnixPair.open(); RpcClientConnection client = RpcClientConnection.over(pair.client).start()) {
            RawClient server = new RawClient(pair.server);
            server.send(Message.empty(new Header(Program.REMOTE.number(), 1, 3, MessageType.REPLY, 42, MessageStatus.OK)));
            assertTrue(client.awaitClosed(WAIT), "a reply matching no call drops the connection, as in libvirt");
        }
    }

    @Test
    void clientNumbersCallsFromZero() throws Exception {
        try (UnixPair pair = UnixPair.open(); RpcClientConnection client = RpcClientConnection.over(pair.client).start()) {
            RawClient server = new RawClient(pair.server);
            var first = client.callAsync(ConnectProcedures.AUTH_LIST, null);
            Message call = server.read();
            assertEquals(new Header(Program.REMOTE.number(), 1, 66, MessageType.CALL, 0, MessageStatus.OK), call.header());
            server.send(new Message(call.header().answer(MessageType.REPLY, MessageStatus.OK), bytes("00 00 00 01 00 00 00 00")));
            assertEquals(java.util.List.of(0), first.get());
            client.callAsync(ConnectProcedures.CONNECT_GET_TYPE, null);
            assertEquals(1, server.read().header().serial());
        }
    }
}
