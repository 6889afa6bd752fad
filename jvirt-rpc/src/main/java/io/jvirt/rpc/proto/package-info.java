/**
 * The protocol tables: one {@link io.jvirt.rpc.proto.Procedure} per procedure of the REMOTE, QEMU
 * and KEEPALIVE programs (number, name, argument and return encodings, read-only flag, priority),
 * grouped by family ({@code ConnectProcedures}, {@code DomainProcedures}, ...) and indexed by
 * {@link io.jvirt.rpc.proto.ProcedureTable}, plus the argument/return records they use
 * ({@code ConnectMessages}, {@code DomainMessages}, ...). Written from the facts in
 * remote-protocol.md; no libvirt {@code .x} file or code is copied.
 *
 * <p>The table is the single source of truth: the server's dispatch, the read-only gate, the codec
 * and the client stubs all read it.
 *
 * <p>Layer: rpc. Depends on {@code io.jvirt.rpc.xdr} and {@code io.jvirt.rpc.wire}.
 */
package io.jvirt.rpc.proto;
