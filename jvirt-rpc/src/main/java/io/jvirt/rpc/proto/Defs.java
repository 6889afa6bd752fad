package io.jvirt.rpc.proto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import io.jvirt.rpc.xdr.XdrType;

/**
 * Collects one family's procedures as they are declared, so that a family cannot forget to list
 * one of its constants in the table.
 */
final class Defs {
    /** Read-only access: allowed on a read-only connection. */
    static final boolean RO = true;
    /** Read-write access: refused on a read-only connection. */
    static final boolean RW = false;

    private final Program program;
    private final List<Procedure<?, ?>> list = new ArrayList<>();

    Defs(Program program) {
        this.program = program;
    }

    /** A call answered by a reply. */
    <A, R> Procedure<A, R> call(int number, String name, XdrType<A> args, XdrType<R> ret, boolean readOnly,
            Priority priority) {
        return add(new Procedure<>(program, number, name, Procedure.Kind.CALL, args, ret, readOnly, priority, false));
    }

    /** A call whose success opens a stream on the call's serial. */
    <A, R> Procedure<A, R> streamCall(int number, String name, XdrType<A> args, XdrType<R> ret, boolean readOnly,
            Priority priority) {
        return add(new Procedure<>(program, number, name, Procedure.Kind.CALL, args, ret, readOnly, priority, true));
    }

    /** A message (event or keepalive) with body {@code body}. */
    <A> Procedure<A, Void> message(int number, String name, XdrType<A> body) {
        return add(new Procedure<>(program, number, name, Procedure.Kind.MESSAGE, body, XdrType.VOID, RO, Priority.HIGH,
                false));
    }

    private <A, R> Procedure<A, R> add(Procedure<A, R> p) {
        list.add(p);
        return p;
    }

    List<Procedure<?, ?>> all() {
        return Collections.unmodifiableList(list);
    }
}
