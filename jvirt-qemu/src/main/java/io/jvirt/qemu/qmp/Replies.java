package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Field access for decoding QMP replies into records. A required member that is missing or of the
 * wrong type throws {@link Malformed}; the caller turns that into an error naming the command. We
 * decode by hand rather than binding records with Jackson: the wire names stay visible next to the
 * record, and Jackson needs no reflective access to this module.
 */
final class Replies {

    private Replies() {
    }

    /** A reply that does not have the shape the QAPI schema promises. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isObject()) {
            throw new Malformed(describe(field, v, "an object"));
        }
        return v;
    }

    static JsonNode optObject(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw new Malformed(describe(field, v, "an object"));
        }
        return v;
    }

    static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new Malformed(describe(field, v, "a string"));
        }
        return v.textValue();
    }

    static String optText(JsonNode node, String field, String absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isTextual()) {
            throw new Malformed(describe(field, v, "a string"));
        }
        return v.textValue();
    }

    static boolean bool(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isBoolean()) {
            throw new Malformed(describe(field, v, "a boolean"));
        }
        return v.booleanValue();
    }

    static boolean optBool(JsonNode node, String field, boolean absent) {
        return optBoolean(node, field) instanceof Boolean b ? b : absent;
    }

    static Boolean optBoolean(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new Malformed(describe(field, v, "a boolean"));
        }
        return v.booleanValue();
    }

    static long number(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || !v.isIntegralNumber()) {
            throw new Malformed(describe(field, v, "an integer"));
        }
        return v.longValue();
    }

    static Long optNumber(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber()) {
            throw new Malformed(describe(field, v, "an integer"));
        }
        return v.longValue();
    }

    static long optNumber(JsonNode node, String field, long absent) {
        return optNumber(node, field) instanceof Long l ? l : absent;
    }

    static int integer(JsonNode node, String field) {
        long v = number(node, field);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new Malformed("'" + field + "' is out of range: " + v);
        }
        return (int) v;
    }

    static double optDouble(JsonNode node, String field, double absent) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return absent;
        }
        if (!v.isNumber()) {
            throw new Malformed(describe(field, v, "a number"));
        }
        return v.doubleValue();
    }

    static List<String> optTextList(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return List.of();
        }
        return list(v, field, e -> {
            if (!e.isTextual()) {
                throw new Malformed("'" + field + "' holds a non-string element");
            }
            return e.textValue();
        });
    }

    /** Decodes every element of an array. */
    static <T> List<T> list(JsonNode array, String what, Function<JsonNode, T> element) {
        if (array == null || !array.isArray()) {
            throw new Malformed(describe(what, array, "an array"));
        }
        List<T> out = new ArrayList<>(array.size());
        for (JsonNode e : array) {
            out.add(element.apply(e));
        }
        return List.copyOf(out);
    }

    private static String describe(String field, JsonNode v, String expected) {
        return v == null ? "missing '" + field + "'" : "'" + field + "' is not " + expected + ": " + abbreviate(v.toString());
    }

    static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
