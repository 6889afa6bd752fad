package io.jvirt.qemu.driver;

import io.jvirt.EventRegistration;
import io.jvirt.NodeDeviceEventListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * Host device lifecycle events: while at least one listener is registered, one thread compares the
 * host's device names ({@link NodeDevices#list}, read from sysfs) with the last ones every
 * {@code period} and reports each device that appeared (CREATED) or went away (DELETED), in
 * name order, to every listener whose filter matches. No udev daemon is needed, so it works where
 * libvirt's udev monitor hears nothing; a device that comes and goes within one period is not
 * seen. The thread starts with the first listener and ends with the last one, or with
 * {@link #close}. Thread-safe.
 */
final class NodeDeviceMonitor implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NodeDeviceMonitor.class.getName());

    private record Entry(String device, NodeDeviceEventListener listener) {
    }

    private record Change(String device, int event) {
    }

    private final Supplier<List<String>> devices;
    private final Duration period;
    private final List<Entry> listeners = new CopyOnWriteArrayList<>();
    private Thread poller;
    private Set<String> known = Set.of();
    private boolean closed;

    /**
     * @param devices the host's device names now
     * @param period  how often they are compared
     */
    NodeDeviceMonitor(Supplier<List<String>> devices, Duration period) {
        this.devices = devices;
        this.period = period;
    }

    /** Adds a listener for {@code device} (null: every device); events are about changes after this returns. */
    synchronized EventRegistration add(String device, NodeDeviceEventListener listener) {
        if (closed) {
            throw new IllegalStateException("the node device monitor is closed");
        }
        Entry e = new Entry(device, listener);
        if (poller == null) {
            known = new LinkedHashSet<>(devices.get());
            poller = Thread.ofPlatform().daemon().name("jvirt-nodedev-monitor").start(this::run);
        }
        listeners.add(e);
        return () -> remove(e);
    }

    private synchronized void remove(Entry e) {
        listeners.remove(e);
        if (listeners.isEmpty() && poller != null) {
            poller.interrupt();
            poller = null;
        }
    }

    private void run() {
        Thread self = Thread.currentThread();
        while (!self.isInterrupted()) {
            try {
                Thread.sleep(period);
            } catch (InterruptedException e) {
                return;
            }
            List<String> now;
            try {
                now = devices.get();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot list host devices: {0}", e.getMessage());
                continue;
            }
            List<Change> changes = new ArrayList<>();
            synchronized (this) {
                if (poller != self) {
                    return;
                }
                Set<String> current = new LinkedHashSet<>(now);
                known.stream().filter(d -> !current.contains(d)).sorted()
                        .forEach(d -> changes.add(new Change(d, NodeDeviceEventListener.DELETED)));
                current.stream().filter(d -> !known.contains(d)).sorted()
                        .forEach(d -> changes.add(new Change(d, NodeDeviceEventListener.CREATED)));
                known = current;
            }
            for (Change c : changes) {
                for (Entry e : listeners) {
                    if (e.device() == null || e.device().equals(c.device())) {
                        try {
                            e.listener().onEvent(c.device(), c.event(), 0);
                        } catch (RuntimeException ex) {
                            LOG.log(System.Logger.Level.WARNING, "node device event listener failed", ex);
                        }
                    }
                }
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        listeners.clear();
        if (poller != null) {
            poller.interrupt();
            poller = null;
        }
    }
}
