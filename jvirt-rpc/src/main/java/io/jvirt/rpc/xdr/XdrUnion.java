package io.jvirt.rpc.xdr;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An XDR discriminated union ({@code union switch (int d)}) mapped to a sealed Java type: each arm
 * is a discriminant, the record class that represents it and that record's encoding. Encoding
 * picks the arm whose class matches the value; decoding fails on a discriminant with no arm.
 *
 * <p>Immutable once built; build it with {@link XdrType#union(String)}.
 *
 * @param <T> the sealed supertype of the arms
 */
public final class XdrUnion<T> implements XdrType<T> {
    private record Arm<T>(int discriminant, Class<? extends T> type, XdrType<? extends T> codec) {
    }

    private final String name;
    private final List<Arm<T>> arms;

    private XdrUnion(String name, List<Arm<T>> arms) {
        this.name = name;
        this.arms = List.copyOf(arms);
    }

    /** Collects the arms of a union. */
    public static final class Builder<T> {
        private final String name;
        private final List<Arm<T>> arms = new ArrayList<>();

        Builder(String name) {
            this.name = Objects.requireNonNull(name, "name");
        }

        /** Adds the arm selected by {@code discriminant}, whose values are {@code type} encoded by {@code codec}. */
        public <S extends T> Builder<T> arm(int discriminant, Class<S> type, XdrType<S> codec) {
            for (Arm<T> a : arms) {
                if (a.discriminant() == discriminant || a.type() == type) {
                    throw new IllegalArgumentException(name + ": duplicate arm " + discriminant + " / " + type.getSimpleName());
                }
            }
            arms.add(new Arm<>(discriminant, type, codec));
            return this;
        }

        /** The union type. */
        public XdrUnion<T> build() {
            return new XdrUnion<>(name, arms);
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void encode(XdrWriter out, T value) {
        Objects.requireNonNull(value, name);
        for (Arm<T> a : arms) {
            if (a.type().isInstance(value)) {
                out.writeInt(a.discriminant());
                ((XdrType<Object>) a.codec()).encode(out, value);
                return;
            }
        }
        throw new XdrException(name + ": no arm for " + value.getClass().getName());
    }

    @Override
    public T decode(XdrReader in) {
        int d = in.readInt();
        for (Arm<T> a : arms) {
            if (a.discriminant() == d) {
                return a.codec().decode(in);
            }
        }
        throw new XdrException(name + ": unknown discriminant " + d);
    }

    @Override
    public int minSize() {
        return 4;
    }
}
