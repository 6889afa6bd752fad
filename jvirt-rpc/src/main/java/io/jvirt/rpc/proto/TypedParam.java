package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.DOUBLE;
import static io.jvirt.rpc.xdr.XdrType.HYPER;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UHYPER;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.Objects;

import io.jvirt.rpc.xdr.XdrType;

/**
 * {@code remote_typed_param}: a named value whose type is chosen by a discriminant
 * (1 INT, 2 UINT, 3 LLONG, 4 ULLONG, 5 DOUBLE, 6 BOOLEAN, 7 STRING).
 *
 * @param field the parameter's name
 * @param value the typed value
 */
public record TypedParam(String field, Value value) {
    public TypedParam {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
    }

    /** The union of typed values; switch over it without {@code default}. */
    public sealed interface Value {
    }

    /** 1: {@code int}. */
    public record IntValue(int value) implements Value {
    }

    /** 2: {@code unsigned int}, bits kept in an {@code int}. */
    public record UIntValue(int value) implements Value {
    }

    /** 3: {@code long long}. */
    public record LongValue(long value) implements Value {
    }

    /** 4: {@code unsigned long long}, bits kept in a {@code long}. */
    public record ULongValue(long value) implements Value {
    }

    /** 5: {@code double}. */
    public record DoubleValue(double value) implements Value {
    }

    /** 6: boolean, an {@code int} 0/1 on the wire (any non-zero decodes as true). */
    public record BooleanValue(boolean value) implements Value {
    }

    /** 7: string (only when the client announced TYPED_PARAM_STRING). */
    public record StringValue(String value) implements Value {
        public StringValue {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value union's encoding. */
    public static final XdrType<Value> VALUE_XDR = XdrType.<Value>union("remote_typed_param_value")
            .arm(1, IntValue.class, INT.map(IntValue::new, IntValue::value))
            .arm(2, UIntValue.class, UINT.map(UIntValue::new, UIntValue::value))
            .arm(3, LongValue.class, HYPER.map(LongValue::new, LongValue::value))
            .arm(4, ULongValue.class, UHYPER.map(ULongValue::new, ULongValue::value))
            .arm(5, DoubleValue.class, DOUBLE.map(DoubleValue::new, DoubleValue::value))
            .arm(6, BooleanValue.class, INT.map(i -> new BooleanValue(i != 0), b -> b.value() ? 1 : 0))
            .arm(7, StringValue.class, STRING.map(StringValue::new, StringValue::value))
            .build();

    /** The encoding: {@code str field;} then the value union. */
    public static final XdrType<TypedParam> XDR = struct(TypedParam::new,
            XdrType.field(TypedParam::field, STRING), XdrType.field(TypedParam::value, VALUE_XDR));

    /** The wire form of an API parameter. */
    public static TypedParam of(io.jvirt.TypedParameter p) {
        Value v = switch (p.type()) {
            case INT -> new IntValue((Integer) p.value());
            case UINT -> new UIntValue((Integer) p.value());
            case LLONG -> new LongValue((Long) p.value());
            case ULLONG -> new ULongValue((Long) p.value());
            case DOUBLE -> new DoubleValue((Double) p.value());
            case BOOLEAN -> new BooleanValue((Boolean) p.value());
            case STRING -> new StringValue((String) p.value());
        };
        return new TypedParam(p.field(), v);
    }

    /** The API form of this parameter. */
    public io.jvirt.TypedParameter toApi() {
        return switch (value) {
            case IntValue v -> io.jvirt.TypedParameter.ofInt(field, v.value());
            case UIntValue v -> io.jvirt.TypedParameter.ofUInt(field, v.value());
            case LongValue v -> io.jvirt.TypedParameter.ofLong(field, v.value());
            case ULongValue v -> io.jvirt.TypedParameter.ofULong(field, v.value());
            case DoubleValue v -> new io.jvirt.TypedParameter(field, io.jvirt.TypedParameter.Type.DOUBLE, v.value());
            case BooleanValue v -> new io.jvirt.TypedParameter(field, io.jvirt.TypedParameter.Type.BOOLEAN, v.value());
            case StringValue v -> io.jvirt.TypedParameter.ofString(field, v.value());
        };
    }
}
