package io.jvirt.it.daemon;

import io.jvirt.qemu.testing.TestGuest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** bin/jvirtd --session as a child process with private XDG directories; stopped by close(). */
final class JvirtdProcess implements AutoCloseable {
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    final Path home;
    final Path socket;
    private Process process;

    private final boolean system;

    /** A session daemon whose XDG directories live under {@code home}. */
    JvirtdProcess(Path home) {
        this(home, false);
    }

    /** {@code system}: a system-mode daemon with {@code --prefix home} (rw and read-only sockets). */
    JvirtdProcess(Path home, boolean system) {
        this.home = home;
        this.system = system;
        this.socket = home.resolve("run/jvirt/jvirt-sock");
    }

    /** A system-mode daemon under {@code home} reading {@code conf} as its jvirtd.conf, started. */
    static JvirtdProcess system(Path home, String conf) throws IOException {
        Files.createDirectories(home);
        Files.writeString(home.resolve("jvirtd.conf"), conf);
        return new JvirtdProcess(home, true).start();
    }

    Path roSocket() {
        return home.resolve("run/jvirt/jvirt-sock-ro");
    }

    Map<String, String> env() {
        return Map.of("XDG_RUNTIME_DIR", home.resolve("run").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString(),
                "XDG_CACHE_HOME", home.resolve("cache").toString());
    }

    String uri() {
        return "qemu+unix:///" + (system ? "system" : "session") + "?socket=" + socket;
    }

    private static boolean accepts(Path sock) {
        if (!Files.exists(sock)) {
            return false;
        }
        try (var ch = java.nio.channels.SocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            ch.connect(java.net.UnixDomainSocketAddress.of(sock));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    JvirtdProcess start(String... extra) throws IOException {
        Files.createDirectories(home.resolve("run"));
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/jvirtd").toString()));
        cmd.addAll(system ? List.of("--system", "--prefix", home.toString(), "--config", home.resolve("jvirtd.conf").toString())
                : List.of("--session"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("jvirtd.log").toFile()));
        pb.environment().putAll(env());
        process = pb.start();
        // a socket file exists from bind(); wait until it accepts (listen() comes just after)
        TestGuest.await(() -> (accepts(socket) && (!system || accepts(roSocket()))) || !process.isAlive(),
                Duration.ofSeconds(30), "jvirtd's sockets");
        if (!process.isAlive()) {
            throw new IllegalStateException("jvirtd exited: " + Files.readString(home.resolve("jvirtd.log")));
        }
        return this;
    }

    /** SIGTERM and wait, as a service manager stops it. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        return process.exitValue();
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
