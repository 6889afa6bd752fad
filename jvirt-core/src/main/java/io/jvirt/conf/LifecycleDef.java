package io.jvirt.conf;

/**
 * {@code on_poweroff}, {@code on_reboot}, {@code on_crash} and {@code <pm>}; null = not written
 * (default).
 *
 * @param suspendToMem  {@code <pm><suspend-to-mem enabled=.../>}, or null
 * @param suspendToDisk {@code <pm><suspend-to-disk enabled=.../>}, or null
 */
public record LifecycleDef(LifecycleAction onPoweroff, LifecycleAction onReboot, LifecycleAction onCrash,
                           Boolean suspendToMem, Boolean suspendToDisk) {
    public static final LifecycleDef DEFAULT = new LifecycleDef(null, null, null, null, null);

    public LifecycleDef(LifecycleAction onPoweroff, LifecycleAction onReboot, LifecycleAction onCrash) {
        this(onPoweroff, onReboot, onCrash, null, null);
    }

    public LifecycleAction effectivePoweroff() {
        return onPoweroff == null ? LifecycleAction.DESTROY : onPoweroff;
    }

    public LifecycleAction effectiveReboot() {
        return onReboot == null ? LifecycleAction.RESTART : onReboot;
    }

    public LifecycleAction effectiveCrash() {
        return onCrash == null ? LifecycleAction.DESTROY : onCrash;
    }

    public boolean hasPm() {
        return suspendToMem != null || suspendToDisk != null;
    }
}
