package io.jvirt;

import java.util.Objects;

/**
 * A named, typed value ({@code virTypedParameter}), as the tuning calls take and return them.
 * The value is an {@link Integer} (INT, UINT: bits kept), a {@link Long} (LLONG, ULLONG: bits
 * kept), a {@link Double}, a {@link Boolean} or a {@link String}, as the type says.
 *
 * @param field the parameter's name ("hard_limit", "cpu_shares" ...)
 * @param type  the value's type
 * @param value the value
 */
public record TypedParameter(String field, Type type, Object value) {
    /** libvirt's typed parameter types, in their wire order (1 to 7). */
    public enum Type { INT, UINT, LLONG, ULLONG, DOUBLE, BOOLEAN, STRING }

    public TypedParameter {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        boolean ok = switch (type) {
            case INT, UINT -> value instanceof Integer;
            case LLONG, ULLONG -> value instanceof Long;
            case DOUBLE -> value instanceof Double;
            case BOOLEAN -> value instanceof Boolean;
            case STRING -> value instanceof String;
        };
        if (!ok) {
            throw new IllegalArgumentException("parameter " + field + ": a " + type + " cannot hold "
                    + value.getClass().getSimpleName());
        }
    }

    public static TypedParameter ofULong(String field, long v) {
        return new TypedParameter(field, Type.ULLONG, v);
    }

    public static TypedParameter ofLong(String field, long v) {
        return new TypedParameter(field, Type.LLONG, v);
    }

    public static TypedParameter ofUInt(String field, int v) {
        return new TypedParameter(field, Type.UINT, v);
    }

    public static TypedParameter ofInt(String field, int v) {
        return new TypedParameter(field, Type.INT, v);
    }

    public static TypedParameter ofString(String field, String v) {
        return new TypedParameter(field, Type.STRING, v);
    }

    /** The value as a number (unsigned types widened without sign); a string is parsed. */
    public long asLong() {
        return switch (value) {
            case Integer i -> type == Type.UINT ? Integer.toUnsignedLong(i) : i;
            case Long l -> l;
            case Double d -> d.longValue();
            case Boolean b -> b ? 1 : 0;
            case String s -> Long.parseLong(s.strip());
            default -> throw new IllegalStateException();
        };
    }

    /** The value as text, unsigned types without sign, as virsh prints it. */
    public String asText() {
        return switch (value) {
            case Integer i -> type == Type.UINT ? Integer.toUnsignedString(i) : i.toString();
            case Long l -> type == Type.ULLONG ? Long.toUnsignedString(l) : l.toString();
            case Double d -> String.format(java.util.Locale.ROOT, "%f", d);
            case Boolean b -> b ? "yes" : "no";
            case String s -> s;
            default -> throw new IllegalStateException();
        };
    }
}
