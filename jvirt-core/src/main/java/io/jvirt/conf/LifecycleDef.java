package io.jvirt.conf;

/** {@code on_poweroff}, {@code on_reboot} and {@code on_crash}; null = not written (default). */
public record LifecycleDef(LifecycleAction onPoweroff, LifecycleAction onReboot, LifecycleAction onCrash) {
    public static final LifecycleDef DEFAULT = new LifecycleDef(null, null, null);

    public LifecycleAction effectivePoweroff() {
        return onPoweroff == null ? LifecycleAction.DESTROY : onPoweroff;
    }

    public LifecycleAction effectiveReboot() {
        return onReboot == null ? LifecycleAction.RESTART : onReboot;
    }

    public LifecycleAction effectiveCrash() {
        return onCrash == null ? LifecycleAction.DESTROY : onCrash;
    }
}
