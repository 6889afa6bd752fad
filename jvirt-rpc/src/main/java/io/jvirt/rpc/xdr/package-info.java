/**
 * XDR (RFC 4506) as libvirt uses it: {@link io.jvirt.rpc.xdr.XdrWriter}, {@link io.jvirt.rpc.xdr.XdrReader}
 * and declarative {@link io.jvirt.rpc.xdr.XdrType} combinators that describe a wire struct in one
 * expression. Every length bound is checked while decoding, before anything is allocated.
 *
 * <p>Layer: rpc, lowest package. Depends on the JDK only; knows nothing of libvirt's programs,
 * messages or limits (those live in {@code io.jvirt.rpc.wire}).
 */
package io.jvirt.rpc.xdr;
