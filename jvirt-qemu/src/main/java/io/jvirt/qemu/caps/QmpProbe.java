package io.jvirt.qemu.caps;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.qmp.QmpClient;
import io.jvirt.qemu.qmp.QmpCpuDefinition;
import io.jvirt.qemu.qmp.QmpMachine;
import io.jvirt.qemu.qmp.QmpObjectType;
import io.jvirt.qemu.qmp.QmpOptions;
import io.jvirt.qemu.qmp.QmpVersion;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Probes one emulator over QMP: starts it with no machine ({@code -machine none,accel=tcg -S}),
 * asks for its version, machine types, CPU models, device types and KVM support, and quits it.
 * QEMU is killed by pid whatever happens.
 */
final class QmpProbe {
    private static final QmpOptions OPTIONS = QmpOptions.defaults().withConnectTimeout(Duration.ofSeconds(10))
            .withCommandTimeout(Duration.ofSeconds(10));

    /** What QMP said, before the KVM verdict is added. */
    record Result(QmpVersion version, String arch, List<QmpMachine> machines, List<QmpCpuDefinition> cpus,
                  Set<String> devices, boolean kvmPresent, HostCpuModel hostCpu) {
    }

    private QmpProbe() {
    }

    static Result run(String binary) {
        Path dir = null;
        Process p = null;
        try {
            dir = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "jvirt-caps-");
            Path sock = dir.resolve("qmp.sock");
            Path log = dir.resolve("stderr");
            p = new ProcessBuilder(binary, "-S", "-nodefaults", "-nographic", "-no-user-config",
                    "-machine", "none,accel=tcg", "-qmp", "unix:" + sock + ",server=on,wait=off")
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(log.toFile()).start();
            awaitSocket(p, sock, log);
            try (QmpClient qmp = QmpClient.connect(sock, OPTIONS, e -> { }, r -> { })) {
                List<QmpCpuDefinition> cpus = cpus(qmp);
                Result r = new Result(qmp.queryVersion(), arch(qmp), qmp.queryMachines(), cpus, devices(qmp),
                        qmp.queryKvm().present(), HostCpuProbe.run(qmp, cpus));
                qmp.quit();
                p.waitFor(2, TimeUnit.SECONDS);
                return r;
            } catch (LibvirtException e) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "cannot probe the capabilities of '" + binary + "': " + e.getMessage() + stderrTail(log), e);
            }
        } catch (IOException e) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    "cannot run '" + binary + "': " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(ErrorNumber.OPERATION_ABORTED, ErrorDomain.QEMU,
                    "interrupted while probing '" + binary + "'");
        } finally {
            if (p != null) {
                kill(p);
            }
            deleteTree(dir);
        }
    }

    /**
     * Waits for QEMU to create its socket, polling every 2 ms, so the connect below succeeds at
     * once (the transport's own retry backs off up to 200 ms, which would dominate the probe).
     */
    private static void awaitSocket(Process p, Path sock, Path log) throws InterruptedException {
        long deadline = System.nanoTime() + OPTIONS.connectTimeout().toNanos();
        while (!Files.exists(sock) && System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "QEMU exited with status " + p.exitValue() + " while being probed" + stderrTail(log));
            }
            Thread.sleep(2);
        }
    }

    /** {@code query-target} in libvirt's naming (QEMU's "i386" is libvirt's "i686"). */
    private static String arch(QmpClient qmp) {
        String a = qmp.connection().execute("query-target").path("arch").asText("");
        return a.equals("i386") ? "i686" : a;
    }

    private static List<QmpCpuDefinition> cpus(QmpClient qmp) {
        // not every target has CPU models over QMP (the command then fails with CommandNotFound)
        try {
            return qmp.queryCpuDefinitions();
        } catch (io.jvirt.qemu.qmp.QmpException e) {
            return List.of();
        }
    }

    private static Set<String> devices(QmpClient qmp) {
        Set<String> names = new TreeSet<>();
        for (QmpObjectType t : qmp.qomListTypes("device", false)) {
            names.add(t.name());
        }
        return names;
    }

    private static String stderrTail(Path log) {
        try {
            String s = Files.readString(log).strip();
            return s.isEmpty() ? "" : " (QEMU said: " + s.lines().reduce((a, b) -> b).orElse("") + ")";
        } catch (IOException e) {
            return "";
        }
    }

    static void kill(Process p) {
        long pid = p.pid();
        p.destroyForcibly();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        } catch (IOException ignored) {
            // a temp dir
        }
    }

    /** Turns QMP's answers into {@link QemuCaps}. */
    static QemuCaps toCaps(String binary, Result r, KvmVerdict kvm) {
        List<QemuCaps.Machine> machines = new ArrayList<>();
        for (QmpMachine m : r.machines()) {
            if (m.name().equals("none")) {
                continue;
            }
            machines.add(new QemuCaps.Machine(m.name(), m.alias(), m.isDefault(), m.cpuMax(), m.deprecated()));
        }
        List<QemuCaps.CpuModel> cpus = r.cpus().stream()
                .map(c -> new QemuCaps.CpuModel(c.name(), c.usable(), c.deprecated())).toList();
        QmpVersion v = r.version();
        long ver = v.major() * 1_000_000L + v.minor() * 1000L + v.micro();
        return new QemuCaps(binary, ver, v.packageVersion(), r.arch(), machines, cpus, r.devices(), r.kvmPresent(), kvm,
                r.hostCpu());
    }
}
