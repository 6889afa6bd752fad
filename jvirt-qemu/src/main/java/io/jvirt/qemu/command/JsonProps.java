package io.jvirt.qemu.command;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An ordered set of QEMU properties for {@code -device}, {@code -object}, {@code -netdev},
 * {@code -blockdev} or {@code -chardev}, and the one place that turns them into QEMU syntax: JSON
 * ({@link #toJson()}) or {@code key=value,...} with commas in values doubled
 * ({@link #toKeyValue(String)}). No other code builds option strings.
 *
 * <p>Values are String, Long/Integer, Boolean, a list of strings (repeated keys) or nested JsonProps. Immutable; build with
 * {@link #builder()}.
 */
public final class JsonProps {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A JSON {@code null} value (e.g. {@code "backing":null}: an image with no backing node). */
    public static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "null";
        }
    };
    private final Map<String, Object> props;

    private JsonProps(Map<String, Object> props) {
        this.props = Collections.unmodifiableMap(props);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Map<String, Object> asMap() {
        return props;
    }

    public Object get(String key) {
        return props.get(key);
    }

    /** Compact JSON, keys in insertion order. */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(toNode());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The properties as a Jackson object (for QMP commands such as device_add). */
    public ObjectNode toNode() {
        ObjectNode n = MAPPER.createObjectNode();
        props.forEach((k, v) -> {
            switch (v) {
                case String s -> n.put(k, s);
                case Integer i -> n.put(k, i);
                case Long l -> n.put(k, l);
                case Boolean b -> n.put(k, b);
                case JsonProps p -> n.set(k, p.toNode());
                case Object o when o == NULL -> n.putNull(k);
                case List<?> list -> {
                    var arr = n.putArray(k);
                    list.forEach(x -> {
                        if (x instanceof JsonProps p) {
                            arr.add(p.toNode());
                        } else if (x instanceof Integer i) {
                            arr.add(i);
                        } else {
                            arr.add(String.valueOf(x));
                        }
                    });
                }
                default -> throw new IllegalStateException("unsupported property type for " + k + ": " + v.getClass());
            }
        });
        return n;
    }

    /**
     * {@code lead,key=value,...}: {@code lead} (e.g. the backend type, may be null) first without a
     * key. Booleans become on/off. Commas in every value are doubled, so no value can inject an
     * option.
     */
    public String toKeyValue(String leadKey) {
        List<String> parts = new ArrayList<>();
        for (var e : props.entrySet()) {
            Object v = e.getValue();
            if (v instanceof List<?> list) {
                // repeated keys (e.g. several hostfwd= for -netdev user)
                list.forEach(x -> parts.add(e.getKey() + "=" + escape(String.valueOf(x))));
                continue;
            }
            String text = switch (v) {
                case Boolean b -> b ? "on" : "off";
                case JsonProps p -> throw new IllegalStateException("nested property " + e.getKey() + " in key=value syntax");
                case Object o when o == NULL -> throw new IllegalStateException("null property " + e.getKey() + " in key=value syntax");
                default -> String.valueOf(v);
            };
            if (e.getKey().equals(leadKey)) {
                parts.addFirst(escape(text));
            } else {
                parts.add(e.getKey() + "=" + escape(text));
            }
        }
        return String.join(",", parts);
    }

    /** Doubles commas: QEMU's option parser reads ",," as a literal comma. */
    public static String escape(String value) {
        return value.replace(",", ",,");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonProps p && p.props.equals(props);
    }

    @Override
    public int hashCode() {
        return props.hashCode();
    }

    @Override
    public String toString() {
        return toJson();
    }

    /** Collects properties in order; null values are skipped. */
    public static final class Builder {
        private final Map<String, Object> props = new LinkedHashMap<>();

        public Builder put(String key, Object value) {
            Objects.requireNonNull(key, "key");
            if (value == null) {
                return this;
            }
            if (props.containsKey(key)) {
                throw new IllegalStateException("property '" + key + "' set twice");
            }
            if (!(value instanceof String || value instanceof Integer || value instanceof Long
                    || value instanceof Boolean || value instanceof JsonProps || value instanceof List<?>
                    || value == NULL)) {
                throw new IllegalArgumentException("unsupported value type for " + key + ": " + value.getClass());
            }
            props.put(key, value instanceof List<?> l ? List.copyOf(l) : value);
            return this;
        }

        public JsonProps build() {
            return new JsonProps(new LinkedHashMap<>(props));
        }
    }
}
