package io.jvirt.qemu.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** Parsers for the /proc and /sys text formats the host facts come from. */
final class ProcFiles {
    private ProcFiles() {
    }

    /** {@code /proc/meminfo} (or a NUMA node's meminfo): field name to value in KiB. */
    static Map<String, Long> meminfo(String text) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = line.substring(0, colon).strip();
            if (key.startsWith("Node ")) {            // "Node 0 MemTotal"
                key = key.substring(key.indexOf(' ', 5) + 1);
            }
            String[] v = line.substring(colon + 1).strip().split("\\s+");
            try {
                m.put(key, Long.parseLong(v[0]));
            } catch (NumberFormatException e) {
                // not a number: skip
            }
        }
        return m;
    }

    /** The first "cpu MHz" of {@code /proc/cpuinfo}, truncated; 0 when absent. */
    static int cpuMhz(String cpuinfo) {
        for (String line : cpuinfo.split("\n")) {
            if (line.startsWith("cpu MHz")) {
                String v = line.substring(line.indexOf(':') + 1).strip();
                try {
                    return (int) Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    /** A kernel CPU list ("0-3,8,10-11") as a sorted set. */
    static TreeSet<Integer> cpuList(String text) {
        TreeSet<Integer> s = new TreeSet<>();
        for (String part : text.strip().split(",")) {
            if (part.isEmpty()) {
                continue;
            }
            int dash = part.indexOf('-');
            if (dash < 0) {
                s.add(Integer.parseInt(part));
            } else {
                for (int i = Integer.parseInt(part.substring(0, dash)); i <= Integer.parseInt(part.substring(dash + 1)); i++) {
                    s.add(i);
                }
            }
        }
        return s;
    }

    /** The file's content stripped, or null when it cannot be read. */
    static String read(Path p) {
        try {
            return Files.readString(p).strip();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    static int readInt(Path p, int dflt) {
        String s = read(p);
        try {
            return s == null ? dflt : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return dflt;
        }
    }
}
