package io.jvirt.qemu.conf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's own uid, gid and group name, from /proc and /etc/group. */
final class Ids {
    private Ids() {
    }

    static long uid() {
        return status("Uid:");
    }

    static long gid() {
        return status("Gid:");
    }

    /** The name of the primary group, or its number when /etc/group does not name it. */
    static String groupName() {
        long gid = gid();
        try {
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Long.toString(gid))) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            // fall through to the number
        }
        return Long.toString(gid);
    }

    private static long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux
        }
        return -1;
    }
}
