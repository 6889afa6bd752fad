package io.jvirt.rpc.proto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every procedure of every program, indexed by (program, number): the single source of truth read
 * by the server's dispatch and read-only gate, the codec and the client stubs. Built once, when
 * the class is initialised; a duplicate number fails that initialisation. Thread-safe.
 */
public final class ProcedureTable {
    private ProcedureTable() {
    }

    private static final List<Procedure<?, ?>> ALL;
    private static final Map<Long, Procedure<?, ?>> BY_KEY;

    static {
        List<Procedure<?, ?>> all = new ArrayList<>();
        all.addAll(ConnectProcedures.all());
        all.addAll(DomainProcedures.all());
        all.addAll(EventProcedures.all());
        all.addAll(SecretProcedures.all());
        all.addAll(NodeDeviceProcedures.all());
        all.addAll(TuningProcedures.all());
        all.addAll(QemuProcedures.all());
        all.addAll(KeepaliveProcedures.all());
        Map<Long, Procedure<?, ?>> byKey = new HashMap<>();
        for (Procedure<?, ?> p : all) {
            Procedure<?, ?> old = byKey.put(key(p.program(), p.number()), p);
            if (old != null) {
                throw new IllegalStateException("duplicate procedure number: " + old + " and " + p);
            }
        }
        ALL = List.copyOf(all);
        BY_KEY = Map.copyOf(byKey);
    }

    private static long key(Program program, int number) {
        return (long) program.ordinal() << 32 | Integer.toUnsignedLong(number);
    }

    /** Every procedure, program by program, in declaration order. */
    public static List<Procedure<?, ?>> all() {
        return ALL;
    }

    /** The procedure {@code number} of {@code program}, if the table has it. */
    public static Optional<Procedure<?, ?>> find(Program program, int number) {
        return Optional.ofNullable(BY_KEY.get(key(program, number)));
    }

    /** The procedure with wire program number, version and procedure number, if any. */
    public static Optional<Procedure<?, ?>> find(int program, int version, int number) {
        Program p = Program.of(program, version);
        return p == null ? Optional.empty() : find(p, number);
    }
}
