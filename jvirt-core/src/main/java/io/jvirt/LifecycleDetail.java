package io.jvirt;

/** The detail of a lifecycle event ({@code virDomainEvent*DetailType}), numbered per event kind. */
public enum LifecycleDetail {
    DEFINED_ADDED(LifecycleEventType.DEFINED, 0, "Added"),
    DEFINED_UPDATED(LifecycleEventType.DEFINED, 1, "Updated"),
    DEFINED_RENAMED(LifecycleEventType.DEFINED, 2, "Renamed"),
    DEFINED_FROM_SNAPSHOT(LifecycleEventType.DEFINED, 3, "Snapshot"),
    UNDEFINED_REMOVED(LifecycleEventType.UNDEFINED, 0, "Removed"),
    UNDEFINED_RENAMED(LifecycleEventType.UNDEFINED, 1, "Renamed"),
    STARTED_BOOTED(LifecycleEventType.STARTED, 0, "Booted"),
    STARTED_MIGRATED(LifecycleEventType.STARTED, 1, "Migrated"),
    STARTED_RESTORED(LifecycleEventType.STARTED, 2, "Restored"),
    STARTED_FROM_SNAPSHOT(LifecycleEventType.STARTED, 3, "Snapshot"),
    STARTED_WAKEUP(LifecycleEventType.STARTED, 4, "Event wakeup"),
    SUSPENDED_PAUSED(LifecycleEventType.SUSPENDED, 0, "Paused"),
    SUSPENDED_MIGRATED(LifecycleEventType.SUSPENDED, 1, "Migrated"),
    SUSPENDED_IOERROR(LifecycleEventType.SUSPENDED, 2, "I/O Error"),
    SUSPENDED_WATCHDOG(LifecycleEventType.SUSPENDED, 3, "Watchdog"),
    SUSPENDED_RESTORED(LifecycleEventType.SUSPENDED, 4, "Restored"),
    SUSPENDED_FROM_SNAPSHOT(LifecycleEventType.SUSPENDED, 5, "Snapshot"),
    SUSPENDED_API_ERROR(LifecycleEventType.SUSPENDED, 6, "API error"),
    SUSPENDED_POSTCOPY(LifecycleEventType.SUSPENDED, 7, "Post-copy"),
    SUSPENDED_POSTCOPY_FAILED(LifecycleEventType.SUSPENDED, 8, "Post-copy Error"),
    RESUMED_UNPAUSED(LifecycleEventType.RESUMED, 0, "Unpaused"),
    RESUMED_MIGRATED(LifecycleEventType.RESUMED, 1, "Migrated"),
    RESUMED_FROM_SNAPSHOT(LifecycleEventType.RESUMED, 2, "Snapshot"),
    RESUMED_POSTCOPY(LifecycleEventType.RESUMED, 3, "Post-copy"),
    RESUMED_POSTCOPY_FAILED(LifecycleEventType.RESUMED, 4, "Post-copy Error"),
    STOPPED_SHUTDOWN(LifecycleEventType.STOPPED, 0, "Shutdown"),
    STOPPED_DESTROYED(LifecycleEventType.STOPPED, 1, "Destroyed"),
    STOPPED_CRASHED(LifecycleEventType.STOPPED, 2, "Crashed"),
    STOPPED_MIGRATED(LifecycleEventType.STOPPED, 3, "Migrated"),
    STOPPED_SAVED(LifecycleEventType.STOPPED, 4, "Saved"),
    STOPPED_FAILED(LifecycleEventType.STOPPED, 5, "Failed"),
    STOPPED_FROM_SNAPSHOT(LifecycleEventType.STOPPED, 6, "Snapshot"),
    SHUTDOWN_FINISHED(LifecycleEventType.SHUTDOWN, 0, "Finished"),
    SHUTDOWN_GUEST(LifecycleEventType.SHUTDOWN, 1, "Finished after guest request"),
    SHUTDOWN_HOST(LifecycleEventType.SHUTDOWN, 2, "Finished after host request"),
    PMSUSPENDED_MEMORY(LifecycleEventType.PMSUSPENDED, 0, "Memory"),
    PMSUSPENDED_DISK(LifecycleEventType.PMSUSPENDED, 1, "Disk"),
    CRASHED_PANICKED(LifecycleEventType.CRASHED, 0, "Panicked"),
    CRASHED_CRASHLOADED(LifecycleEventType.CRASHED, 1, "Crashloaded");

    private final LifecycleEventType type;
    private final int code;
    private final String label;

    LifecycleDetail(LifecycleEventType type, int code, String label) {
        this.type = type;
        this.code = code;
        this.label = label;
    }

    public LifecycleEventType type() {
        return type;
    }

    public int code() {
        return code;
    }

    /** The words virsh's {@code event} command prints. */
    public String label() {
        return label;
    }

    /** The detail for an event kind and wire number. */
    public static LifecycleDetail of(LifecycleEventType type, int code) {
        for (LifecycleDetail d : values()) {
            if (d.type == type && d.code == code) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown detail " + code + " for lifecycle event " + type);
    }
}
