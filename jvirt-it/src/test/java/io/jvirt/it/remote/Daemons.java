package io.jvirt.it.remote;

import io.jvirt.qemu.testing.TestGuest;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Starts daemons (bin/jvirtd, /usr/sbin/libvirtd) as child processes for a test and stops them by pid. */
final class Daemons {
    /** The repository root (failsafe runs with the module directory as working directory). */
    static final Path REPO = Path.of("").toAbsolutePath().getParent();

    private Daemons() {
    }

    /** A running daemon: its process, its socket, its log. */
    record Running(Process process, Path socket, Path log, Path tmp) {
        /** Stops the daemon (SIGTERM, then SIGKILL) and every QEMU started for this test's directory. */
        void stop() {
            List<ProcessHandle> children = new ArrayList<>(process.descendants().toList());
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            children.forEach(ProcessHandle::destroyForcibly);
            killQemusUnder(tmp);
        }

        String logText() {
            try {
                return Files.exists(log) ? Files.readString(log) : "(no log)";
            } catch (IOException e) {
                return e.toString();
            }
        }
    }

    /** Kills (by pid) QEMU processes whose command line names {@code dir}: guests a test left behind. */
    static void killQemusUnder(Path dir) {
        String d = dir.toString();
        ProcessHandle.allProcesses()
                .filter(h -> h.info().command().orElse("").contains("qemu-system"))
                .filter(h -> String.join(" ", h.info().arguments().orElse(new String[0])).contains(d))
                .forEach(ProcessHandle::destroyForcibly);
    }

    /** XDG variables pointing into {@code tmp}, so a session jvirtd keeps everything there. */
    static Map<String, String> sessionEnv(Path tmp) throws IOException {
        Path run = Files.createDirectories(tmp.resolve("run"));
        Files.setPosixFilePermissions(run, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        return Map.of("XDG_RUNTIME_DIR", run.toString(),
                "XDG_CONFIG_HOME", Files.createDirectories(tmp.resolve("config")).toString(),
                "XDG_CACHE_HOME", Files.createDirectories(tmp.resolve("cache")).toString(),
                "XDG_DATA_HOME", Files.createDirectories(tmp.resolve("data")).toString());
    }

    /** bin/jvirtd --session with {@code args}; returns once its socket accepts connections. */
    static Running jvirtd(Path tmp, String... args) throws IOException {
        return jvirtd(tmp, Map.of(), args);
    }

    /** As {@link #jvirtd(Path, String...)} with extra environment (e.g. JVIRT_JAVA_OPTS). */
    static Running jvirtd(Path tmp, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(REPO.resolve("bin/jvirtd").toString(), "--session"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove("LIBVIRT_DEFAULT_URI");
        pb.environment().putAll(sessionEnv(tmp));
        pb.environment().putAll(env);
        Path log = tmp.resolve("jvirtd.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        Running r = new Running(p, tmp.resolve("run/jvirt/jvirt-sock"), log, tmp);
        awaitSocket(r, Duration.ofSeconds(60));
        return r;
    }

    /** Waits until the daemon's socket accepts a connection; fails with its log if it died. */
    static void awaitSocket(Running r, Duration timeout) {
        TestGuest.await(() -> {
            if (!r.process().isAlive()) {
                throw new AssertionError("daemon exited with " + r.process().exitValue() + ":\n" + r.logText());
            }
            if (!Files.exists(r.socket())) {
                return false;
            }
            try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(r.socket()))) {
                return true;
            } catch (IOException e) {
                return false;
            }
        }, timeout, "the daemon's socket " + r.socket());
    }

    /**
     * A real, privileged /usr/sbin/libvirtd 9.0 with everything private: it runs in its own mount
     * namespace ({@code unshare --mount}) where /etc/libvirt, /run/libvirt, /var/lib/libvirt,
     * /var/cache/libvirt and /var/log are bind mounts of directories under {@code tmp}, so it
     * neither sees nor disturbs the host's libvirt (or another test's libvirtd: the QEMU driver
     * takes a lock in /run/libvirt). Its sockets are in {@code tmp/sock}, auth "none". Its
     * qemu.conf runs QEMU as root with no security driver, no ownership changes, no virtlogd and
     * no cgroups, so the shared test-guest files are never chowned.
     */
    static Running libvirtd(Path tmp) throws IOException {
        Path ns = tmp.resolve("ns");
        for (String d : List.of("etc", "run", "lib", "cache", "log")) {
            Files.createDirectories(ns.resolve(d));
        }
        Path sock = Files.createDirectories(tmp.resolve("sock"));
        Files.writeString(ns.resolve("etc/qemu.conf"), """
                user = "root"
                group = "root"
                dynamic_ownership = 0
                remember_owner = 0
                security_driver = "none"
                stdio_handler = "file"
                cgroup_controllers = [ ]
                """);
        Path conf = tmp.resolve("libvirtd.conf");
        Files.writeString(conf, """
                unix_sock_dir = "%s"
                auth_unix_rw = "none"
                auth_unix_ro = "none"
                """.formatted(sock));
        String script = "mount --bind %s/etc /etc/libvirt && mount --bind %s/run /run/libvirt"
                + " && mount --bind %s/lib /var/lib/libvirt && mount --bind %s/cache /var/cache/libvirt"
                + " && mount --bind %s/log /var/log && exec /usr/sbin/libvirtd --config %s --pid-file %s/libvirtd.pid";
        script = script.formatted(ns, ns, ns, ns, ns, conf, tmp);
        for (String mountPoint : List.of("/run/libvirt", "/var/lib/libvirt", "/var/cache/libvirt")) {
            if (!Files.isDirectory(Path.of(mountPoint))) {
                throw new AssertionError(mountPoint + " missing (a mount point for the private libvirtd):"
                        + " run scripts/install-deps.sh");
            }
        }
        if (!Files.isExecutable(Path.of("/usr/sbin/libvirtd"))) {
            throw new AssertionError("/usr/sbin/libvirtd missing: install libvirt-daemon-system (scripts/install-deps.sh)");
        }
        ProcessBuilder pb = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh", "-c", script);
        Path log = tmp.resolve("libvirtd.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Running r = new Running(pb.start(), sock.resolve("libvirt-sock"), log, tmp);
        awaitSocket(r, Duration.ofSeconds(60));
        return r;
    }
}
