package io.jvirt.rpc.conn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.error.OperationDeniedException;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.error.RpcException;
import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.DomainMessages.OpenDeviceArgs;
import io.jvirt.rpc.proto.DomainProcedures;
import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventMessages.CallbackRegisterArgs;
import io.jvirt.rpc.proto.EventProcedures;
import io.jvirt.rpc.proto.Priority;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.Program;
import io.jvirt.rpc.wire.MessageStatus;
import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.rpc.xdr.XdrType;

/** Our client against our server over a real UNIX-domain socket pair. */
class ClientServerTest {
    private static final WireDomain T1 = new WireDomain("t1", UUID.fromString("11111111-2222-3333-4444-555555555555"), 2);
    private static final Duration WAIT = Duration.ofSeconds(20);

    private UnixPair pair;
    private RpcServerConnection server;
    private RpcClientConnection client;
    private final CountDownLatch lowCallsTogether = new CountDownLatch(5);
    private final CountDownLatch blockForever = new CountDownLatch(1);
    private final LinkedBlockingQueue<StreamPacket> fromClient = new LinkedBlockingQueue<>();
    private final AtomicInteger closedCalls = new AtomicInteger();

    @BeforeEach
    void open() throws Exception {
        Dispatcher d = new Dispatcher(ErrorDomain.QEMU)
                .on(ConnectProcedures.CONNECT_OPEN, (ctx, args) -> null)
                .on(ConnectProcedures.CONNECT_CLOSE, (ctx, v) -> null)
                .on(ConnectProcedures.CONNECT_GET_TYPE, (ctx, v) -> "QEMU")
                .on(ConnectProcedures.CONNECT_GET_HOSTNAME, (ctx, v) -> {
                    await(blockForever);
                    return "never";
                })
                .on(ConnectProcedures.CONNECT_GET_CAPABILITIES, (ctx, v) -> {
                    // LOW priority: returns only once 5 of them run at the same time
                    lowCallsTogether.countDown();
                    await(lowCallsTogether);
                    return "<capabilities/>";
                })
                .on(DomainProcedures.DOMAIN_LOOKUP_BY_ID, (ctx, id) -> {
                    sleepMillis((32 - id) % 7); // finish out of order
                    return new WireDomain("d" + id, new UUID(0, id), id);
                })
                .on(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, (ctx, name) -> {
                    if (name.equals("t1")) {
                        return T1;
                    }
                    if (name.equals("where")) {
                        return new WireDomain(Thread.currentThread().isVirtual() ? "virtual" : "reader", T1.uuid(), 1);
                    }
                    throw new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                            "no domain with matching name '" + name + "'");
                })
                .on(DomainProcedures.DOMAIN_LOOKUP_BY_UUID, (ctx, uuid) -> {
                    if (uuid.equals(T1.uuid())) {
                        return new WireDomain(Thread.currentThread().isVirtual() ? "virtual" : "reader", uuid, 1);
                    }
                    throw new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                            "no domain with matching uuid '" + uuid + "'");
                })
                .runOnReader(DomainProcedures.DOMAIN_LOOKUP_BY_UUID)
                .on(DomainProcedures.DOMAIN_DESTROY, (ctx, dom) -> null)
                .on(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (ctx, args) -> {
                    // the event may overtake the reply, as with libvirtd
                    ctx.connection().sendEvent(EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                            new CallbackLifecycle(7, T1, 4, 0));
                    return 7;
                })
                .on(DomainProcedures.DOMAIN_OPEN_CONSOLE, (ctx, args) -> {
                    // console output before the reply
                    ctx.connection().sendStreamData(ctx.streamId(), "login: ".getBytes(StandardCharsets.US_ASCII));
                    return null;
                })
                .onStream((conn, packet) -> {
                    fromClient.add(packet);
                    if (packet.status() == MessageStatus.CONTINUE) {
                        String s = new String(packet.data(), StandardCharsets.US_ASCII).toUpperCase(Locale.ROOT);
                        conn.sendStreamData(packet.stream(), s.getBytes(StandardCharsets.US_ASCII));
                    }
                })
                .onClosed(conn -> closedCalls.incrementAndGet());
        pair = UnixPair.open();
        server = RpcServerConnection.over(pair.server, d, ServerConfig.defaults(), false).start();
        client = RpcClientConnection.over(pair.client).start();
    }

    @AfterEach
    void close() throws Exception {
        blockForever.countDown();
        client.close();
        server.close();
        pair.close();
    }

    private static void await(CountDownLatch l) {
        try {
            if (!l.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void sleepMillis(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void simpleCallsReturnTheirResults() {
        assertEquals("QEMU", client.call(ConnectProcedures.CONNECT_GET_TYPE, null));
        assertEquals(T1, client.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, "t1"));
    }

    @Test
    void inlineProceduresAnswerFromTheReaderAndOthersFromTheirOwnVirtualThread() {
        assertEquals("reader", client.call(DomainProcedures.DOMAIN_LOOKUP_BY_UUID, T1.uuid()).name());
        assertEquals("virtual", client.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, "where").name());
        NoSuchObjectException e = assertThrows(NoSuchObjectException.class,
                () -> client.call(DomainProcedures.DOMAIN_LOOKUP_BY_UUID, new UUID(1, 2)));
        assertEquals(ErrorNumber.NO_DOMAIN, e.number());
        // the connection goes on serving both kinds
        assertEquals("reader", client.call(DomainProcedures.DOMAIN_LOOKUP_BY_UUID, T1.uuid()).name());
        assertEquals("QEMU", client.call(ConnectProcedures.CONNECT_GET_TYPE, null));
    }

    @Test
    void streamProceduresCannotRunInline() {
        assertThrows(IllegalArgumentException.class,
                () -> new Dispatcher(ErrorDomain.QEMU).runOnReader(DomainProcedures.DOMAIN_OPEN_CONSOLE));
    }

    @Test
    void errorsAreRebuiltAsTheSameClassWithTheSameMessage() {
        NoSuchObjectException e = assertThrows(NoSuchObjectException.class,
                () -> client.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, "nope"));
        assertEquals(ErrorNumber.NO_DOMAIN, e.number());
        assertEquals(ErrorDomain.QEMU, e.domain());
        assertEquals("Domain not found: no domain with matching name 'nope'", e.getMessage());
        assertEquals("no domain with matching name 'nope'", e.detail());
        assertEquals("QEMU", client.call(ConnectProcedures.CONNECT_GET_TYPE, null), "connection stays up");
    }

    @Test
    void unknownProcedureReadsAsUnsupportedAndTheConnectionStaysUp() {
        Procedure<Void, Void> bogus = new Procedure<>(Program.REMOTE, 9999, "BOGUS", Procedure.Kind.CALL, XdrType.VOID,
                XdrType.VOID, true, Priority.HIGH, false);
        OperationUnsupportedException e = assertThrows(OperationUnsupportedException.class, () -> client.call(bogus, null));
        assertEquals(ErrorNumber.NO_SUPPORT, e.number());
        assertEquals("unknown procedure: 9999", e.getMessage());
        assertEquals("QEMU", client.call(ConnectProcedures.CONNECT_GET_TYPE, null));
    }

    @Test
    void procedureWithoutHandlerIsNotSupportedByTheDriver() {
        OperationUnsupportedException e = assertThrows(OperationUnsupportedException.class,
                () -> client.call(ConnectProcedures.NODE_GET_INFO, null));
        assertEquals(ErrorNumber.NO_SUPPORT, e.number());
        assertEquals("this function is not supported by the connection driver: virNodeGetInfo", e.getMessage());
    }

    @Test
    void readOnlyOpenGatesMutatingCalls() {
        client.call(DomainProcedures.DOMAIN_DESTROY, T1); // read-write so far
        client.call(ConnectProcedures.CONNECT_OPEN, new OpenArgs("qemu:///system", 1));
        assertTrue(server.isReadOnly());
        OperationDeniedException e = assertThrows(OperationDeniedException.class,
                () -> client.call(DomainProcedures.DOMAIN_DESTROY, T1));
        assertEquals(ErrorNumber.OPERATION_DENIED, e.number());
        assertEquals(ErrorDomain.DOMAIN, e.domain());
        assertEquals("operation forbidden: read only access prevents virDomainDestroy", e.getMessage());
        assertEquals(T1, client.call(DomainProcedures.DOMAIN_LOOKUP_BY_NAME, "t1"));
    }

    @Test
    void concurrentCallsRunInParallelAndRouteBySerial() throws Exception {
        // five LOW calls that can only finish together prove the server runs them in parallel
        List<CompletableFuture<String>> caps = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            caps.add(client.callAsync(ConnectProcedures.CONNECT_GET_CAPABILITIES, null));
        }
        // many threads at once, replies out of order
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 32; i++) {
            int id = i;
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    WireDomain d = client.call(DomainProcedures.DOMAIN_LOOKUP_BY_ID, id);
                    assertEquals("d" + id, d.name());
                    assertEquals(id, d.id());
                } catch (Throwable t) {
                    failures.add(t);
                }
            }));
        }
        for (Thread t : threads) {
            assertTrue(t.join(WAIT));
        }
        assertTrue(failures.isEmpty(), failures.toString());
        for (CompletableFuture<String> f : caps) {
            assertEquals("<capabilities/>", f.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        }
    }

    @Test
    void eventsReachTheListener() throws Exception {
        LinkedBlockingQueue<ReceivedEvent> events = new LinkedBlockingQueue<>();
        client.setEventListener(events::add);
        int id = client.call(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, new CallbackRegisterArgs(0, null));
        assertEquals(7, id);
        ReceivedEvent ev = events.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        CallbackLifecycle body = ev.as(EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE).orElseThrow();
        assertEquals(new CallbackLifecycle(7, T1, 4, 0), body);
        assertTrue(ev.as(EventProcedures.DOMAIN_EVENT_CALLBACK_REBOOT).isEmpty());
    }

    @Test
    void consoleStreamCarriesDataBothWays() throws Exception {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        CountDownLatch upper = new CountDownLatch(1);
        CountDownLatch finished = new CountDownLatch(1);
        ClientStream s = client.openStream(DomainProcedures.DOMAIN_OPEN_CONSOLE, new OpenDeviceArgs(T1, null, 0),
                new StreamListener() {
                    @Override
                    public synchronized void data(byte[] bytes) {
                        received.writeBytes(bytes);
                        if (received.toString(StandardCharsets.US_ASCII).endsWith("ROOT\r")) {
                            upper.countDown();
                        }
                    }

                    @Override
                    public void finished() {
                        finished.countDown();
                    }
                });
        assertEquals(DomainProcedures.DOMAIN_OPEN_CONSOLE.number(), s.id().procedure());
        assertTrue(s.send("root\r".getBytes(StandardCharsets.US_ASCII)));
        assertTrue(upper.await(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals("login: ROOT\r", received.toString(StandardCharsets.US_ASCII),
                "data sent before the reply is not lost");
        StreamPacket data = fromClient.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertArrayEquals("root\r".getBytes(StandardCharsets.US_ASCII), data.data());
        assertTrue(s.finish());
        assertFalse(s.send(new byte[1]), "no data after finish");
        assertTrue(finished.await(WAIT.toSeconds(), TimeUnit.SECONDS), "server confirms the finish");
        assertEquals(MessageStatus.OK, fromClient.poll(WAIT.toSeconds(), TimeUnit.SECONDS).status());
        assertFalse(server.isStreamOpen(s.id()));
    }

    @Test
    void serverAbortReachesTheStreamListener() throws Exception {
        CompletableFuture<LibvirtException> aborted = new CompletableFuture<>();
        ClientStream s = client.openStream(DomainProcedures.DOMAIN_OPEN_CONSOLE, new OpenDeviceArgs(T1, null, 0),
                new StreamListener() {
                    @Override
                    public void data(byte[] bytes) {
                    }

                    @Override
                    public void aborted(LibvirtException error) {
                        aborted.complete(error);
                    }
                });
        assertTrue(server.abortStream(s.id(), new RpcException(ErrorNumber.RPC, ErrorDomain.STREAMS, "console went away")));
        LibvirtException e = aborted.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertEquals("console went away", e.getMessage());
        assertEquals(ErrorDomain.STREAMS, e.domain());
    }

    @Test
    void closingFailsPendingCalls() throws Exception {
        CompletableFuture<String> pending = client.callAsync(ConnectProcedures.CONNECT_GET_HOSTNAME, null);
        server.close();
        Exception e = assertThrows(Exception.class, () -> pending.get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertInstanceOf(RpcException.class, e.getCause());
        assertTrue(client.awaitClosed(WAIT));
        assertThrows(RpcException.class, () -> client.call(ConnectProcedures.CONNECT_GET_TYPE, null));
        assertEquals(1, closedCalls.get(), "the handler hears of the close once");
    }

    @Test
    void connectCloseHangsUpAfterTheReply() throws Exception {
        client.call(ConnectProcedures.CONNECT_CLOSE, null);
        assertTrue(server.awaitClosed(WAIT));
        assertTrue(client.awaitClosed(WAIT));
    }
}
