package io.jvirt.rpc.xdr;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

import io.jvirt.rpc.xdr.XdrStruct.Field;

/**
 * How one wire type is encoded and decoded: XDR primitives as constants, composite types as
 * combinators, so that a procedure's arguments are described by one expression such as
 * {@code struct(OpenArgs::new, field(OpenArgs::name, optional(string(4194304))), field(OpenArgs::flags, UINT))}.
 *
 * <p>Conventions: unsigned XDR integers keep their bits in Java's signed types ({@code UINT} is an
 * {@code Integer}, {@code UHYPER} a {@code Long}; use {@link Integer#toUnsignedLong} to widen); an
 * optional pointer is a nullable value; {@link #VOID} decodes to {@code null}. Implementations are
 * immutable and thread-safe.
 *
 * @param <T> the Java type of a value
 */
public interface XdrType<T> {
    /** Appends {@code value}. */
    void encode(XdrWriter out, T value);

    /** Reads one value; throws {@link XdrException} on malformed or over-limit input. */
    T decode(XdrReader in);

    /**
     * The fewest bytes a value can take on the wire. Array decoding uses it to refuse a count that
     * the remaining input cannot possibly hold before allocating anything.
     */
    default int minSize() {
        return 4;
    }

    /** This encoding, seen as another Java type through a pair of conversions. */
    default <U> XdrType<U> map(Function<? super T, ? extends U> decoded, Function<? super U, ? extends T> encoded) {
        XdrType<T> self = this;
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, U value) {
                self.encode(out, encoded.apply(value));
            }

            @Override
            public U decode(XdrReader in) {
                return decoded.apply(self.decode(in));
            }

            @Override
            public int minSize() {
                return self.minSize();
            }
        };
    }

    /** No bytes at all (XDR {@code void}); the value is always {@code null}. */
    XdrType<Void> VOID = new XdrType<>() {
        @Override
        public void encode(XdrWriter out, Void value) {
        }

        @Override
        public Void decode(XdrReader in) {
            return null;
        }

        @Override
        public int minSize() {
            return 0;
        }
    };

    /** XDR {@code int}. */
    XdrType<Integer> INT = Primitives.INT;
    /** XDR {@code unsigned int}, bits kept in an {@code Integer}. */
    XdrType<Integer> UINT = Primitives.INT;
    /** XDR {@code hyper}. */
    XdrType<Long> HYPER = Primitives.HYPER;
    /** XDR {@code unsigned hyper}, bits kept in a {@code Long}. */
    XdrType<Long> UHYPER = Primitives.HYPER;
    /** XDR {@code double}. */
    XdrType<Double> DOUBLE = Primitives.DOUBLE;
    /** XDR {@code bool}. */
    XdrType<Boolean> BOOL = Primitives.BOOL;
    /**
     * A scalar C {@code unsigned char}: a full 4-byte word on the wire (rpcgen's rule), value
     * 0..255; decoding keeps the low 8 bits as {@code xdr_u_char} does.
     */
    XdrType<Integer> UCHAR = Primitives.cScalar(0xff, "unsigned char");
    /** A scalar C {@code unsigned short}: a full 4-byte word, value 0..65535. */
    XdrType<Integer> USHORT = Primitives.cScalar(0xffff, "unsigned short");
    /** A 16-byte binary UUID ({@code opaque[16]}, no length word, no padding). */
    XdrType<UUID> UUID = fixedOpaque(16).map(Primitives::uuid, Primitives::uuidBytes);

    /** A struct member: {@code getter} reads it from the record, {@code type} encodes it. */
    static <R, F> Field<R, F> field(Function<? super R, ? extends F> getter, XdrType<F> type) {
        return new Field<>(getter, type);
    }

    /** {@code string<max>}: UTF-8 bytes, at most {@code max} of them. */
    static XdrType<String> string(long max) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, String value) {
                out.writeString(value, max);
            }

            @Override
            public String decode(XdrReader in) {
                return in.readString(max);
            }
        };
    }

    /** {@code opaque<max>}. */
    static XdrType<byte[]> opaque(long max) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, byte[] value) {
                out.writeOpaque(value, max);
            }

            @Override
            public byte[] decode(XdrReader in) {
                return in.readOpaque(max);
            }
        };
    }

    /** {@code opaque[length]}. */
    static XdrType<byte[]> fixedOpaque(int length) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, byte[] value) {
                out.writeFixedOpaque(value, length);
            }

            @Override
            public byte[] decode(XdrReader in) {
                return in.readFixedOpaque(length);
            }

            @Override
            public int minSize() {
                return (length + 3) & ~3;
            }
        };
    }

    /**
     * An optional pointer {@code T *}: discriminant 0 and nothing ({@code null}) or 1 and the value.
     * Any other discriminant fails to decode.
     */
    static <T> XdrType<T> optional(XdrType<T> type) {
        Objects.requireNonNull(type, "type");
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, T value) {
                if (value == null) {
                    out.writeInt(0);
                } else {
                    out.writeInt(1);
                    type.encode(out, value);
                }
            }

            @Override
            public T decode(XdrReader in) {
                int d = in.readInt();
                return switch (d) {
                    case 0 -> null;
                    case 1 -> type.decode(in);
                    default -> throw new XdrException("bad optional-pointer discriminant " + Integer.toUnsignedString(d));
                };
            }
        };
    }

    /** {@code T<max>}: a count word (at most {@code max}), then the elements. */
    static <T> XdrType<List<T>> array(XdrType<T> element, int max) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, List<T> value) {
                Objects.requireNonNull(value, "array value");
                if (value.size() > max) {
                    throw new XdrException("array length " + value.size() + " exceeds maximum " + max);
                }
                out.writeInt(value.size());
                for (T t : value) {
                    element.encode(out, t);
                }
            }

            @Override
            public List<T> decode(XdrReader in) {
                int n = in.readLength(max, "array");
                return Primitives.decodeElements(in, element, n);
            }
        };
    }

    /** {@code T[length]}: exactly {@code length} elements, no count word. */
    static <T> XdrType<List<T>> fixedArray(XdrType<T> element, int length) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, List<T> value) {
                if (value.size() != length) {
                    throw new XdrException("fixed array needs " + length + " elements, got " + value.size());
                }
                for (T t : value) {
                    element.encode(out, t);
                }
            }

            @Override
            public List<T> decode(XdrReader in) {
                return Primitives.decodeElements(in, element, length);
            }

            @Override
            public int minSize() {
                return element.minSize() * length;
            }
        };
    }

    /**
     * C {@code char[length]}: exactly {@code length} chars, each a 4-byte word. A shorter value is
     * padded with NUL chars (as a C string in a fixed buffer); a longer one fails.
     */
    static XdrType<CChars> charArray(int length) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, CChars value) {
                Objects.requireNonNull(value, "char array value");
                if (value.length() > length) {
                    throw new XdrException("char array length " + value.length() + " exceeds " + length);
                }
                Primitives.writeChars(out, value, length);
            }

            @Override
            public CChars decode(XdrReader in) {
                return Primitives.readChars(in, length);
            }

            @Override
            public int minSize() {
                return 4 * length;
            }
        };
    }

    /**
     * C {@code char<max>}: a count word (at most {@code max}; libvirt counts a string's
     * terminating NUL), then one 4-byte word per char.
     */
    static XdrType<CChars> charVector(int max) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, CChars value) {
                Objects.requireNonNull(value, "char vector value");
                if (value.length() > max) {
                    throw new XdrException("char vector length " + value.length() + " exceeds maximum " + max);
                }
                out.writeInt(value.length());
                Primitives.writeChars(out, value, value.length());
            }

            @Override
            public CChars decode(XdrReader in) {
                int n = in.readLength(max, "char vector");
                return Primitives.readChars(in, n);
            }
        };
    }

    /** Starts a discriminated union named {@code name} (the name appears in error messages). */
    static <T> XdrUnion.Builder<T> union(String name) {
        return new XdrUnion.Builder<>(name);
    }

    /** A struct of 1 field, decoded through a one-argument constructor. */
    @SuppressWarnings("unchecked")
    static <R, A> XdrType<R> struct(java.util.function.Function<A, R> ctor, Field<R, A> f0) {
        return new XdrStruct<>(List.of(f0), v -> ctor.apply((A) v[0]));
    }

    /** A struct of 2 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B> XdrType<R> struct(XdrStruct.Ctor2<A, B, R> ctor, Field<R, A> f0, Field<R, B> f1) {
        return new XdrStruct<>(List.of(f0, f1), v -> ctor.apply((A) v[0], (B) v[1]));
    }

    /** A struct of 3 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C> XdrType<R> struct(XdrStruct.Ctor3<A, B, C, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2) {
        return new XdrStruct<>(List.of(f0, f1, f2), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2]));
    }

    /** A struct of 4 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D> XdrType<R> struct(XdrStruct.Ctor4<A, B, C, D, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3]));
    }

    /** A struct of 5 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E> XdrType<R> struct(XdrStruct.Ctor5<A, B, C, D, E, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4]));
    }

    /** A struct of 6 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F> XdrType<R> struct(XdrStruct.Ctor6<A, B, C, D, E, F, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5]));
    }

    /** A struct of 7 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F, G> XdrType<R> struct(XdrStruct.Ctor7<A, B, C, D, E, F, G, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5, Field<R, G> f6) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5, f6), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5], (G) v[6]));
    }

    /** A struct of 8 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F, G, H> XdrType<R> struct(XdrStruct.Ctor8<A, B, C, D, E, F, G, H, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5, Field<R, G> f6, Field<R, H> f7) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5, f6, f7), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5], (G) v[6], (H) v[7]));
    }

    /** A struct of 9 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F, G, H, I> XdrType<R> struct(XdrStruct.Ctor9<A, B, C, D, E, F, G, H, I, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5, Field<R, G> f6, Field<R, H> f7, Field<R, I> f8) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5, f6, f7, f8), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5], (G) v[6], (H) v[7], (I) v[8]));
    }

    /** A struct of 10 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F, G, H, I, J> XdrType<R> struct(XdrStruct.Ctor10<A, B, C, D, E, F, G, H, I, J, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5, Field<R, G> f6, Field<R, H> f7, Field<R, I> f8, Field<R, J> f9) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5], (G) v[6], (H) v[7], (I) v[8], (J) v[9]));
    }

    /** A struct of 11 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F, G, H, I, J, K> XdrType<R> struct(XdrStruct.Ctor11<A, B, C, D, E, F, G, H, I, J, K, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5, Field<R, G> f6, Field<R, H> f7, Field<R, I> f8, Field<R, J> f9, Field<R, K> f10) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5], (G) v[6], (H) v[7], (I) v[8], (J) v[9], (K) v[10]));
    }

    /** A struct of 12 fields, decoded through its canonical constructor. */
    @SuppressWarnings("unchecked")
    static <R, A, B, C, D, E, F, G, H, I, J, K, L> XdrType<R> struct(XdrStruct.Ctor12<A, B, C, D, E, F, G, H, I, J, K, L, R> ctor, Field<R, A> f0, Field<R, B> f1, Field<R, C> f2, Field<R, D> f3, Field<R, E> f4, Field<R, F> f5, Field<R, G> f6, Field<R, H> f7, Field<R, I> f8, Field<R, J> f9, Field<R, K> f10, Field<R, L> f11) {
        return new XdrStruct<>(List.of(f0, f1, f2, f3, f4, f5, f6, f7, f8, f9, f10, f11), v -> ctor.apply((A) v[0], (B) v[1], (C) v[2], (D) v[3], (E) v[4], (F) v[5], (G) v[6], (H) v[7], (I) v[8], (J) v[9], (K) v[10], (L) v[11]));
    }
}
