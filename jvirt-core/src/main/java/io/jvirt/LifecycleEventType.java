package io.jvirt;

/** libvirt's lifecycle event kinds ({@code virDomainEventType}) with their wire numbers. */
public enum LifecycleEventType {
    DEFINED(0, "Defined"),
    UNDEFINED(1, "Undefined"),
    STARTED(2, "Started"),
    SUSPENDED(3, "Suspended"),
    RESUMED(4, "Resumed"),
    STOPPED(5, "Stopped"),
    SHUTDOWN(6, "Shutdown"),
    PMSUSPENDED(7, "PMSuspended"),
    CRASHED(8, "Crashed");

    private final int code;
    private final String label;

    LifecycleEventType(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    /** The word virsh's {@code event} command prints. */
    public String label() {
        return label;
    }

    public static LifecycleEventType of(int code) {
        for (LifecycleEventType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown lifecycle event " + code);
    }
}
