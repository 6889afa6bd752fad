package io.jvirt.qemu.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A QEMU option value in either syntax: JSON ({"driver":...}) or key=value with ",," escapes. */
final class OptionValue {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OptionValue() {
    }

    /** The properties; a bare leading word (no '=') is stored under {@code leadKey}. */
    static Map<String, String> parse(String value, String leadKey) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value.startsWith("{")) {
            try {
                JsonNode n = MAPPER.readTree(value);
                n.properties().forEach(e -> out.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText()
                        : e.getValue().toString()));
                return out;
            } catch (IOException e) {
                // not JSON after all: fall through to key=value
            }
        }
        StringBuilder cur = new StringBuilder();
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == ',' && i + 1 < value.length() && value.charAt(i + 1) == ',') {
                cur.append(',');
                i++;
            } else if (c == ',') {
                parts.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        parts.add(cur.toString());
        for (int i = 0; i < parts.size(); i++) {
            String p = parts.get(i);
            int eq = p.indexOf('=');
            if (eq < 0) {
                out.put(i == 0 && leadKey != null ? leadKey : p, i == 0 && leadKey != null ? p : "on");
            } else {
                out.put(p.substring(0, eq), p.substring(eq + 1));
            }
        }
        return out;
    }

    /** Properties back to key=value syntax, commas doubled. */
    static String toKeyValue(Map<String, String> p) {
        StringBuilder sb = new StringBuilder();
        p.forEach((k, v) -> {
            if (!sb.isEmpty()) {
                sb.append(',');
            }
            sb.append(k).append('=').append(v.replace(",", ",,"));
        });
        return sb.toString();
    }
}
