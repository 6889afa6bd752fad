package io.jvirt.rpc.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.jvirt.error.ErrorDomain;
import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventMessages.CallbackRegisterArgs;
import io.jvirt.rpc.proto.EventProcedures;
import io.jvirt.rpc.wire.MessageType;
import io.jvirt.rpc.wire.WireDomain;

/** Sending never blocks the sender; a client that stops reading is dropped; after-reply actions follow the reply. */
class OutputQueueTest {
    private static final WireDomain DOM = new WireDomain("t1", new UUID(1, 2), 3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void aClientThatStopsReadingIsDroppedWithoutBlockingTheSender() throws Exception {
        try (UnixPair pair = UnixPair.open();
                RpcServerConnection server = RpcServerConnection.over(pair.server, new Dispatcher(ErrorDomain.QEMU),
                        ServerConfig.defaults().withMaxMessageLength(1024), false).start()) {
            // the raw client never reads: first the socket buffer fills, then the 4 KiB queue
            int sent = assertTimeoutPreemptively(WAIT, () -> {
                int n = 0;
                while (server.sendEvent(EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE, new CallbackLifecycle(n, DOM, 0, 0))) {
                    n++;
                }
                return n;
            });
            assertTrue(sent > 0);
            assertTrue(server.awaitClosed(WAIT));
        }
    }

    @Test
    void afterReplyActionsRunOnceTheReplyIsQueued() throws Exception {
        Dispatcher d = new Dispatcher(ErrorDomain.QEMU).on(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY,
                (ctx, args) -> {
                    ctx.afterReply(() -> ctx.connection().sendEvent(EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                            new CallbackLifecycle(5, DOM, 2, 0)));
                    return 5;
                });
        try (UnixPair pair = UnixPair.open();
                RpcServerConnection server = RpcServerConnection.over(pair.server, d, ServerConfig.defaults(), false)
                        .start()) {
            RawClient raw = new RawClient(pair.client);
            byte[] args = Replies.encode(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY.args(),
                    new CallbackRegisterArgs(0, null));
            raw.call(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, 0, args);
            assertEquals(MessageType.REPLY, raw.read().header().type());
            var event = raw.read().header();
            assertEquals(MessageType.MESSAGE, event.type());
            assertEquals(318, event.procedure());
            assertEquals(1, event.serial(), "events carry serial 1 like libvirtd's");
        }
    }
}
