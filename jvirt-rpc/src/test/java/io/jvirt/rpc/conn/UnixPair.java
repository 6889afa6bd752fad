package io.jvirt.rpc.conn;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;

/** A connected pair of real UNIX-domain sockets, bound under a fresh short temp directory. */
final class UnixPair implements AutoCloseable {
    final Path dir;
    final Path path;
    final SocketChannel client;
    final SocketChannel server;

    private UnixPair(Path dir, Path path, SocketChannel client, SocketChannel server) {
        this.dir = dir;
        this.path = path;
        this.client = client;
        this.server = server;
    }

    static UnixPair open() throws IOException {
        // /tmp keeps the path well under sun_path's 108 bytes
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "jvrpc");
        Path path = dir.resolve("s");
        try (ServerSocketChannel listener = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            listener.bind(UnixDomainSocketAddress.of(path));
            SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path));
            SocketChannel server = listener.accept();
            return new UnixPair(dir, path, client, server);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
        server.close();
        Files.deleteIfExists(path);
        Files.deleteIfExists(dir);
    }
}
