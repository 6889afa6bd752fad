package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.command.FilesystemCommandLine;
import io.jvirt.qemu.util.Rollback;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The virtiofsd of each virtiofs share, owned by the driver as libvirt owns it: started before
 * QEMU on the share's vhost-user socket in the domain's runtime directory
 * ({@code <alias>-fs.sock}, its pid in {@code <alias>-fs.pid} beside it), logging to
 * {@code LOG_DIR/<name>-<alias>-virtiofsd.log}, and stopped when the domain stops (it also ends on
 * its own when QEMU closes the socket). Like QEMU it outlives the driver: a restarted driver finds
 * it by its pid file and checks its command line before signalling it.
 */
final class Virtiofsd {
    private static final System.Logger LOG = System.getLogger(Virtiofsd.class.getName());
    /** Debian's QEMU 7.2 ships the C virtiofsd here (package qemu-system-common). */
    static final String DEFAULT_BINARY = "/usr/lib/qemu/virtiofsd";
    private static final long START_DEADLINE_MS = 10_000;
    private static final String PID_SUFFIX = "-fs.pid";

    private Virtiofsd() {
    }

    static List<FilesystemDef> shares(DomainDef def) {
        return def.devices().of(FilesystemDef.class).stream().filter(FilesystemCommandLine::virtiofs).toList();
    }

    static String binary(FilesystemDef f) {
        return f.binaryPath() != null ? f.binaryPath() : DEFAULT_BINARY;
    }

    /** Start-time checks: the binary runs, the shared directory exists, the driver may sandbox it. */
    static void validateForStart(DomainDef def) {
        for (FilesystemDef f : shares(def)) {
            if (!Files.isExecutable(Path.of(binary(f)))) {
                throw failed("virtiofsd binary '" + binary(f) + "' of filesystem '" + f.target()
                        + "' is missing or not executable");
            }
            if (!Files.isDirectory(Path.of(f.source()))) {
                throw failed("virtiofs source directory '" + f.source() + "' does not exist");
            }
            if (!"root".equals(System.getProperty("user.name"))) {
                throw new io.jvirt.error.ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                        "virtiofs needs a driver running as root (virtiofsd sandboxes itself in namespaces)");
            }
        }
    }

    /** The argv of the virtiofsd serving {@code f} on {@code socket}. */
    static List<String> argv(FilesystemDef f, Path socket) {
        List<String> argv = new ArrayList<>(List.of(binary(f), "--socket-path=" + socket, "-o"));
        // fuse's option parser reads "\," as a literal comma
        StringBuilder o = new StringBuilder("source=").append(f.source().replace("\\", "\\\\").replace(",", "\\,"));
        FilesystemDef.Binary b = f.binary();
        if (b != null) {
            if (b.cache() != null) {
                o.append(",cache=").append(b.cache());
            }
            if (b.sandbox() != null) {
                o.append(",sandbox=").append(b.sandbox());
            }
            if (b.xattr() != null) {
                o.append(b.xattr() ? ",xattr" : ",no_xattr");
            }
            if (b.flock() != null) {
                o.append(b.flock() ? ",flock" : ",no_flock");
            }
            if (b.posixLock() != null) {
                o.append(b.posixLock() ? ",posix_lock" : ",no_posix_lock");
            }
        }
        argv.add(o.toString());
        if (b != null && b.threadPoolSize() != null) {
            argv.add("--thread-pool-size=" + b.threadPoolSize());
        }
        return argv;
    }

    static Path log(Path logDir, String name, FilesystemDef f) {
        return logDir.resolve(name + "-" + f.alias() + "-virtiofsd.log");
    }

    /** Starts a virtiofsd per virtiofs share of {@code def} and waits for its socket. */
    static void start(DomainDef def, Path domainDir, Path logDir, Rollback rb) {
        for (FilesystemDef f : shares(def)) {
            Path sock = FilesystemCommandLine.virtiofsSocket(domainDir, f);
            if (!RuntimeDirs.fits(sock)) {
                throw failed("virtiofs socket path '" + sock + "' is longer than the UNIX socket limit; "
                        + "use a shorter root");
            }
            Path log = log(logDir, def.name(), f);
            Process p;
            try {
                Files.createDirectories(logDir);
                Files.deleteIfExists(sock);
                p = new ProcessBuilder(argv(f, sock)).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
                Files.writeString(domainDir.resolve(f.alias() + PID_SUFFIX), Long.toString(p.pid()));
            } catch (IOException e) {
                throw failed("cannot start virtiofsd for filesystem '" + f.target() + "': " + e.getMessage());
            }
            rb.add(() -> stop(domainDir, f.alias()));
            long end = System.currentTimeMillis() + START_DEADLINE_MS;
            while (!Files.exists(sock)) {
                if (!p.isAlive()) {
                    throw failed("virtiofsd for filesystem '" + f.target() + "' exited with status " + p.exitValue()
                            + ": " + HelperProcesses.logTail(log) + " (log: " + log + ")");
                }
                if (System.currentTimeMillis() > end) {
                    throw failed("virtiofsd did not create its socket " + sock + " in time (log: " + log + ")");
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw failed("interrupted while waiting for virtiofsd");
                }
            }
        }
    }

    /** Stops every virtiofsd started for the domain whose runtime directory is {@code domainDir}. */
    static void stopAll(Path domainDir) {
        if (domainDir == null || !Files.isDirectory(domainDir)) {
            return;
        }
        try (Stream<Path> s = Files.list(domainDir)) {
            s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(PID_SUFFIX))
                    .map(n -> n.substring(0, n.length() - PID_SUFFIX.length())).toList()
                    .forEach(alias -> stop(domainDir, alias));
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot list {0}: {1}", domainDir, e.getMessage());
        }
    }

    /** The running virtiofsd of share {@code alias}, if its pid file names one serving that socket. */
    static Optional<ProcessHandle> find(Path domainDir, String alias) {
        try {
            Path pid = domainDir.resolve(alias + PID_SUFFIX);
            if (!Files.exists(pid)) {
                return Optional.empty();
            }
            long n = Long.parseLong(Files.readString(pid).trim());
            Path cmdline = Path.of("/proc", Long.toString(n), "cmdline");
            String cmd = Files.exists(cmdline) ? Files.readString(cmdline, StandardCharsets.UTF_8) : "";
            if (!cmd.contains("--socket-path=" + domainDir.resolve(alias + "-fs.sock"))) {
                return Optional.empty();
            }
            return ProcessHandle.of(n).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    static void stop(Path domainDir, String alias) {
        HelperProcesses.stop(find(domainDir, alias), "virtiofsd " + alias, domainDir.resolve(alias + PID_SUFFIX),
                domainDir.resolve(alias + "-fs.sock"));
    }

    private static OperationFailedException failed(String msg) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, msg);
    }
}
