package io.jvirt.qemu.cgroup;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

/**
 * One devices ACL rule as cgroup v1's {@code devices.allow} takes it and {@code devices.list} shows
 * it: "c 1:3 rw", "c 136:* rw", "b 7:0 r". {@code major} and {@code minor} are {@link #ANY} for '*';
 * {@code access} holds the kernel's BPF_DEVCG_ACC_* bits.
 */
record DeviceRule(char type, int major, int minor, int access) {
    /** '*': any major or minor (0xffffffff in the map; the kernel's numbers never reach it). */
    static final int ANY = -1;
    static final int MKNOD = 1;
    static final int READ = 2;
    static final int WRITE = 4;

    /** Parses "TYPE MAJ:MIN PERMS" (type b or c, numbers or '*', perms of "rwm"). */
    static DeviceRule parse(String rule) {
        String[] w = rule.strip().split("\\s+");
        String[] mm = w.length == 3 ? w[1].split(":", -1) : new String[0];
        if (w.length != 3 || w[0].length() != 1 || "bc".indexOf(w[0].charAt(0)) < 0 || mm.length != 2
                || w[2].isEmpty() || !w[2].matches("[rwm]+")) {
            throw bad(rule);
        }
        int access = (w[2].contains("m") ? MKNOD : 0) | (w[2].contains("r") ? READ : 0) | (w[2].contains("w") ? WRITE : 0);
        return new DeviceRule(w[0].charAt(0), number(mm[0], rule), number(mm[1], rule), access);
    }

    private static int number(String s, String rule) {
        if (s.equals("*")) {
            return ANY;
        }
        try {
            int n = Integer.parseInt(s);
            if (n < 0 || n > 0xfffff) {
                throw bad(rule);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(rule);
        }
    }

    private static SystemException bad(String rule) {
        return new SystemException(ErrorNumber.INVALID_ARG, ErrorDomain.CGROUP,
                "invalid device rule '" + rule + "' (expected 'b|c MAJOR|*:MINOR|* rwm')");
    }

    /** The kernel's BPF_DEVCG_DEV_* number of the type: block 1, char 2. */
    int typeCode() {
        return type == 'b' ? 1 : 2;
    }

    /** The same device with {@code access} bits instead. */
    DeviceRule withAccess(int bits) {
        return new DeviceRule(type, major, minor, bits);
    }

    /** The rule as devices.list shows it. */
    @Override
    public String toString() {
        return type + " " + (major == ANY ? "*" : Integer.toString(major)) + ":" + (minor == ANY ? "*" : Integer.toString(minor))
                + " " + ((access & READ) != 0 ? "r" : "") + ((access & WRITE) != 0 ? "w" : "") + ((access & MKNOD) != 0 ? "m" : "");
    }
}
