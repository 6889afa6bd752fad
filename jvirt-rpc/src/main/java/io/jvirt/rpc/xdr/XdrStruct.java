package io.jvirt.rpc.xdr;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * An XDR struct mapped to a Java record: the fields in declaration order, each with the accessor
 * that reads it and its {@link XdrType}, and the constructor that rebuilds the record. Created
 * through the {@code XdrType.struct(...)} overloads, which keep the mapping type-safe.
 *
 * <p>Immutable and thread-safe.
 *
 * @param <R> the record type
 */
public final class XdrStruct<R> implements XdrType<R> {
    /**
     * One struct member: how to read it from the record and how to encode it.
     *
     * @param getter the record accessor
     * @param type the member's encoding
     */
    public record Field<R, F>(Function<? super R, ? extends F> getter, XdrType<F> type) {
        public Field {
            Objects.requireNonNull(getter, "getter");
            Objects.requireNonNull(type, "type");
        }
    }

    private final List<Field<R, ?>> fields;
    private final Function<Object[], R> ctor;
    private final int minSize;

    XdrStruct(List<Field<R, ?>> fields, Function<Object[], R> ctor) {
        this.fields = List.copyOf(fields);
        this.ctor = ctor;
        int min = 0;
        for (Field<R, ?> f : this.fields) {
            min += f.type().minSize();
        }
        this.minSize = min;
    }

    @Override
    public void encode(XdrWriter out, R value) {
        if (value == null) {
            throw new XdrException("missing struct value");
        }
        for (Field<R, ?> f : fields) {
            encodeField(out, f, value);
        }
    }

    private static <R, F> void encodeField(XdrWriter out, Field<R, F> f, R value) {
        f.type().encode(out, f.getter().apply(value));
    }

    @Override
    public R decode(XdrReader in) {
        Object[] values = new Object[fields.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = fields.get(i).type().decode(in);
        }
        try {
            return ctor.apply(values);
        } catch (IllegalArgumentException | NullPointerException e) {
            // a record's compact constructor rejected the decoded values
            throw new XdrException("invalid struct value: " + e.getMessage());
        }
    }

    @Override
    public int minSize() {
        return minSize;
    }

    /** A constructor of 2 components. */
    @FunctionalInterface
    public interface Ctor2<A, B, R> {
        R apply(A a, B b);
    }

    /** A constructor of 3 components. */
    @FunctionalInterface
    public interface Ctor3<A, B, C, R> {
        R apply(A a, B b, C c);
    }

    /** A constructor of 4 components. */
    @FunctionalInterface
    public interface Ctor4<A, B, C, D, R> {
        R apply(A a, B b, C c, D d);
    }

    /** A constructor of 5 components. */
    @FunctionalInterface
    public interface Ctor5<A, B, C, D, E, R> {
        R apply(A a, B b, C c, D d, E e);
    }

    /** A constructor of 6 components. */
    @FunctionalInterface
    public interface Ctor6<A, B, C, D, E, F, R> {
        R apply(A a, B b, C c, D d, E e, F f);
    }

    /** A constructor of 7 components. */
    @FunctionalInterface
    public interface Ctor7<A, B, C, D, E, F, G, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g);
    }

    /** A constructor of 8 components. */
    @FunctionalInterface
    public interface Ctor8<A, B, C, D, E, F, G, H, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h);
    }

    /** A constructor of 9 components. */
    @FunctionalInterface
    public interface Ctor9<A, B, C, D, E, F, G, H, I, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h, I i);
    }

    /** A constructor of 10 components. */
    @FunctionalInterface
    public interface Ctor10<A, B, C, D, E, F, G, H, I, J, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j);
    }

    /** A constructor of 11 components. */
    @FunctionalInterface
    public interface Ctor11<A, B, C, D, E, F, G, H, I, J, K, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j, K k);
    }

    /** A constructor of 12 components. */
    @FunctionalInterface
    public interface Ctor12<A, B, C, D, E, F, G, H, I, J, K, L, R> {
        R apply(A a, B b, C c, D d, E e, F f, G g, H h, I i, J j, K k, L l);
    }
}
