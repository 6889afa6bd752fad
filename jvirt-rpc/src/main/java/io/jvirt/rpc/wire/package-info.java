/**
 * The message layer of libvirt's remote protocol: {@link io.jvirt.rpc.wire.Header},
 * {@link io.jvirt.rpc.wire.Message}, {@link io.jvirt.rpc.wire.Framing} (length word, size checks
 * before allocation), {@link io.jvirt.rpc.wire.RemoteError} and the shared wire types
 * ({@link io.jvirt.rpc.wire.WireDomain}, {@link io.jvirt.rpc.wire.WireTypes}) and the protocol's
 * size {@link io.jvirt.rpc.wire.Limits}.
 *
 * <p>Layer: rpc. Depends on {@code io.jvirt.rpc.xdr} and {@code io.jvirt.error} (core) only.
 */
package io.jvirt.rpc.wire;
