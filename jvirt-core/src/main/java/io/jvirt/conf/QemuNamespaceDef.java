package io.jvirt.conf;

import java.util.List;

/**
 * The {@code qemu:} namespace ({@code http://libvirt.org/schemas/domain/qemu/1.0}): extra
 * command-line arguments and environment, and capability overrides. Using it taints the domain.
 *
 * @param args     extra arguments, appended last
 * @param env      extra environment variables (name, value; value may be null)
 * @param capsAdd  {@code <qemu:capabilities><qemu:add capability=.../>}
 * @param capsDel  {@code <qemu:capabilities><qemu:del capability=.../>}
 * @param overrides {@code <qemu:override><qemu:device alias=...>}: frontend property changes
 */
public record QemuNamespaceDef(List<String> args, List<Env> env, List<String> capsAdd, List<String> capsDel,
                               List<DeviceOverride> overrides) {
    public static final String NS = "http://libvirt.org/schemas/domain/qemu/1.0";
    public static final QemuNamespaceDef EMPTY = new QemuNamespaceDef(List.of(), List.of(), List.of(), List.of());

    public QemuNamespaceDef {
        args = List.copyOf(args);
        env = List.copyOf(env);
        capsAdd = List.copyOf(capsAdd);
        capsDel = List.copyOf(capsDel);
        overrides = List.copyOf(overrides);
    }

    public QemuNamespaceDef(List<String> args, List<Env> env, List<String> capsAdd, List<String> capsDel) {
        this(args, env, capsAdd, capsDel, List.of());
    }

    public QemuNamespaceDef(List<String> args, List<Env> env) {
        this(args, env, List.of(), List.of());
    }

    /** An environment variable. */
    public record Env(String name, String value) {
    }

    /** The frontend ({@code -device}) properties to change on the device with {@code alias}. */
    public record DeviceOverride(String alias, List<Property> frontend) {
        public DeviceOverride {
            frontend = List.copyOf(frontend);
        }
    }

    /**
     * One property: {@code type} is string, signed, unsigned, bool or remove ({@code value} null).
     */
    public record Property(String name, String type, String value) {
    }

    public boolean isEmpty() {
        return args.isEmpty() && env.isEmpty() && capsAdd.isEmpty() && capsDel.isEmpty() && overrides.isEmpty();
    }

    public boolean hasCommandline() {
        return !args.isEmpty() || !env.isEmpty();
    }
}
