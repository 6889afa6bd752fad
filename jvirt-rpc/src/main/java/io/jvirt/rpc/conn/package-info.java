/**
 * Transport-agnostic connections speaking libvirt's remote protocol over a byte stream
 * ({@code InputStream}/{@code OutputStream} or a {@code ByteChannel}: UNIX socket, TCP, TLS, an ssh
 * child's pipes): {@link io.jvirt.rpc.conn.RpcServerConnection} for the daemon side and
 * {@link io.jvirt.rpc.conn.RpcClientConnection} for the client side.
 *
 * <p>Threading: each connection has one reader (a virtual thread) that never runs user code except
 * the client's event listener; the server runs every call on its own virtual thread; writes are
 * serialised per connection by a lock held only while one message is written. Keepalive timers run
 * on an injectable scheduler and clock.
 *
 * <p>Layer: rpc. Depends on {@code io.jvirt.rpc.proto}, {@code io.jvirt.rpc.wire},
 * {@code io.jvirt.rpc.xdr} and {@code io.jvirt.error} (core). Knows no driver.
 */
package io.jvirt.rpc.conn;
