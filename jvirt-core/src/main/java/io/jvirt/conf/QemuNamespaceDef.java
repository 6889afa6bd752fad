package io.jvirt.conf;

import java.util.List;

/**
 * The {@code qemu:} namespace ({@code http://libvirt.org/schemas/domain/qemu/1.0}): extra
 * command-line arguments and environment. Using it taints the domain.
 *
 * @param args extra arguments, appended last
 * @param env  extra environment variables (name, value; value may be null)
 */
public record QemuNamespaceDef(List<String> args, List<Env> env) {
    public static final String NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    public static final QemuNamespaceDef EMPTY = new QemuNamespaceDef(List.of(), List.of());

    public QemuNamespaceDef {
        args = List.copyOf(args);
        env = List.copyOf(env);
    }

    /** An environment variable. */
    public record Env(String name, String value) {
    }

    public boolean isEmpty() {
        return args.isEmpty() && env.isEmpty();
    }
}
