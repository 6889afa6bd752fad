package io.jvirt.qemu.driver;

import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.MonitorEvent;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BiConsumer;

/**
 * Monitor events of every domain, handled in arrival order on one virtual thread: the QMP
 * reader only enqueues, so a slow handler never stalls a monitor.
 */
final class MonitorEventQueue implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MonitorEventQueue.class.getName());
    private record Item(DomainObj domain, MonitorEvent event) { }
    private static final Item STOP = new Item(null, null);

    private final LinkedBlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final BiConsumer<DomainObj, MonitorEvent> handler;
    private final Thread worker;

    MonitorEventQueue(BiConsumer<DomainObj, MonitorEvent> handler) {
        this.handler = handler;
        this.worker = Thread.ofVirtual().name("jvirt-monitor-events").start(this::drain);
    }

    void add(DomainObj d, MonitorEvent e) {
        queue.add(new Item(d, e));
    }

    private void drain() {
        try {
            while (true) {
                Item it = queue.take();
                if (it == STOP) {
                    return;
                }
                try {
                    handler.accept(it.domain(), it.event());
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "handling QMP event " + it.event().name() + " failed", e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        queue.add(STOP);
    }
}
