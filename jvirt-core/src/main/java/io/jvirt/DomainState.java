package io.jvirt;

/** libvirt's domain states ({@code virDomainState}) with their wire numbers. */
public enum DomainState {
    NOSTATE(0, "no state"),
    RUNNING(1, "running"),
    BLOCKED(2, "idle"),
    PAUSED(3, "paused"),
    SHUTDOWN(4, "in shutdown"),
    SHUTOFF(5, "shut off"),
    CRASHED(6, "crashed"),
    PMSUSPENDED(7, "pmsuspended");

    private final int code;
    private final String label;

    DomainState(int code, String label) {
        this.code = code;
        this.label = label;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The words virsh prints for this state ("shut off"). */
    public String label() {
        return label;
    }

    /** The state for a wire number; NOSTATE for an unknown one. */
    public static DomainState of(int code) {
        for (DomainState s : values()) {
            if (s.code == code) {
                return s;
            }
        }
        return NOSTATE;
    }
}
