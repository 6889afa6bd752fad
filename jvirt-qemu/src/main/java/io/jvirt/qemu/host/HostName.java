package io.jvirt.qemu.host;

import java.net.InetAddress;
import java.nio.file.Path;

/**
 * virConnectGetHostname: the kernel's host name; when it has no domain part, the canonical name
 * the resolver gives for it, unless that is a loopback name or an address.
 */
public final class HostName {
    private HostName() {
    }

    public static String get() {
        String h = ProcFiles.read(Path.of("/proc/sys/kernel/hostname"));
        if (h == null || h.isEmpty()) {
            h = System.getenv().getOrDefault("HOSTNAME", "localhost");
        }
        if (h.contains(".")) {
            return h;
        }
        try {
            String c = InetAddress.getByName(h).getCanonicalHostName();
            if (c.startsWith("localhost") || c.matches("[0-9.:]+") || c.isEmpty()) {
                return h;
            }
            return c;
        } catch (java.io.IOException | SecurityException e) {
            return h;
        }
    }
}
