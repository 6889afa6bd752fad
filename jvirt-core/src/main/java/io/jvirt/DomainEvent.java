package io.jvirt;

import java.util.Objects;

/**
 * An event about a domain. A sealed union: switch on it without {@code default} so that a new
 * kind of event fails to compile where it is not handled.
 */
public sealed interface DomainEvent {
    /** The domain the event is about, with its id at the time of the event. */
    DomainRef domain();

    /** {@code VIR_DOMAIN_EVENT_ID_LIFECYCLE}: the domain was defined, started, stopped ... */
    record Lifecycle(DomainRef domain, LifecycleDetail detail) implements DomainEvent {
        public Lifecycle {
            Objects.requireNonNull(domain, "domain");
            Objects.requireNonNull(detail, "detail");
        }

        public LifecycleEventType type() {
            return detail.type();
        }
    }

    /** {@code VIR_DOMAIN_EVENT_ID_REBOOT}: the guest reset (reboot or {@code reset}). */
    record Reboot(DomainRef domain) implements DomainEvent {
        public Reboot {
            Objects.requireNonNull(domain, "domain");
        }
    }
}
