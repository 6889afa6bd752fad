package io.jvirt.conf.post;

/** Disk target names ("vda", "sdb", "hdaa") to indexes, as libvirt counts them. */
public final class DiskNames {
    private DiskNames() {
    }

    /** The index of a target name after its two-letter prefix: vda = 0, vdz = 25, vdaa = 26; -1 if malformed. */
    public static int index(String dev) {
        if (dev == null || dev.length() < 3) {
            return -1;
        }
        String letters = dev.substring(2);
        int idx = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = letters.charAt(i);
            if (c < 'a' || c > 'z') {
                return -1;
            }
            idx = (i == 0 ? 0 : (idx + 1) * 26) + (c - 'a');
        }
        return idx;
    }
}
