package io.jvirt.daemon;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * A UNIX socket listener: its file gets the configured permissions (0600 read-write, 0666
 * read-only in system mode); clients on a read-only socket can only call read-only procedures.
 */
final class UnixListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(UnixListener.class.getName());
    private final Path path;
    private final ServerSocketChannel server;
    private final Thread acceptor;

    private UnixListener(Path path, ServerSocketChannel server, boolean readOnly, Clients clients) {
        this.path = path;
        this.server = server;
        this.acceptor = Thread.ofPlatform().name("jvirtd-accept-" + path.getFileName()).daemon()
                .unstarted(() -> acceptLoop(readOnly, clients));
    }

    static UnixListener open(Path path, int perms, boolean readOnly, Clients clients) {
        try {
            Files.createDirectories(path.getParent());
            if (Files.exists(path)) {
                if (inUse(path)) {
                    throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.RPC,
                            "another daemon is already listening on " + path);
                }
                Files.delete(path); // stale, from a daemon that died
            }
            ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            s.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, toSet(perms));
            UnixListener l = new UnixListener(path, s, readOnly, clients);
            l.acceptor.start();
            return l;
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot listen on " + path + ": " + e.getMessage(), e);
        }
    }

    private static boolean inUse(Path path) {
        try (SocketChannel c = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static Set<PosixFilePermission> toSet(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                out.add(order[i]);
            }
        }
        return out;
    }

    private void acceptLoop(boolean readOnly, Clients clients) {
        while (server.isOpen()) {
            try {
                SocketChannel ch = server.accept();
                clients.accept(ch, readOnly, path.toString());
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.log(System.Logger.Level.WARNING, "accept on " + path + " failed: " + e.getMessage());
                }
            }
        }
    }

    Path path() {
        return path;
    }

    /** Stops accepting and removes the socket file. */
    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(path);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing " + path + ": " + e.getMessage());
        }
    }
}
