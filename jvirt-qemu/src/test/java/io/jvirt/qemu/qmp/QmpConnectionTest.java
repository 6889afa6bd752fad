package io.jvirt.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationTimeoutException;
import io.jvirt.qemu.qmp.testkit.FakeQmpServer;
import io.jvirt.qemu.qmp.testkit.ManualTimer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QmpConnectionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final ManualTimer timer = new ManualTimer();
    private final QmpOptions options = QmpOptions.defaults().withTimer(timer);
    private final BlockingQueue<QmpEvent> events = new LinkedBlockingQueue<>();
    private final List<MonitorClosedException> closes = new CopyOnWriteArrayList<>();
    private final CountDownLatch closed = new CountDownLatch(1);
    private FakeQmpServer server;
    private QmpConnection conn;

    @BeforeEach
    void connect() {
        server = FakeQmpServer.start(dir.resolve("qmp.sock"));
        conn = QmpConnection.open(QmpTransport.connect(server.socket(), options), options, events::add, e -> {
            // what the listener sees must include every event sent before the end of file
            closes.add(e);
            closed.countDown();
        });
    }

    @AfterEach
    void tearDown() {
        conn.close();
        server.close();
    }

    @Test
    void executeSendsCommandWithIdAndArgumentsAndReturnsTheReturnValue() throws Exception {
        ObjectNode args = JSON.createObjectNode().put("command-line", "info version");
        var call = async(() -> conn.execute("human-monitor-command", args));
        var cmd = server.next();
        assertEquals("human-monitor-command", cmd.execute());
        assertEquals("jvirt-1", cmd.idText());
        assertEquals(args, cmd.arguments());
        assertFalse(cmd.message().has("arguments") && cmd.arguments().isNull());
        server.reply(cmd, "\"7.2.22\\r\\n\"");
        assertEquals("7.2.22\r\n", call.get(10, TimeUnit.SECONDS).textValue());

        var call2 = async(() -> conn.execute("stop"));
        var cmd2 = server.next();
        assertEquals("jvirt-2", cmd2.idText());
        assertFalse(cmd2.message().has("arguments"), "no arguments member when there are none");
        server.reply(cmd2, "{}");
        assertEquals(JSON.createObjectNode(), call2.get(10, TimeUnit.SECONDS));
        assertEquals(0, timer.pending(), "timeouts are cancelled once replied");
    }

    @Test
    void repliesOutOfOrderReachTheirCallers() throws Exception {
        var first = async(() -> conn.execute("query-status"));
        var c1 = server.next();
        var second = async(() -> conn.execute("query-kvm"));
        var c2 = server.next();
        server.reply(c2, "{\"enabled\": false, \"present\": true}");
        assertEquals(true, second.get(10, TimeUnit.SECONDS).get("present").booleanValue());
        assertFalse(first.isDone());
        server.reply(c1, "{\"status\": \"running\", \"running\": true}");
        assertEquals("running", first.get(10, TimeUnit.SECONDS).get("status").textValue());
    }

    @Test
    void eventsBeforeAndBetweenRepliesReachTheSinkInOrderBeforeTheReply() throws Exception {
        var first = async(() -> conn.execute("cont"));
        var c1 = server.next();
        server.event("RESUME", null);
        server.event("X-UNKNOWN-EVENT", "{\"a\": [1, 2]}");
        server.reply(c1, "{}");
        first.get(10, TimeUnit.SECONDS);
        // handed to the sink before the caller woke up: already queued, no waiting needed
        assertEquals(List.of("RESUME", "X-UNKNOWN-EVENT"), events.stream().map(QmpEvent::name).toList());

        var second = async(() -> conn.execute("system_powerdown"));
        var c2 = server.next();
        server.event("POWERDOWN", null);
        server.event("SHUTDOWN", "{\"guest\": true, \"reason\": \"guest-shutdown\"}");
        server.reply(c2, "{}");
        second.get(10, TimeUnit.SECONDS);
        List<QmpEvent> all = new ArrayList<>(events);
        assertEquals(List.of("RESUME", "X-UNKNOWN-EVENT", "POWERDOWN", "SHUTDOWN"), all.stream().map(QmpEvent::name).toList());

        QmpEvent resume = all.get(0);
        assertEquals(QmpEventType.RESUME, resume.type().orElseThrow());
        assertTrue(resume.data().isEmpty(), "missing data is an empty object");
        assertEquals(1700000000L, resume.seconds());
        assertEquals(123456L, resume.microseconds());
        assertEquals(java.time.Instant.ofEpochSecond(1700000000L, 123456000L), resume.timestamp());

        QmpEvent unknown = all.get(1);
        assertTrue(unknown.type().isEmpty(), "unknown events pass through by name");
        assertEquals(2, unknown.data().get("a").size());
        assertEquals(new QmpEventData.Other("X-UNKNOWN-EVENT", unknown.data()), unknown.decode());

        assertEquals(new QmpEventData.Shutdown(true, "guest-shutdown"), all.get(3).decode());
    }

    @Test
    void endOfFileFailsPendingCommandsAndNotifiesOnce() throws Exception {
        var a = async(() -> conn.execute("query-status"));
        var b = async(() -> conn.execute("query-kvm"));
        server.next();
        server.next();
        server.event("SHUTDOWN", "{\"guest\": false, \"reason\": \"host-qmp-quit\"}");
        server.disconnect();

        var ea = assertInstanceOf(MonitorClosedException.class, failure(a));
        var eb = assertInstanceOf(MonitorClosedException.class, failure(b));
        assertEquals(MonitorClosedException.Reason.EOF, ea.reason());
        assertEquals(MonitorClosedException.Reason.EOF, eb.reason());
        assertEquals(ErrorNumber.OPERATION_FAILED, ea.number());
        assertEquals(ErrorDomain.QEMU, ea.domain());
        assertTrue(List.of("query-status", "query-kvm").contains(ea.command().orElseThrow()));
        assertTrue(ea.getMessage().startsWith("operation failed: QEMU monitor closed: end of file from QEMU (command '"),
                ea.getMessage());

        assertTrue(closed.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("SHUTDOWN"), events.stream().map(QmpEvent::name).toList(),
                "events sent before the end of file are delivered before the close listener runs");
        assertFalse(conn.isOpen());

        var later = assertThrows(MonitorClosedException.class, () -> conn.execute("query-status"));
        assertEquals(MonitorClosedException.Reason.EOF, later.reason());
        conn.close();
        conn.close();
        assertEquals(1, closes.size(), "close listener fires exactly once");
        assertEquals(MonitorClosedException.Reason.EOF, closes.get(0).reason());
        assertTrue(closes.get(0).command().isEmpty());
    }

    @Test
    void errorReplyKeepsClassDescAndCommand() throws Exception {
        var call = async(() -> conn.execute("device_del", JSON.createObjectNode().put("id", "nope")));
        var cmd = server.next();
        server.replyError(cmd, "DeviceNotFound", "Device 'nope' not found");
        var e = assertInstanceOf(QmpException.class, failure(call));
        assertEquals("device_del", e.command());
        assertEquals("DeviceNotFound", e.errorClass());
        assertTrue(e.hasClass(QmpException.DEVICE_NOT_FOUND));
        assertEquals("Device 'nope' not found", e.desc());
        assertEquals(ErrorNumber.INTERNAL_ERROR, e.number());
        assertEquals(ErrorDomain.QEMU, e.domain());
        assertInstanceOf(OperationFailedException.class, e);
        assertEquals("internal error: unable to execute QEMU command 'device_del': Device 'nope' not found", e.getMessage());
        assertTrue(conn.isOpen(), "an error reply does not hurt the connection");
    }

    @Test
    void commandTimesOutWithoutSleepingAndALateReplyIsDropped() throws Exception {
        var call = async(() -> conn.execute("query-status"));
        var cmd = server.next(); // registered and timer armed before it was sent
        timer.advance(Duration.ofSeconds(29));
        assertFalse(call.isDone());
        timer.advance(Duration.ofSeconds(1));
        var e = assertInstanceOf(OperationTimeoutException.class, failure(call));
        assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
        assertEquals(ErrorDomain.QEMU, e.domain());
        assertEquals("Timed out during operation: no reply from QEMU to command 'query-status' within 30s", e.getMessage());

        server.reply(cmd, "{\"status\": \"running\", \"running\": true}"); // too late: dropped
        var next = async(() -> conn.execute("query-kvm"));
        var cmd2 = server.next();
        server.reply(cmd2, "{\"enabled\": false, \"present\": false}");
        assertFalse(next.get(10, TimeUnit.SECONDS).get("present").booleanValue());
        assertTrue(conn.isOpen());
    }

    @Test
    void perCallTimeoutOverridesTheDefault() throws Exception {
        var slow = async(() -> conn.execute("device_add", JSON.createObjectNode().put("driver", "x"), Duration.ofMinutes(5)));
        var c1 = server.next();
        var quick = async(() -> conn.execute("query-status", null, Duration.ofMillis(250)));
        server.next();
        timer.advance(Duration.ofMillis(250));
        var e = assertInstanceOf(OperationTimeoutException.class, failure(quick));
        assertTrue(e.getMessage().endsWith("within 250ms"), e.getMessage());
        timer.advance(Duration.ofMinutes(1));
        assertFalse(slow.isDone());
        server.reply(c1, "{}");
        slow.get(10, TimeUnit.SECONDS);
    }

    @Test
    void manyThreadsExecuteConcurrently() throws Exception {
        server.autoReply(c -> "{\"return\": " + c.arguments() + "}");
        int threads = 16;
        int perThread = 100;
        var failures = new CopyOnWriteArrayList<Throwable>();
        var ready = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int tid = t;
            workers.add(Thread.ofVirtual().start(() -> {
                try {
                    ready.await();
                    for (int i = 0; i < perThread; i++) {
                        ObjectNode args = JSON.createObjectNode().put("t", tid).put("i", i);
                        JsonNode ret = conn.execute("echo", args);
                        assertEquals(args, ret);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }));
        }
        ready.countDown();
        for (Thread w : workers) {
            assertTrue(w.join(Duration.ofSeconds(30)), "worker finished");
        }
        assertEquals(List.of(), failures);
        assertEquals(0, timer.pending());
    }

    @Test
    void ownerCloseFailsPendingCommandsAndNotifiesOnce() throws Exception {
        var call = async(() -> conn.execute("query-status"));
        server.next();
        conn.close();
        var e = assertInstanceOf(MonitorClosedException.class, failure(call));
        assertEquals(MonitorClosedException.Reason.CLOSED, e.reason());
        assertEquals(1, closes.size(), "listener has run when close() returns");
        assertEquals(MonitorClosedException.Reason.CLOSED, closes.get(0).reason());
        conn.close();
        assertEquals(1, closes.size());
        assertThrows(MonitorClosedException.class, () -> conn.execute("query-status"));
    }

    @Test
    void sinkThatCallsQmpIsRefusedAndSinkFailuresDoNotStopTheReader() throws Exception {
        server.close();
        conn.close();
        server = FakeQmpServer.start(dir.resolve("reentrant.sock"));
        var seen = new AtomicReference<Throwable>();
        var holder = new AtomicReference<QmpConnection>();
        var count = new AtomicInteger();
        conn = QmpConnection.open(QmpTransport.connect(server.socket(), options), options, ev -> {
            count.incrementAndGet();
            if (ev.name().equals("REENTER")) {
                try {
                    holder.get().execute("query-status");
                } catch (Throwable t) {
                    seen.set(t);
                }
            } else {
                throw new IllegalStateException("a broken sink");
            }
        }, e -> { });
        holder.set(conn);
        var call = async(() -> conn.execute("stop"));
        var cmd = server.next();
        server.event("BROKEN", null);
        server.event("REENTER", null);
        server.reply(cmd, "{}");
        call.get(10, TimeUnit.SECONDS);
        assertEquals(2, count.get());
        assertInstanceOf(IllegalStateException.class, seen.get());
        assertTrue(seen.get().getMessage().contains("reader thread"), seen.get().getMessage());
    }

    @Test
    void unparsableLinesAndUnknownRepliesAreSkipped() throws Exception {
        var call = async(() -> conn.execute("query-status"));
        var cmd = server.next();
        server.send("this is not json");
        server.send("[1, 2]");
        server.send("{\"return\": {}, \"id\": \"jvirt-999\"}");
        server.send("{\"return\": {}}");
        server.send("");
        server.sendBytes("{\"return\": {\"status\": \"paused\", ".getBytes());
        server.sendBytes(("\"running\": false}, \"id\": " + cmd.id() + "}\r\n").getBytes());
        assertEquals("paused", call.get(10, TimeUnit.SECONDS).get("status").textValue());
        assertTrue(conn.isOpen());
    }

    @Test
    void rawPassthroughReplacesTheCallersIdAndReturnsTheReplyVerbatim() throws Exception {
        var call = async(() -> conn.executeRaw("{\"execute\": \"query-kvm\", \"id\": \"mine\"}", Duration.ofSeconds(5)));
        var cmd = server.next();
        assertEquals("query-kvm", cmd.execute());
        assertEquals("jvirt-1", cmd.idText());
        String line = "{\"return\": {\"enabled\": false, \"present\": true}, \"id\": " + cmd.id() + "}";
        server.send(line);
        assertEquals(line, call.get(10, TimeUnit.SECONDS));

        var err = async(() -> conn.executeRaw("{\"execute\": \"query-blah\"}", Duration.ofSeconds(5)));
        var cmd2 = server.next();
        server.replyError(cmd2, "CommandNotFound", "The command query-blah has not been found");
        assertTrue(err.get(10, TimeUnit.SECONDS).contains("\"CommandNotFound\""), "error replies come back as text");
    }

    @Test
    void rawPassthroughRefusesWhatIsNotOneCommandObject() {
        for (String bad : List.of("{\"execute\": ", "[1]", "{\"arguments\": {}}", "{\"execute\": 5}",
                "{\"execute\": \"a\"} {\"execute\": \"b\"}")) {
            var e = assertThrows(InvalidArgException.class, () -> conn.executeRaw(bad, Duration.ofSeconds(5)), bad);
            assertEquals(ErrorNumber.INVALID_ARG, e.number());
        }
        assertEquals(0, timer.pending(), "nothing was sent");
    }

    @Test
    void interruptedCallerGetsAbortedAndKeepsItsInterruptStatus() throws Exception {
        var result = new CompletableFuture<Throwable>();
        var stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                conn.execute("query-status");
                result.complete(null);
            } catch (Throwable t) {
                stillInterrupted.set(Thread.currentThread().isInterrupted());
                result.complete(t);
            }
        });
        server.next();
        caller.interrupt();
        var e = assertInstanceOf(OperationFailedException.class, result.get(10, TimeUnit.SECONDS));
        assertTrue(stillInterrupted.get(), "interrupt status kept");
        assertEquals(0, timer.pending(), "its timeout was cancelled");
        assertEquals(ErrorNumber.OPERATION_ABORTED, e.number());
        assertTrue(e.getMessage().contains("'query-status'"), e.getMessage());
    }

    private static <T> CompletableFuture<T> async(Supplier<T> s) {
        return CompletableFuture.supplyAsync(s, r -> Thread.ofVirtual().start(r));
    }

    private static Throwable failure(CompletableFuture<?> f) throws InterruptedException {
        try {
            Object v = f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected failure, got " + v);
        } catch (ExecutionException e) {
            assertNotEquals(null, e.getCause());
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("still waiting", e);
        }
    }
}
