package io.jvirt.qemu.command;

import java.util.ArrayList;
import java.util.List;

/** An argv under construction: option/value pairs appended in order. Not thread-safe. */
public final class Argv {
    private final List<String> args = new ArrayList<>();

    public Argv add(String... a) {
        args.addAll(List.of(a));
        return this;
    }

    /** {@code -device {json}} and friends. */
    public Argv json(String option, JsonProps props) {
        return add(option, props.toJson());
    }

    /** {@code -chardev backend,key=value} and friends; {@code lead} is the property written first without a key. */
    public Argv keyValue(String option, JsonProps props, String lead) {
        return add(option, props.toKeyValue(lead));
    }

    public List<String> toList() {
        return List.copyOf(args);
    }
}
