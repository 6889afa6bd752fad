package io.jvirt.qemu.driver;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Per-domain runtime directories and the QMP socket path. A UNIX socket path must fit sun_path
 * (108 bytes with the NUL; the JDK connects to at most 106). When {@code STATEDIR/domain-ID-NAME/monitor.sock} would not fit (a long
 * embed root), the socket goes to a short private directory instead,
 * {@code $XDG_RUNTIME_DIR/jvirt-HASH} or {@code /tmp/jvirt-UID-HASH}, created 0700 and checked to
 * be ours; the status file records the real path so reattach finds it. If even that does not
 * fit, start fails with a message naming the path and the limit.
 */
final class RuntimeDirs {
    static final int MAX_SOCKET_PATH = io.jvirt.qemu.qmp.QmpTransport.MAX_SOCKET_PATH_BYTES;

    private RuntimeDirs() {
    }

    static String shortName(String name) {
        String s = name.length() > 20 ? name.substring(0, 20) : name;
        return s.replaceAll("[^A-Za-z0-9_.+-]", "_");
    }

    static Path domainDir(Path stateDir, int id, String name) {
        return stateDir.resolve("domain-" + id + "-" + shortName(name));
    }

    static Path monitorSocket(Path domainDir, Path stateDir, int id) {
        Path p = domainDir.resolve("monitor.sock");
        if (fits(p)) {
            return p;
        }
        Path base = shortBase(stateDir);
        Path alt = base.resolve(id + ".qmp");
        if (!fits(alt)) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "monitor socket path '" + p + "' is longer than the " + MAX_SOCKET_PATH
                            + "-byte UNIX socket limit, and so is the fallback '" + alt + "'; use a shorter root");
        }
        return alt;
    }

    /** Removes a socket file if present; failures are ignored (the next start fails clearly). */
    static void deleteSocket(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            // left for QEMU, which unlinks before binding
        }
    }

    static boolean fits(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_SOCKET_PATH;
    }

    private static Path shortBase(Path stateDir) {
        String hash;
        try {
            hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(stateDir.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        Path base = xdg != null && !xdg.isEmpty() && Files.isDirectory(Path.of(xdg))
                ? Path.of(xdg, "jvirt-" + hash)
                : Path.of("/tmp", "jvirt-" + uid() + "-" + hash);
        try {
            if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (Files.isSymbolicLink(base) || !Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)
                    || !Files.getOwner(base, LinkOption.NOFOLLOW_LINKS).getName().equals(System.getProperty("user.name"))) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "refusing to use '" + base + "' for monitor sockets: not a directory owned by this user");
            }
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot create '" + base + "': " + e.getMessage(), e);
        }
        return base;
    }

    private static String uid() {
        try {
            return String.valueOf(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return System.getProperty("user.name");
        }
    }

    static void create(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (var s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort: a leftover runtime file does no harm
                }
            });
        } catch (IOException ignored) {
            // best effort
        }
    }
}
