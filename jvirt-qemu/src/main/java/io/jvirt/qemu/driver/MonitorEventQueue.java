package io.jvirt.qemu.driver;

import java.util.concurrent.LinkedBlockingQueue;

/**
 * Monitor events and process exits of every domain, handled in arrival order on one virtual
 * thread: the QMP reader only enqueues, so a slow handler never stalls a monitor, and an exit is
 * handled after the events QEMU sent before it.
 */
final class MonitorEventQueue implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MonitorEventQueue.class.getName());
    private static final Runnable STOP = () -> { };

    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    MonitorEventQueue() {
        Thread.ofVirtual().name("jvirt-monitor-events").start(this::drain);
    }

    void add(Runnable work) {
        queue.add(work);
    }

    private void drain() {
        try {
            while (true) {
                Runnable r = queue.take();
                if (r == STOP) {
                    return;
                }
                try {
                    r.run();
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "handling a QEMU event failed", e);
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
