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

    /** The file, in a domain's runtime directory, where QEMU's exit status is recorded. */
    public static final String EXIT_FILE = "qemu.exit";
    private static final String PID_FILE = "qemu.pid";
    /**
     * Run by {@code /bin/sh -c}: QEMU as a child of a tiny shell that records QEMU's exit status
     * in $0 when it ends, so that a guest that powered off while no driver was attached is told
     * apart from one that was killed.
     */
    private static final String EXIT_RECORDER = "\"$@\"; s=$?; echo $s >\"$0.tmp\" && mv -f \"$0.tmp\" \"$0\"; exit $s";

    /**
     * Launches {@code argv} (argv[0] is the emulator) with exactly {@code env}, appending its
     * output to {@code logFile} after a header naming the command line. QEMU writes its pid to
     * {@code runDir/qemu.pid}; its exit status lands in {@code runDir/qemu.exit}.
     */
    /**
     * Resource limits for QEMU (qemu.conf max_processes / max_files; 0 leaves a limit as
     * inherited) and the shell commands that move the launcher shell into the guest's cgroup
     * ("" for none), so QEMU is confined from its first instruction.
     */
    public record Limits(long maxProcesses, long maxFiles, String joinCgroup) {
        public static final Limits NONE = new Limits(0, 0, "");

        /** The shell prefix that sets them on the launcher shell, which QEMU inherits. */
        String shellPrefix() {
            StringBuilder sb = new StringBuilder(joinCgroup);
            if (maxProcesses > 0) {
                sb.append("prlimit --pid $$ --nproc=").append(maxProcesses).append(" || exit 126; ");
            }
            if (maxFiles > 0) {
                sb.append("prlimit --pid $$ --nofile=").append(maxFiles).append(" || exit 126; ");
            }
            return sb.toString();
        }
    }

    public static QemuProcess launch(List<String> argv, Map<String, String> env, Path logFile, Path runDir) {
        return launch(argv, env, logFile, runDir, Limits.NONE);
    }

    public static QemuProcess launch(List<String> argv, Map<String, String> env, Path logFile, Path runDir,
                                     Limits limits) {
        Path pidFile = runDir.resolve(PID_FILE);
        List<String> qemu = new ArrayList<>(argv);
        qemu.add("-pidfile");
        qemu.add(pidFile.toString());
        try {
            Files.deleteIfExists(pidFile);
            Files.deleteIfExists(runDir.resolve(EXIT_FILE));
            StringBuilder header = new StringBuilder();
            header.append(ZonedDateTime.now(ZoneOffset.UTC).format(LOG_TIME)).append(": starting up jvirt\n");
            env.forEach((k, v) -> header.append(k).append('=').append(v).append(" \\\n"));
            header.append(String.join(" \\\n", qemu.stream().map(QemuProcess::shellQuote).toList())).append('\n');
            Files.writeString(logFile, header, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
            List<String> cmd = new ArrayList<>();
            if (Files.isExecutable(Path.of(SETSID))) {
                cmd.add(SETSID);
            }
            cmd.add("/bin/sh");
            cmd.add("-c");
            cmd.add(limits.shellPrefix() + EXIT_RECORDER);
            cmd.add(runDir.resolve(EXIT_FILE).toString());
            cmd.addAll(qemu);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().clear();
            pb.environment().putAll(env);
            pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            pb.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            pb.redirectErrorStream(true);
            pb.directory(Path.of("/").toFile());
            Process p = pb.start();
            ProcIdentity id = waitForPidFile(p, pidFile);
            ProcessHandle h = id.startTime() < 0 ? p.toHandle() : ProcessHandle.of(id.pid()).orElse(p.toHandle());
            return new QemuProcess(id, h, p);
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot execute '" + argv.getFirst() + "': " + e.getMessage(), e);
        }
    }

    /** QEMU's identity from its pid file; start time -1 when QEMU ended before writing it. */
    private static ProcIdentity waitForPidFile(Process shell, Path pidFile) {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < end) {
            try {
                String text = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
                if (!text.isEmpty()) {
                    Optional<ProcIdentity> id = ProcIdentity.of(Long.parseLong(text));
                    if (id.isPresent()) {
                        return id.get();
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // being written: try again
            }
            if (!shell.isAlive()) {
                return new ProcIdentity(shell.pid(), -1);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new ProcIdentity(shell.pid(), -1);
    }

    /** The exit status the launcher recorded in {@code runDir}, if QEMU has ended. */
    public static Optional<Integer> recordedExit(Path runDir) {
        try {
            return Optional.of(Integer.parseInt(Files.readString(runDir.resolve(EXIT_FILE)).trim()));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
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

    public static String shellQuote(String s) {
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

    /** Completes when QEMU has exited (and, if we launched it, its exit status is recorded). */
    public CompletableFuture<?> onExit() {
        return child != null ? child.onExit() : handle.onExit();
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
            onExit().get(graceMillis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            kill();
            try {
                onExit().get(10, TimeUnit.SECONDS);
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
