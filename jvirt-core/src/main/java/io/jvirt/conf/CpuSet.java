package io.jvirt.conf;

import java.util.BitSet;

/**
 * libvirt's CPU and NUMA node lists ({@code "0-3,^2,8"}): ranges and single numbers, a {@code ^}
 * excluding what earlier parts included; numbers below 4096.
 */
public final class CpuSet {
    /** The highest CPU or node number a list may name, plus one. */
    public static final int LIMIT = 4096;

    private CpuSet() {
    }

    /** The set a list names; a malformed list is an {@link IllegalArgumentException} naming it. */
    public static BitSet parse(String list) {
        BitSet bits = new BitSet();
        for (String part : list.split(",", -1)) {
            String p = part.strip();
            boolean not = p.startsWith("^");
            if (not) {
                p = p.substring(1).strip();
            }
            if (!p.matches("[0-9]{1,5}(-[0-9]{1,5})?")) {
                throw new IllegalArgumentException("invalid cpu list '" + list + "'");
            }
            String[] r = p.split("-");
            int lo = Integer.parseInt(r[0]);
            int hi = r.length == 2 ? Integer.parseInt(r[1]) : lo;
            if (hi < lo || hi >= LIMIT) {
                throw new IllegalArgumentException("invalid cpu list '" + list + "'");
            }
            if (not) {
                bits.clear(lo, hi + 1);
            } else {
                bits.set(lo, hi + 1);
            }
        }
        return bits;
    }

    /** A set as its shortest list ("0-1,3"), as the kernel's {@code Cpus_allowed_list} and virsh show it. */
    public static String format(BitSet b) {
        StringBuilder sb = new StringBuilder();
        for (int i = b.nextSetBit(0); i >= 0; ) {
            int end = b.nextClearBit(i) - 1;
            sb.append(sb.isEmpty() ? "" : ",").append(i).append(end > i ? "-" + end : "");
            i = b.nextSetBit(end + 1);
        }
        return sb.toString();
    }
}
