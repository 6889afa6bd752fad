package io.jvirt.qemu.paths;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Every directory the QEMU driver uses, derived from one root. Embedded mode uses libvirt's embed
 * layout under the root; session and system mode use jvirt's own directories (never libvirt's,
 * so jvirt and libvirtd can run side by side).
 *
 * @param mode        "embed", "session" or "system"
 * @param root        the embed root, or null for session/system
 * @param logDir      QEMU logs ({@code NAME.log})
 * @param swtpmLogDir swtpm logs
 * @param configDir   persistent definitions ({@code NAME.xml}) and qemu.conf's neighbours
 * @param stateDir    status files and runtime sockets of running domains
 * @param swtpmStateDir swtpm runtime state
 * @param cacheDir    capability cache
 * @param libDir      per-domain data (managed save images, nvram)
 * @param swtpmStorageDir swtpm storage
 * @param pkiDir      default TLS x509 certificate dir for QEMU
 * @param qemuConf    the qemu.conf file read at open (may not exist)
 */
public record DriverPaths(String mode, Path root, Path logDir, Path swtpmLogDir, Path configDir, Path stateDir,
                          Path swtpmStateDir, Path cacheDir, Path libDir, Path swtpmStorageDir, Path pkiDir,
                          Path qemuConf) {
    public DriverPaths {
        Objects.requireNonNull(mode, "mode");
    }

    /** The embedded layout under an absolute root ({@code qemu:///embed?root=DIR}). */
    public static DriverPaths embedded(String root) {
        if (root == null || root.isEmpty()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "root parameter required for embedded driver");
        }
        Path r = Path.of(root);
        if (!r.isAbsolute()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "root path '" + root + "' for embedded driver must be absolute");
        }
        r = r.normalize();
        return new DriverPaths("embed", r, r.resolve("log/qemu"), r.resolve("log/swtpm"), r.resolve("etc/qemu"),
                r.resolve("run/qemu"), r.resolve("run/swtpm"), r.resolve("cache/qemu"), r.resolve("lib/qemu"),
                r.resolve("lib/swtpm"), r.resolve("etc/pki/qemu"), r.resolve("etc/qemu.conf"));
    }

    /**
     * The per-user layout: XDG config, runtime and cache directories, under a {@code jvirt}
     * directory of each.
     */
    public static DriverPaths session(Path configHome, Path runtimeDir, Path cacheHome) {
        Path cfg = configHome.resolve("jvirt");
        Path cache = cacheHome.resolve("jvirt/qemu");
        Path run = runtimeDir.resolve("jvirt/qemu/run");
        return new DriverPaths("session", null, cache.resolve("log"), cache.resolve("log/swtpm"), cfg.resolve("qemu"),
                run, run.resolve("swtpm"), cache.resolve("cache"), cfg.resolve("qemu/lib"),
                cfg.resolve("qemu/swtpm"), cfg.resolve("qemu/pki"), cfg.resolve("qemu.conf"));
    }

    /** The privileged layout under a prefix ("/" for the real system; tests use a temp dir). */
    public static DriverPaths system(Path prefix) {
        Path p = prefix;
        return new DriverPaths("system", null, p.resolve("var/log/jvirt/qemu"), p.resolve("var/log/swtpm/jvirt/qemu"),
                p.resolve("etc/jvirt/qemu"), p.resolve("run/jvirt/qemu"), p.resolve("run/jvirt/qemu/swtpm"),
                p.resolve("var/cache/jvirt/qemu"), p.resolve("var/lib/jvirt/qemu"), p.resolve("var/lib/jvirt/swtpm"),
                p.resolve("etc/pki/qemu"), p.resolve("etc/jvirt/qemu.conf"));
    }

    /** The directories to create, in order. */
    public List<Path> directories() {
        return List.of(logDir, swtpmLogDir, configDir, pkiDir, stateDir, swtpmStateDir, cacheDir, libDir,
                swtpmStorageDir);
    }

    /** Where autostart links live. */
    public Path autostartDir() {
        return configDir.resolve("autostart");
    }
}
