package io.jvirt.rpc.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.jvirt.error.ErrorDomain;
import io.jvirt.rpc.proto.ConnectProcedures;
import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventProcedures;
import io.jvirt.rpc.wire.WireDomain;

/**
 * The real {@code virsh} (libvirt 9.0 client library) against a tiny server built only from this
 * module: proves the handshake (AUTH_LIST, feature probes, CONNECT_OPEN, close callback),
 * framing, string and hyper encoding, and that a missing handler reads as "not supported".
 * Skipped when virsh is not installed.
 */
@Tag("interop")
class VirshInteropIT {
    private static final Path VIRSH = Path.of("/usr/bin/virsh");

    private static Path dir;
    private static Path socket;
    private static ServerSocketChannel listener;
    private static final List<RpcServerConnection> CONNECTIONS = new CopyOnWriteArrayList<>();

    private static final java.util.concurrent.atomic.AtomicInteger CALLBACK_IDS = new java.util.concurrent.atomic.AtomicInteger();
    private static final WireDomain T1 = new WireDomain("t1", java.util.UUID.fromString("11111111-2222-3333-4444-555555555555"), 2);

    record Result(int exit, String out, String err) {
    }

    @BeforeAll
    static void startServer() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(VIRSH), "virsh is not installed");
        dir = Files.createTempDirectory(Path.of("/tmp"), "jvvirsh");
        socket = dir.resolve("sock");
        Dispatcher d = new Dispatcher(ErrorDomain.QEMU)
                .on(ConnectProcedures.AUTH_LIST, (ctx, v) -> List.of(0))
                .on(ConnectProcedures.CONNECT_SUPPORTS_FEATURE, (ctx, f) -> f == 14 || f == 15 || f == 9 ? 1 : 0)
                .on(ConnectProcedures.CONNECT_OPEN, (ctx, args) -> null)
                .on(ConnectProcedures.CONNECT_REGISTER_CLOSE_CALLBACK, (ctx, v) -> null)
                .on(ConnectProcedures.CONNECT_UNREGISTER_CLOSE_CALLBACK, (ctx, v) -> null)
                .on(ConnectProcedures.CONNECT_CLOSE, (ctx, v) -> null)
                .on(ConnectProcedures.CONNECT_GET_TYPE, (ctx, v) -> "QEMU")
                .on(ConnectProcedures.CONNECT_GET_VERSION, (ctx, v) -> 7_002_022L)
                .on(ConnectProcedures.CONNECT_GET_LIB_VERSION, (ctx, v) -> 9_000_000L)
                .on(ConnectProcedures.CONNECT_GET_URI, (ctx, v) -> "qemu:///session")
                .on(ConnectProcedures.CONNECT_GET_HOSTNAME, (ctx, v) -> "jvirt-interop")
                .on(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (ctx, args) -> {
                    int id = CALLBACK_IDS.getAndIncrement();
                    // the client maps an event to its callback by the id in our reply: send it after
                    ctx.afterReply(() -> ctx.connection().sendEvent(EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                            new CallbackLifecycle(id, T1, 4, 0)));
                    return id;
                })
                .on(EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (ctx, id) -> null);
        listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        listener.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().name("interop-accept").start(() -> {
            try {
                while (true) {
                    SocketChannel ch = listener.accept();
                    CONNECTIONS.add(RpcServerConnection.over(ch, d, ServerConfig.defaults(), false).start());
                }
            } catch (IOException e) {
                // listener closed
            }
        });
    }

    @AfterAll
    static void stopServer() throws IOException {
        if (listener != null) {
            listener.close();
        }
        CONNECTIONS.forEach(RpcServerConnection::close);
        if (dir != null) {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static String uri() {
        return "qemu+unix:///session?socket=" + socket;
    }

    private static Result virsh(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(VIRSH.toString(), "-c", uri()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.remove("LIBVIRT_DEFAULT_URI");
        env.put("HOME", dir.toString());
        env.put("XDG_CONFIG_HOME", dir.resolve("config").toString());
        env.put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        env.put("XDG_RUNTIME_DIR", dir.toString());
        env.put("LC_ALL", "C");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("virsh timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void version() throws Exception {
        Result r = virsh("version", "--daemon");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Using API: QEMU 9.0.0"), r.out());
        assertTrue(r.out().contains("Running hypervisor: QEMU 7.2.22"), r.out());
        assertTrue(r.out().contains("Running against daemon: 9.0.0"), r.out());
    }

    @Test
    void uriAndHostname() throws Exception {
        Result u = virsh("uri");
        assertEquals(0, u.exit(), u.err());
        assertEquals(uri(), u.out().strip());
        Result h = virsh("hostname");
        assertEquals(0, h.exit(), h.err());
        assertEquals("jvirt-interop", h.out().strip());
    }

    @Test
    void missingHandlerIsReportedAsUnsupported() throws Exception {
        Result r = virsh("nodeinfo");
        assertNotEquals(0, r.exit());
        assertTrue(r.err().contains("this function is not supported by the connection driver: virNodeGetInfo"), r.err());
    }

    @Test
    void lifecycleEventIsPrinted() throws Exception {
        Result r = virsh("event", "--event", "lifecycle", "--timeout", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("event 'lifecycle' for domain 't1': Resumed Unpaused"), r.out());
        assertTrue(r.out().contains("events received: 1"), r.out());
    }
}
