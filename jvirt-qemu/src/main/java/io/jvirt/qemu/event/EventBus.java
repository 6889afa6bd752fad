package io.jvirt.qemu.event;

import io.jvirt.DomainEvent;
import io.jvirt.DomainEventListener;
import io.jvirt.EventRegistration;

import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Delivers domain events to listeners: each registration has its own queue drained by its own
 * virtual thread, so every listener sees events in the order they were emitted and a slow
 * listener never delays the driver or the other listeners. Emitting never blocks.
 */
public final class EventBus implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(EventBus.class.getName());
    private final CopyOnWriteArrayList<Sub> subs = new CopyOnWriteArrayList<>();

    private final class Sub implements EventRegistration {
        final UUID filter;
        final DomainEventListener listener;
        final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        final Thread worker;
        volatile boolean closed;

        Sub(UUID filter, DomainEventListener listener) {
            this.filter = filter;
            this.listener = listener;
            this.worker = Thread.ofVirtual().name("jvirt-events").unstarted(this::drain);
        }

        private void drain() {
            try {
                while (true) {
                    Object o = queue.take();
                    if (o == STOP) {
                        return;
                    }
                    try {
                        listener.onEvent((DomainEvent) o);
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "domain event listener threw", e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                subs.remove(this);
                queue.add(STOP);
            }
        }
    }

    private static final Object STOP = new Object();

    /** Registers a listener for one domain ({@code filter}) or all (null). */
    public EventRegistration register(UUID filter, DomainEventListener listener) {
        Sub s = new Sub(filter, listener);
        subs.add(s);
        s.worker.start();
        return s;
    }

    /** Queues an event for every matching listener. Never blocks. */
    public void emit(DomainEvent e) {
        for (Sub s : subs) {
            if (!s.closed && (s.filter == null || s.filter.equals(e.domain().uuid()))) {
                s.queue.add(e);
            }
        }
    }

    @Override
    public void close() {
        for (Sub s : subs) {
            s.close();
        }
    }
}
