package io.jvirt;

import java.util.Objects;

/**
 * A domain's state together with its reason, as {@code virDomainGetState} returns them.
 *
 * @param state  the state
 * @param reason the reason; always belongs to {@code state}
 */
public record DomainStatus(DomainState state, StateReason reason) {
    public DomainStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(reason, "reason");
        if (reason.state() != state) {
            throw new IllegalArgumentException("reason " + reason + " does not belong to state " + state);
        }
    }

    /** The status for a reason (the state is implied). */
    public static DomainStatus of(StateReason reason) {
        return new DomainStatus(reason.state(), reason);
    }

    /** What {@code virsh domstate --reason} prints: "running (booted)". */
    @Override
    public String toString() {
        return state.label() + " (" + reason.label() + ")";
    }
}
