package io.jvirt.rpc.conn;

import java.util.Objects;
import java.util.Optional;

import io.jvirt.rpc.proto.Procedure;

/**
 * An event MESSAGE as a client received it: the table entry it matched and its decoded body.
 *
 * @param procedure the MESSAGE procedure (e.g. {@code DOMAIN_EVENT_CALLBACK_LIFECYCLE})
 * @param body the decoded body, of the procedure's argument type
 */
public record ReceivedEvent(Procedure<?, Void> procedure, Object body) {
    public ReceivedEvent {
        Objects.requireNonNull(procedure, "procedure");
    }

    /** The body typed as {@code expected}'s, if this event is an {@code expected}. */
    @SuppressWarnings("unchecked")
    public <A> Optional<A> as(Procedure<A, Void> expected) {
        return procedure == expected ? Optional.ofNullable((A) body) : Optional.empty();
    }
}
