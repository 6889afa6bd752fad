package io.jvirt;

/**
 * Receives domain events. Each connection delivers its events to a listener in the order they
 * happened, on one thread at a time. A listener must return quickly, must not block, must not
 * throw, and must not call back into the API on the delivering thread (hand work to another
 * thread instead).
 */
@FunctionalInterface
public interface DomainEventListener {
    void onEvent(DomainEvent event);
}
