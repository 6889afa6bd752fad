package io.jvirt.conf;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A configuration file in libvirt's syntax (qemu.conf, jvirtd.conf): {@code key = value} lines,
 * values quoted strings, integers or lists of them, {@code #} comments. Keys not in the known set
 * are kept and reported as warnings, never errors; syntax errors are VIR_ERR_CONF_SYNTAX naming
 * the file and line.
 *
 * @param values   parsed values (String, Long or List of String)
 * @param warnings human-readable warnings (unknown keys)
 */
public record ConfFile(Map<String, Object> values, List<String> warnings) {
    public static final ConfFile EMPTY = new ConfFile(Map.of(), List.of());

    public ConfFile {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        warnings = List.copyOf(warnings);
    }

    /** Reads {@code file}; a missing file is an empty config. */
    public static ConfFile load(Path file, Set<String> known) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString(), known);
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.READ_FAILED, ErrorDomain.CONF,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses config text; {@code name} labels errors. Syntax errors are VIR_ERR_CONF_SYNTAX. */
    public static ConfFile parse(String text, String name, Set<String> known) {
        Map<String, Object> values = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = stripComment(lines[i]).trim();
            if (line.isEmpty()) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw syntax(name, i + 1, "expected 'key = value'");
            }
            String key = line.substring(0, eq).trim();
            String raw = line.substring(eq + 1).trim();
            if (raw.startsWith("[")) {
                StringBuilder sb = new StringBuilder(raw);
                while (!sb.toString().trim().endsWith("]")) {
                    if (++i >= lines.length) {
                        throw syntax(name, i, "unterminated list for '" + key + "'");
                    }
                    sb.append(' ').append(stripComment(lines[i]).trim());
                }
                values.put(key, parseList(sb.toString().trim(), name, i + 1));
            } else {
                values.put(key, parseScalar(raw, name, i + 1));
            }
            if (!known.contains(key)) {
                warnings.add(name + ":" + (i + 1) + ": unknown setting '" + key + "' ignored");
            }
        }
        return new ConfFile(values, warnings);
    }

    private static String stripComment(String line) {
        boolean inString = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                inString = !inString;
            } else if (c == '#' && !inString) {
                return line.substring(0, i);
            }
        }
        return line;
    }

    private static Object parseScalar(String raw, String name, int line) {
        if (raw.startsWith("\"")) {
            if (raw.length() < 2 || !raw.endsWith("\"")) {
                throw syntax(name, line, "unterminated string");
            }
            return raw.substring(1, raw.length() - 1);
        }
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw syntax(name, line, "expected a quoted string, an integer or a list, got '" + raw + "'");
        }
    }

    private static List<String> parseList(String raw, String name, int line) {
        String inner = raw.substring(1, raw.length() - 1).trim();
        List<String> out = new ArrayList<>();
        if (inner.isEmpty()) {
            return out;
        }
        for (String part : inner.split(",")) {
            Object v = parseScalar(part.trim(), name, line);
            out.add(String.valueOf(v));
        }
        return out;
    }

    private static SystemException syntax(String name, int line, String msg) {
        return new SystemException(ErrorNumber.CONF_SYNTAX, ErrorDomain.CONF, name + ":" + line + ": " + msg);
    }

    public String string(String key, String dflt) {
        Object v = values.get(key);
        return v instanceof String s ? s : dflt;
    }

    public long number(String key, long dflt) {
        Object v = values.get(key);
        return v instanceof Long l ? l : dflt;
    }

    public boolean bool(String key, boolean dflt) {
        Object v = values.get(key);
        return v instanceof Long l ? l != 0 : dflt;
    }

    /** A list value (a single string counts as a one-element list). */
    @SuppressWarnings("unchecked")
    public List<String> list(String key, List<String> dflt) {
        Object v = values.get(key);
        if (v instanceof List<?> l) {
            return (List<String>) l;
        }
        return v instanceof String s ? List.of(s) : dflt;
    }
}
