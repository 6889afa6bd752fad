package io.jvirt.rpc.xdr;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The primitive codecs and helpers behind {@link XdrType}'s constants. */
final class Primitives {
    private Primitives() {
    }

    static final XdrType<Integer> INT = new XdrType<>() {
        @Override
        public void encode(XdrWriter out, Integer value) {
            out.writeInt(Objects.requireNonNull(value, "int value"));
        }

        @Override
        public Integer decode(XdrReader in) {
            return in.readInt();
        }
    };

    static final XdrType<Long> HYPER = new XdrType<>() {
        @Override
        public void encode(XdrWriter out, Long value) {
            out.writeHyper(Objects.requireNonNull(value, "hyper value"));
        }

        @Override
        public Long decode(XdrReader in) {
            return in.readHyper();
        }

        @Override
        public int minSize() {
            return 8;
        }
    };

    static final XdrType<Double> DOUBLE = new XdrType<>() {
        @Override
        public void encode(XdrWriter out, Double value) {
            out.writeDouble(Objects.requireNonNull(value, "double value"));
        }

        @Override
        public Double decode(XdrReader in) {
            return in.readDouble();
        }

        @Override
        public int minSize() {
            return 8;
        }
    };

    static final XdrType<Boolean> BOOL = new XdrType<>() {
        @Override
        public void encode(XdrWriter out, Boolean value) {
            out.writeBool(Objects.requireNonNull(value, "bool value"));
        }

        @Override
        public Boolean decode(XdrReader in) {
            return in.readBool();
        }
    };

    static XdrType<Integer> cScalar(int mask, String what) {
        return new XdrType<>() {
            @Override
            public void encode(XdrWriter out, Integer value) {
                int v = Objects.requireNonNull(value, what);
                if ((v & ~mask) != 0) {
                    throw new XdrException(what + " value " + v + " out of range");
                }
                out.writeInt(v);
            }

            @Override
            public Integer decode(XdrReader in) {
                return in.readInt() & mask;
            }
        };
    }

    static <T> List<T> decodeElements(XdrReader in, XdrType<T> element, int n) {
        // refuse a count the input cannot hold before allocating the list
        long min = (long) n * element.minSize();
        if (min > in.remaining()) {
            throw new XdrException("truncated input: " + n + " elements need at least " + min + " bytes, "
                    + in.remaining() + " left");
        }
        List<T> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(element.decode(in));
        }
        return Collections.unmodifiableList(out);
    }

    /** Writes the first {@code length} chars of {@code value}, NUL words past its end. */
    static void writeChars(XdrWriter out, CChars value, int length) {
        byte[] b = value.bytes();
        for (int i = 0; i < length; i++) {
            // a C char is signed on the platforms libvirt runs on: rpcgen's xdr_char sign-extends
            out.writeInt(i < b.length ? b[i] : 0);
        }
    }

    static CChars readChars(XdrReader in, int n) {
        if ((long) n * 4 > in.remaining()) {
            throw new XdrException("truncated input: " + n + " chars need " + 4L * n + " bytes, " + in.remaining() + " left");
        }
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) in.readInt(); // xdr_char keeps the low 8 bits
        }
        return CChars.ofBytes(b);
    }

    static UUID uuid(byte[] b) {
        ByteBuffer bb = ByteBuffer.wrap(b);
        return new UUID(bb.getLong(), bb.getLong());
    }

    static byte[] uuidBytes(UUID u) {
        Objects.requireNonNull(u, "uuid value");
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }
}
