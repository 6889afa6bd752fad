package io.jvirt.qemu.qmp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationTimeoutException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.qmp.testkit.FakeQmpServer;
import io.jvirt.qemu.qmp.testkit.FakeQmpServer.Handshake;
import io.jvirt.qemu.qmp.testkit.ManualTimer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QmpTransportTest {

    @TempDir
    Path dir;

    private final ManualTimer timer = new ManualTimer();
    private final QmpOptions options = QmpOptions.defaults().withTimer(timer);

    @Test
    void readsGreetingAndNegotiatesCapabilities() {
        try (var server = FakeQmpServer.start(dir.resolve("qmp.sock"));
             var transport = QmpTransport.connect(server.socket(), options)) {
            assertEquals(new QmpVersion(7, 2, 22, "Debian 1:7.2+dfsg-7+deb12u18+b3"), transport.greeting().version());
            assertEquals(List.of("oob"), transport.greeting().capabilities());
            List<FakeQmpServer.Command> hs = server.handshakeCommands();
            assertEquals(1, hs.size());
            assertEquals("qmp_capabilities", hs.get(0).execute());
            assertEquals("jvirt-0", hs.get(0).idText());
            assertEquals(0, timer.pending(), "the connect deadline is cancelled once connected");
        }
    }

    @Test
    void retriesUntilTheSocketAppears() throws Exception {
        Path sock = dir.resolve("late.sock");
        var connecting = CompletableFuture.supplyAsync(() -> QmpTransport.connect(sock, options),
                r -> Thread.ofVirtual().start(r));
        timer.awaitPending(1); // the client is in its retry loop: the socket does not exist yet
        try (var server = FakeQmpServer.start(sock);
             var transport = connecting.get(10, TimeUnit.SECONDS)) {
            assertEquals(7, transport.greeting().version().major());
        }
    }

    @Test
    void failsWhenTheSocketNeverAppears() throws Exception {
        Path sock = dir.resolve("never.sock");
        var connecting = CompletableFuture.supplyAsync(() -> QmpTransport.connect(sock, options),
                r -> Thread.ofVirtual().start(r));
        timer.awaitPending(1);
        timer.advance(Duration.ofSeconds(10));
        var e = assertInstanceOf(SystemException.class, cause(connecting));
        assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
        assertEquals(ErrorDomain.QEMU, e.domain());
        assertTrue(e.getMessage().startsWith("failed to connect to QMP socket '" + sock + "' within 10s: "), e.getMessage());
        assertInstanceOf(java.io.IOException.class, e.getCause());
    }

    @Test
    void timesOutWhenTheMonitorNeverGreets() throws Exception {
        try (var server = FakeQmpServer.start(dir.resolve("silent.sock"), FakeQmpServer.GREETING_7_2, Handshake.SILENT)) {
            var connecting = CompletableFuture.supplyAsync(() -> QmpTransport.connect(server.socket(), options),
                    r -> Thread.ofVirtual().start(r));
            server.awaitClient();
            timer.advance(Duration.ofSeconds(10));
            var e = assertInstanceOf(OperationTimeoutException.class, cause(connecting));
            assertEquals(ErrorNumber.OPERATION_TIMEOUT, e.number());
            assertTrue(e.getMessage().contains("'" + server.socket() + "' within 10s"), e.getMessage());
        }
    }

    @Test
    void refusedCapabilitiesIsAQmpError() {
        try (var server = FakeQmpServer.start(dir.resolve("refuse.sock"), FakeQmpServer.GREETING_7_2,
                Handshake.REFUSE_CAPABILITIES)) {
            var e = assertThrows(QmpException.class, () -> QmpTransport.connect(server.socket(), options));
            assertEquals("qmp_capabilities", e.command());
            assertEquals("GenericError", e.errorClass());
        }
    }

    @Test
    void endOfFileDuringHandshake() {
        try (var server = FakeQmpServer.start(dir.resolve("eof.sock"), FakeQmpServer.GREETING_7_2,
                Handshake.CLOSE_ON_CAPABILITIES)) {
            var e = assertThrows(MonitorClosedException.class, () -> QmpTransport.connect(server.socket(), options));
            assertEquals(MonitorClosedException.Reason.EOF, e.reason());
        }
    }

    @Test
    void malformedGreeting() {
        try (var server = FakeQmpServer.start(dir.resolve("bad.sock"), "{\"hello\": 1}", Handshake.NORMAL)) {
            var e = assertThrows(OperationFailedException.class, () -> QmpTransport.connect(server.socket(), options));
            assertTrue(e.getMessage().contains("expected a QMP greeting"), e.getMessage());
        }
        try (var server = FakeQmpServer.start(dir.resolve("bad2.sock"), "{\"QMP\": {\"version\": {}}}", Handshake.NORMAL)) {
            var e = assertThrows(OperationFailedException.class, () -> QmpTransport.connect(server.socket(), options));
            assertTrue(e.getMessage().contains("malformed QMP greeting"), e.getMessage());
            assertTrue(e.getMessage().contains("missing 'qemu'"), e.getMessage());
        }
    }

    @Test
    void socketPathLongerThanSunPathIsRefusedClearly() {
        Path longPath = dir.resolve("d".repeat(120)).resolve("qmp.sock");
        var e = assertThrows(InvalidArgException.class, () -> QmpTransport.connect(longPath, options));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertTrue(e.getMessage().contains("'" + longPath + "'"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 106 bytes are usable (sun_path is 108 bytes"), e.getMessage());
        assertEquals(0, timer.pending(), "refused before any connect attempt");
    }

    @Test
    void socketPathOfExactly106BytesWorks() {
        Path base = dir.toAbsolutePath();
        int used = (base + "/").getBytes(StandardCharsets.UTF_8).length;
        Path sock = base.resolve("s".repeat(QmpTransport.MAX_SOCKET_PATH_BYTES - used));
        assertEquals(106, sock.toString().getBytes(StandardCharsets.UTF_8).length);
        try (var server = FakeQmpServer.start(sock);
             var transport = QmpTransport.connect(sock, options)) {
            assertEquals(2, transport.greeting().version().minor());
        }
        Path tooLong = base.resolve("s".repeat(QmpTransport.MAX_SOCKET_PATH_BYTES - used + 1));
        assertThrows(InvalidArgException.class, () -> QmpTransport.checkSocketPath(tooLong));
    }

    static Throwable cause(CompletableFuture<?> f) throws InterruptedException {
        try {
            f.get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("still running", e);
        }
    }
}
