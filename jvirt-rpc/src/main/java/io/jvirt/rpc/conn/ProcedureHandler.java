package io.jvirt.rpc.conn;

import io.jvirt.error.LibvirtException;

/**
 * The handler of one procedure in a {@link Dispatcher}: {@code (CallContext, Args) -> Ret}.
 *
 * @param <A> the procedure's argument type
 * @param <R> its return type ({@code Void}: return {@code null})
 */
@FunctionalInterface
public interface ProcedureHandler<A, R> {
    /** Runs the call; a {@link LibvirtException} becomes the client's error. */
    R handle(CallContext context, A args);
}
