package io.jvirt;

/**
 * The reason that goes with a {@link DomainState} ({@code virDomainRunningReason},
 * {@code virDomainShutoffReason} and so on), with libvirt's numbers and the words virsh prints.
 */
public enum StateReason {
    NOSTATE_UNKNOWN(DomainState.NOSTATE, 0, "unknown"),
    RUNNING_UNKNOWN(DomainState.RUNNING, 0, "unknown"),
    RUNNING_BOOTED(DomainState.RUNNING, 1, "booted"),
    RUNNING_MIGRATED(DomainState.RUNNING, 2, "migrated"),
    RUNNING_RESTORED(DomainState.RUNNING, 3, "restored"),
    RUNNING_FROM_SNAPSHOT(DomainState.RUNNING, 4, "from snapshot"),
    RUNNING_UNPAUSED(DomainState.RUNNING, 5, "unpaused"),
    RUNNING_MIGRATION_CANCELED(DomainState.RUNNING, 6, "migration canceled"),
    RUNNING_SAVE_CANCELED(DomainState.RUNNING, 7, "save canceled"),
    RUNNING_WAKEUP(DomainState.RUNNING, 8, "event wakeup"),
    RUNNING_CRASHED(DomainState.RUNNING, 9, "crashed"),
    RUNNING_POSTCOPY(DomainState.RUNNING, 10, "post-copy"),
    RUNNING_POSTCOPY_FAILED(DomainState.RUNNING, 11, "post-copy failed"),
    BLOCKED_UNKNOWN(DomainState.BLOCKED, 0, "unknown"),
    PAUSED_UNKNOWN(DomainState.PAUSED, 0, "unknown"),
    PAUSED_USER(DomainState.PAUSED, 1, "user"),
    PAUSED_MIGRATION(DomainState.PAUSED, 2, "migrating"),
    PAUSED_SAVE(DomainState.PAUSED, 3, "saving"),
    PAUSED_DUMP(DomainState.PAUSED, 4, "dumping"),
    PAUSED_IOERROR(DomainState.PAUSED, 5, "I/O error"),
    PAUSED_WATCHDOG(DomainState.PAUSED, 6, "watchdog"),
    PAUSED_FROM_SNAPSHOT(DomainState.PAUSED, 7, "from snapshot"),
    PAUSED_SHUTTING_DOWN(DomainState.PAUSED, 8, "shutting down"),
    PAUSED_SNAPSHOT(DomainState.PAUSED, 9, "creating snapshot"),
    PAUSED_CRASHED(DomainState.PAUSED, 10, "crashed"),
    PAUSED_STARTING_UP(DomainState.PAUSED, 11, "starting up"),
    PAUSED_POSTCOPY(DomainState.PAUSED, 12, "post-copy"),
    PAUSED_POSTCOPY_FAILED(DomainState.PAUSED, 13, "post-copy failed"),
    SHUTDOWN_UNKNOWN(DomainState.SHUTDOWN, 0, "unknown"),
    SHUTDOWN_USER(DomainState.SHUTDOWN, 1, "user"),
    SHUTOFF_UNKNOWN(DomainState.SHUTOFF, 0, "unknown"),
    SHUTOFF_SHUTDOWN(DomainState.SHUTOFF, 1, "shutdown"),
    SHUTOFF_DESTROYED(DomainState.SHUTOFF, 2, "destroyed"),
    SHUTOFF_CRASHED(DomainState.SHUTOFF, 3, "crashed"),
    SHUTOFF_MIGRATED(DomainState.SHUTOFF, 4, "migrated"),
    SHUTOFF_SAVED(DomainState.SHUTOFF, 5, "saved"),
    SHUTOFF_FAILED(DomainState.SHUTOFF, 6, "failed"),
    SHUTOFF_FROM_SNAPSHOT(DomainState.SHUTOFF, 7, "from snapshot"),
    SHUTOFF_DAEMON(DomainState.SHUTOFF, 8, "daemon"),
    CRASHED_UNKNOWN(DomainState.CRASHED, 0, "unknown"),
    CRASHED_PANICKED(DomainState.CRASHED, 1, "panicked"),
    PMSUSPENDED_UNKNOWN(DomainState.PMSUSPENDED, 0, "unknown");

    private final DomainState state;
    private final int code;
    private final String label;

    StateReason(DomainState state, int code, String label) {
        this.state = state;
        this.code = code;
        this.label = label;
    }

    /** The state this reason belongs to. */
    public DomainState state() {
        return state;
    }

    /** The reason's number on the wire (meaningful together with the state). */
    public int code() {
        return code;
    }

    /** The words virsh prints in parentheses ("booted"). */
    public String label() {
        return label;
    }

    /** The reason for a state and wire number; the state's UNKNOWN reason if the number is unknown. */
    public static StateReason of(DomainState state, int code) {
        StateReason unknown = null;
        for (StateReason r : values()) {
            if (r.state == state) {
                if (r.code == code) {
                    return r;
                }
                if (r.code == 0) {
                    unknown = r;
                }
            }
        }
        return unknown;
    }
}
