package io.jvirt.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The URI a CLI uses without {@code -c}: $JVIRT_DEFAULT_URI, else $LIBVIRT_DEFAULT_URI, else an
 * embedded root in the user's data directory, so the CLI works with no daemon at all.
 */
public final class DefaultUri {
    private DefaultUri() {
    }

    public static String resolve(Map<String, String> env) {
        for (String var : new String[] {"JVIRT_DEFAULT_URI", "LIBVIRT_DEFAULT_URI"}) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "qemu:///embed?root=" + dataHome(env).resolve("jvirt/embed");
    }

    static Path dataHome(Map<String, String> env) {
        String xdg = env.get("XDG_DATA_HOME");
        if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
            return Path.of(xdg);
        }
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")), ".local/share");
    }
}
