package io.jvirt.cli.virsh;

import java.util.ArrayList;
import java.util.List;

/** virsh's tables: a header, a dashed rule, left-aligned columns three spaces apart. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] header;

    Table(String... header) {
        this.header = header;
    }

    void add(String... row) {
        rows.add(row);
    }

    String render() {
        int[] w = new int[header.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = header[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < w.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        int total = 1 + 2 + 3 * (w.length - 1);
        for (int x : w) {
            total += x;
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, w);
        sb.append("-".repeat(total)).append('\n');
        for (String[] r : rows) {
            line(sb, r, w);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] w) {
        sb.append(' ');
        for (int i = 0; i < cells.length; i++) {
            sb.append(cells[i]);
            if (i < cells.length - 1) {
                sb.append(" ".repeat(w[i] - cells[i].length() + 3));
            }
        }
        sb.append('\n');
    }
}
