package io.jvirt.qemu.testing;

import io.jvirt.DomainEvent;
import io.jvirt.DomainEventListener;
import io.jvirt.LifecycleDetail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records lifecycle events for assertions. */
public final class EventLog implements DomainEventListener {
    private final List<String> events = new ArrayList<>();

    @Override
    public synchronized void onEvent(DomainEvent e) {
        if (e instanceof DomainEvent.Lifecycle l) {
            events.add(l.domain().name() + ":" + l.detail());
        }
    }

    public synchronized List<String> all() {
        return List.copyOf(events);
    }

    public synchronized boolean has(String domain, LifecycleDetail d) {
        return events.contains(domain + ":" + d);
    }

    public void await(String domain, LifecycleDetail d, Duration timeout) {
        TestGuest.await(() -> has(domain, d), timeout, "event " + d + " of " + domain + " (got " + all() + ")");
    }
}
