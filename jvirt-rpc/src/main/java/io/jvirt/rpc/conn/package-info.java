/**
 * Transport-agnostic connections speaking libvirt's remote protocol over a byte stream
 * ({@code InputStream}/{@code OutputStream} or a {@code ByteChannel}: UNIX socket, TCP, TLS, an ssh
 * child's pipes): {@link io.jvirt.rpc.conn.RpcServerConnection} for the daemon side and
 * {@link io.jvirt.rpc.conn.RpcClientConnection} for the client side.
 *
 * <p>Threading: each connection has one reader and one writer (virtual threads). The reader runs
 * no user code except listeners that must return fast (the client's event and stream listeners,
 * the server's stream handler); the server runs every call on its own virtual thread. Sending only
 * queues the encoded message for the writer, so no caller blocks on a slow peer and no lock is held
 * across I/O. Keepalive timers run on an injectable scheduler and clock.
 *
 * <p>Layer: rpc. Depends on {@code io.jvirt.rpc.proto}, {@code io.jvirt.rpc.wire},
 * {@code io.jvirt.rpc.xdr} and {@code io.jvirt.error} (core). Knows no driver.
 */
package io.jvirt.rpc.conn;
