package io.jvirt.qemu.process;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running QEMU process, either launched by us or adopted at reattach. QEMU runs in its own
 * session ({@code setsid}) with output appended to its log file (never a pipe into the JVM), so
 * neither a terminal's ^C nor the JVM's death reaches it: guests outlive the process that
 * started them. Thread-safe.
 */
public final class QemuProcess {
    private static final String SETSID = "/usr/bin/setsid";
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxx");

    private final ProcIdentity identity;
    private final ProcessHandle handle;
    private final Process child;

    private QemuProcess(ProcIdentity identity, ProcessHandle handle, Process child) {
        this.identity = identity;
        this.handle = handle;
        this.child = child;
    }

    /**
     * Launches {@code argv} (argv[0] is the emulator) with exactly {@code env}, appending its
     * output to {@code logFile} after a header naming the command line.
     */
    public static QemuProcess launch(List<String> argv, Map<String, String> env, Path logFile) {
        try {
            StringBuilder header = new StringBuilder();
            header.append(ZonedDateTime.now(ZoneOffset.UTC).format(LOG_TIME)).append(": starting up jvirt\n");
            env.forEach((k, v) -> header.append(k).append('=').append(v).append(" \\\n"));
            header.append(String.join(" \\\n", argv.stream().map(QemuProcess::shellQuote).toList())).append('\n');
            Files.writeString(logFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of(SETSID))) {
                cmd.add(SETSID);
            }
            cmd.addAll(argv);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.redirectErrorStream(true);
            pb.directory(Path.of("/").toFile());
            Process p = pb.start();
            ProcIdentity id = waitForIdentity(p);
            return new QemuProcess(id, p.toHandle(), p);
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot execute '" + argv.getFirst() + "': " + e.getMessage(), e);
        }
    }

    private static ProcIdentity waitForIdentity(Process p) {
        // setsid execs in place (it is not a group leader), so the pid is QEMU's own
        for (int i = 0; i < 200; i++) {
            Optional<ProcIdentity> id = ProcIdentity.of(p.pid());
            if (id.isPresent()) {
                return id.get();
            }
            if (!p.isAlive()) {
                return new ProcIdentity(p.pid(), -1);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new ProcIdentity(p.pid(), -1);
    }

    /**
     * Adopts a process found in a status file if and only if it is the same process (pid, start
     * time) and its command line is QEMU's for {@code uuid}.
     */
    public static Optional<QemuProcess> adopt(ProcIdentity recorded, String emulator, String uuid) {
        Optional<ProcIdentity> now = ProcIdentity.of(recorded.pid());
        if (now.isEmpty() || !now.get().equals(recorded)) {
            return Optional.empty();
        }
        Optional<List<String>> cmd = ProcIdentity.cmdline(recorded.pid());
        if (cmd.isEmpty() || !cmd.get().getFirst().equals(emulator) || !cmd.get().contains(uuid)) {
            return Optional.empty();
        }
        return ProcessHandle.of(recorded.pid()).map(h -> new QemuProcess(recorded, h, null));
    }

    static String shellQuote(String s) {
        if (s.matches("[A-Za-z0-9_./:=,+@%-]+")) {
            return s;
        }
        return "'" + s.replace("'", "'\\''") + "'";
    }

    public long pid() {
        return identity.pid();
    }

    public ProcIdentity identity() {
        return identity;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /** Completes when the process exits. */
    public CompletableFuture<ProcessHandle> onExit() {
        return handle.onExit();
    }

    /** The exit status if we launched it and it has exited; empty otherwise. */
    public Optional<Integer> exitStatus() {
        if (child != null && !child.isAlive()) {
            return Optional.of(child.exitValue());
        }
        return Optional.empty();
    }

    /** SIGTERM. */
    public void terminate() {
        handle.destroy();
    }

    /** SIGKILL. */
    public void kill() {
        handle.destroyForcibly();
    }

    /** SIGTERM, then SIGKILL if still alive after {@code graceMillis}; waits for the exit. */
    public void stop(long graceMillis) {
        if (!handle.isAlive()) {
            return;
        }
        terminate();
        try {
            handle.onExit().get(graceMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            kill();
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (Exception e2) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "failed to kill QEMU process " + pid());
            }
        }
    }

    /** The last {@code lines} lines of a log file, for error messages. */
    public static String logTail(Path log, int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            List<String> out = new ArrayList<>();
            for (int i = all.size() - 1; i >= 0 && out.size() < lines; i--) {
                String l = all.get(i);
                if (l.isBlank() || l.endsWith("\\") || l.contains(": starting up jvirt")) {
                    break;
                }
                out.addFirst(l);
            }
            return String.join("\n", out);
        } catch (IOException e) {
            return "";
        }
    }
}
