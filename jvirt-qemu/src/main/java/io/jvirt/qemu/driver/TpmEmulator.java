package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.qemu.util.Rollback;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The swtpm process of an emulated TPM, managed as libvirt does: its state lives in
 * {@code SWTPM_STORAGE/UUID/tpm2} (or {@code tpm1.2}), made by {@code swtpm_setup} at the first
 * start; swtpm runs as a daemon (its pid in {@code SWTPM_RUN/ID-NAME-swtpm.pid}) serving QEMU on
 * {@code SWTPM_RUN/ID-NAME-swtpm.sock} and logging to {@code SWTPM_LOG/NAME-swtpm.log}. It is
 * started before QEMU, stopped after QEMU stops (with {@code --terminate} it also ends when QEMU
 * goes away), and outlives the driver like QEMU does: a restarted driver finds it by its pid file.
 */
final class TpmEmulator {
    private static final System.Logger LOG = System.getLogger(TpmEmulator.class.getName());
    static final String SWTPM = "/usr/bin/swtpm";
    static final String SWTPM_SETUP = "/usr/bin/swtpm_setup";
    private static final long START_DEADLINE_MS = 10_000;

    private TpmEmulator() {
    }

    static Path storageDir(DriverPaths paths, UUID uuid) {
        return paths.swtpmStorageDir().resolve(uuid.toString());
    }

    static boolean tpm2(TpmDef t) {
        return !"1.2".equals(t.version());
    }

    static Path stateDir(DriverPaths paths, UUID uuid, TpmDef t) {
        return storageDir(paths, uuid).resolve(tpm2(t) ? "tpm2" : "tpm1.2");
    }

    static Path socket(DriverPaths paths, int id, String name) {
        return paths.swtpmStateDir().resolve(id + "-" + RuntimeDirs.shortName(name) + "-swtpm.sock");
    }

    static Path pidFile(DriverPaths paths, int id, String name) {
        return paths.swtpmStateDir().resolve(id + "-" + RuntimeDirs.shortName(name) + "-swtpm.pid");
    }

    static Path log(DriverPaths paths, String name) {
        return paths.swtpmLogDir().resolve(name + "-swtpm.log");
    }

    static List<TpmDef> emulated(DomainDef def) {
        return def.devices().of(TpmDef.class).stream().filter(t -> t.backendType().equals("emulator")).toList();
    }

    /** The socket of each emulated TPM (by alias) for a domain started with {@code id}. */
    static Map<String, Path> sockets(DriverPaths paths, int id, DomainDef def) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (TpmDef t : emulated(def)) {
            out.put(t.alias() == null ? "tpm0" : t.alias(), socket(paths, id, def.name()));
        }
        return out;
    }

    /** Starts swtpm for the emulated TPM of {@code def}, creating its state first if needed. */
    static void start(DriverPaths paths, int id, DomainDef def, Rollback rb) {
        List<TpmDef> tpms = emulated(def);
        if (tpms.isEmpty()) {
            return;
        }
        TpmDef t = tpms.getFirst();
        Path state = stateDir(paths, def.uuid(), t);
        Path sock = socket(paths, id, def.name());
        Path pid = pidFile(paths, id, def.name());
        Path log = log(paths, def.name());
        if (!RuntimeDirs.fits(sock)) {
            throw failed("swtpm socket path '" + sock + "' is longer than the UNIX socket limit; use a shorter root");
        }
        try {
            for (Path dir : List.of(paths.swtpmStateDir(), paths.swtpmLogDir())) {
                Files.createDirectories(dir);
            }
            if (!Files.isDirectory(state)) {
                Files.createDirectories(state.getParent());
                Files.setPosixFilePermissions(state.getParent(), PosixFilePermissions.fromString("rwx------"));
                Files.createDirectories(state);
                Files.setPosixFilePermissions(state, PosixFilePermissions.fromString("rwx------"));
            }
            if (!hasState(state, t)) {
                setup(def, t, state, log);
            }
            Files.deleteIfExists(sock);
            Files.deleteIfExists(pid);
        } catch (IOException e) {
            throw failed("cannot prepare the TPM state of domain '" + def.name() + "': " + e.getMessage());
        }
        List<String> argv = new java.util.ArrayList<>(List.of(SWTPM, "socket",
                "--ctrl", "type=unixio,path=" + sock + ",mode=0600",
                "--tpmstate", "dir=" + state + ",mode=0600",
                "--log", "file=" + log, "--terminate"));
        if (tpm2(t)) {
            argv.add("--tpm2");
        }
        argv.addAll(List.of("--daemon", "--pid", "file=" + pid));
        run(argv, log, "swtpm");
        rb.add(() -> stop(paths, id, def.name()));
        long end = System.currentTimeMillis() + START_DEADLINE_MS;
        while (!(Files.exists(sock) && Files.exists(pid))) {
            if (System.currentTimeMillis() > end) {
                throw failed("swtpm did not create its socket " + sock + " in time (log: " + log + ")");
            }
            sleep(10);
        }
    }

    private static boolean hasState(Path state, TpmDef t) throws IOException {
        try (var s = Files.list(state)) {
            return s.anyMatch(p -> p.getFileName().toString().startsWith(tpm2(t) ? "tpm2-" : "tpm-"));
        }
    }

    private static void setup(DomainDef def, TpmDef t, Path state, Path log) {
        List<String> argv = new java.util.ArrayList<>(List.of(SWTPM_SETUP));
        if (tpm2(t)) {
            argv.add("--tpm2");
        }
        argv.addAll(List.of("--tpm-state", state.toString(), "--vmid", def.name() + ":" + def.uuid(),
                "--logfile", log.toString(), "--createek", "--create-ek-cert", "--create-platform-cert",
                "--lock-nvram", "--not-overwrite"));
        run(argv, log, "swtpm_setup");
    }

    private static void run(List<String> argv, Path log, String what) {
        try {
            Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failed(what + " did not finish in time (log: " + log + ")");
            }
            if (p.exitValue() != 0) {
                throw failed(what + " exited with status " + p.exitValue() + ": " + HelperProcesses.logTail(log) + " (log: " + log + ")");
            }
        } catch (IOException e) {
            throw failed("cannot run " + argv.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while running " + what);
        }
    }

    /** The swtpm of a domain started with {@code id}, if it runs (checked against its command line). */
    static Optional<ProcessHandle> find(DriverPaths paths, int id, String name) {
        Path pid = pidFile(paths, id, name);
        try {
            if (!Files.exists(pid)) {
                return Optional.empty();
            }
            long n = Long.parseLong(Files.readString(pid).trim());
            Path cmdline = Path.of("/proc", Long.toString(n), "cmdline");
            String cmd = Files.exists(cmdline) ? Files.readString(cmdline, StandardCharsets.UTF_8).replace('\0', ' ') : "";
            if (!cmd.contains("swtpm") || !cmd.contains(socket(paths, id, name).toString())) {
                return Optional.empty();
            }
            return ProcessHandle.of(n).filter(ProcessHandle::isAlive);
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the swtpm of a domain started with {@code id} and removes its socket and pid file. */
    static void stop(DriverPaths paths, int id, String name) {
        HelperProcesses.stop(find(paths, id, name), "swtpm of domain " + name, socket(paths, id, name),
                pidFile(paths, id, name));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while waiting for swtpm");
        }
    }

    private static OperationFailedException failed(String msg) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, msg);
    }
}
