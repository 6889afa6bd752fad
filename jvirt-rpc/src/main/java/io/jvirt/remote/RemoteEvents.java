package io.jvirt.remote;

import io.jvirt.DomainEvent;
import io.jvirt.DomainEventListener;
import io.jvirt.DomainRef;
import io.jvirt.EventRegistration;
import io.jvirt.LifecycleDetail;
import io.jvirt.LifecycleEventType;
import io.jvirt.NodeDeviceEventListener;
import io.jvirt.error.LibvirtException;
import io.jvirt.rpc.conn.ReceivedEvent;
import io.jvirt.rpc.conn.RpcClientConnection;
import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventMessages.CallbackReboot;
import io.jvirt.rpc.proto.EventMessages.CallbackRegisterArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.EventRegisterArgs;
import io.jvirt.rpc.proto.NodeDeviceMessages.Lifecycle;
import io.jvirt.rpc.wire.WireDomain;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jvirt.rpc.proto.EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY;
import static io.jvirt.rpc.proto.EventProcedures.CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY;
import static io.jvirt.rpc.proto.EventProcedures.DOMAIN_EVENT_CALLBACK_LIFECYCLE;
import static io.jvirt.rpc.proto.EventProcedures.DOMAIN_EVENT_CALLBACK_IO_ERROR;
import static io.jvirt.rpc.proto.EventProcedures.DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON;
import static io.jvirt.rpc.proto.NodeDeviceProcedures.CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY;
import static io.jvirt.rpc.proto.NodeDeviceProcedures.CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY;
import static io.jvirt.rpc.proto.NodeDeviceProcedures.NODE_DEVICE_EVENT_LIFECYCLE;
import static io.jvirt.rpc.proto.EventProcedures.DOMAIN_EVENT_CALLBACK_REBOOT;
import static io.jvirt.rpc.proto.EventProcedures.DOMAIN_EVENT_CALLBACK_WATCHDOG;

/**
 * Domain event listeners over callback-style registration: each listener owns one server
 * callback per event kind (lifecycle, reboot). Events leave the connection's reader thread
 * through one queue and reach listeners on one delivery thread, in the order the server sent
 * them. An event may arrive while its registration's reply is still being processed; delivery
 * then waits for that registration instead of dropping the event.
 */
final class RemoteEvents {
    private static final System.Logger LOG = System.getLogger(RemoteEvents.class.getName());
    static final int LIFECYCLE = 0;
    static final int REBOOT = 1;
    static final int WATCHDOG = 3;
    static final int IO_ERROR = 4;
    static final int IO_ERROR_REASON = 6;
    static final int NODE_DEVICE_LIFECYCLE = 0;
    private static final Object STOP = new Object();

    private final RpcClientConnection conn;
    private final Map<Integer, DomainEventListener> listeners = new HashMap<>();
    /** Node device callbacks; their ids are the server's node device ids, a space apart from the domain ones. */
    private final Map<Integer, NodeDeviceEventListener> nodeListeners = new HashMap<>();
    private final List<Registration> registrations = new ArrayList<>();
    private int registering;
    private final LinkedBlockingQueue<Object> queue = new LinkedBlockingQueue<>();

    RemoteEvents(RpcClientConnection conn) {
        this.conn = conn;
        conn.setEventListener(queue::add);
        Thread.ofVirtual().name("jvirt-remote-events").start(this::deliverLoop);
    }

    EventRegistration add(DomainRef filter, DomainEventListener listener) {
        WireDomain dom = filter == null ? null : new WireDomain(filter.name(), filter.uuid(), filter.id());
        List<Integer> ids = new ArrayList<>();
        synchronized (listeners) {
            registering++;
        }
        try {
            for (int eventId : new int[] {LIFECYCLE, REBOOT, WATCHDOG, IO_ERROR, IO_ERROR_REASON}) {
                int id = conn.call(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, new CallbackRegisterArgs(eventId, dom));
                ids.add(id);
                synchronized (listeners) {
                    listeners.put(id, listener);
                }
            }
        } catch (RuntimeException e) {
            deregister(ids);
            throw e;
        } finally {
            synchronized (listeners) {
                registering--;
                listeners.notifyAll();
            }
        }
        return track(new Registration(() -> deregister(ids)));
    }

    /** Host device lifecycle events of {@code device} (null: all), over one NODE_DEVICE callback. */
    EventRegistration addNodeDevice(String device, NodeDeviceEventListener listener) {
        int id;
        synchronized (listeners) {
            registering++;
        }
        try {
            id = conn.call(CONNECT_NODE_DEVICE_EVENT_REGISTER_ANY, new EventRegisterArgs(NODE_DEVICE_LIFECYCLE, device));
            synchronized (listeners) {
                nodeListeners.put(id, listener);
            }
        } finally {
            synchronized (listeners) {
                registering--;
                listeners.notifyAll();
            }
        }
        return track(new Registration(() -> {
            synchronized (listeners) {
                nodeListeners.remove(id);
            }
            if (!conn.isClosed()) {
                try {
                    conn.call(CONNECT_NODE_DEVICE_EVENT_DEREGISTER_ANY, id);
                } catch (LibvirtException e) {
                    LOG.log(Level.DEBUG, "deregistering node device callback {0}: {1}", id, e.getMessage());
                }
            }
        }));
    }

    private Registration track(Registration r) {
        synchronized (registrations) {
            registrations.add(r);
        }
        return r;
    }

    private final class Registration implements EventRegistration {
        private final Runnable undo;
        private final AtomicBoolean closed = new AtomicBoolean();

        Registration(Runnable undo) {
            this.undo = undo;
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                synchronized (registrations) {
                    registrations.remove(this);
                }
                undo.run();
            }
        }
    }

    private void deregister(List<Integer> ids) {
        synchronized (listeners) {
            ids.forEach(listeners::remove);
        }
        for (int id : ids) {
            if (conn.isClosed()) {
                return;
            }
            try {
                conn.call(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, id);
            } catch (LibvirtException e) {
                LOG.log(Level.DEBUG, "deregistering event callback {0}: {1}", id, e.getMessage());
            }
        }
    }

    /** Deregisters every listener (while the connection is still open) and stops delivery. */
    void close() {
        List<Registration> all;
        synchronized (registrations) {
            all = new ArrayList<>(registrations);
        }
        all.forEach(Registration::close);
        queue.add(STOP);
    }

    private void deliverLoop() {
        try {
            while (true) {
                Object o = queue.take();
                if (o == STOP) {
                    return;
                }
                if (o instanceof ReceivedEvent e) {
                    deliver(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deliverNodeDevice(ReceivedEvent e) throws InterruptedException {
        Lifecycle ev;
        try {
            ev = e.as(NODE_DEVICE_EVENT_LIFECYCLE).orElseThrow();
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "ignoring event {0}: {1}", e.procedure(), ex.getMessage());
            return;
        }
        NodeDeviceEventListener l;
        synchronized (listeners) {
            while ((l = nodeListeners.get(ev.callbackId())) == null && registering > 0) {
                listeners.wait();
            }
        }
        if (l != null) {
            try {
                l.onEvent(ev.dev(), ev.event(), ev.detail());
            } catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "node device event listener failed", ex);
            }
        }
    }

    private void deliver(ReceivedEvent e) throws InterruptedException {
        if (e.procedure() == NODE_DEVICE_EVENT_LIFECYCLE) {
            deliverNodeDevice(e);
            return;
        }
        int callbackId;
        DomainEvent event;
        try {
            if (e.procedure() == DOMAIN_EVENT_CALLBACK_LIFECYCLE) {
                CallbackLifecycle l = e.as(DOMAIN_EVENT_CALLBACK_LIFECYCLE).orElseThrow();
                callbackId = l.callbackId();
                event = new DomainEvent.Lifecycle(ref(l.dom()),
                        LifecycleDetail.of(LifecycleEventType.of(l.event()), l.detail()));
            } else if (e.procedure() == DOMAIN_EVENT_CALLBACK_REBOOT) {
                CallbackReboot r = e.as(DOMAIN_EVENT_CALLBACK_REBOOT).orElseThrow();
                callbackId = r.callbackId();
                event = new DomainEvent.Reboot(ref(r.dom()));
            } else if (e.procedure() == DOMAIN_EVENT_CALLBACK_WATCHDOG) {
                var w = e.as(DOMAIN_EVENT_CALLBACK_WATCHDOG).orElseThrow();
                callbackId = w.callbackId();
                event = new DomainEvent.Watchdog(ref(w.dom()), w.action());
            } else if (e.procedure() == DOMAIN_EVENT_CALLBACK_IO_ERROR) {
                var io = e.as(DOMAIN_EVENT_CALLBACK_IO_ERROR).orElseThrow();
                callbackId = io.callbackId();
                event = new DomainEvent.IoError(ref(io.dom()), io.srcPath(), io.devAlias(), io.action());
            } else if (e.procedure() == DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON) {
                var io = e.as(DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON).orElseThrow();
                callbackId = io.callbackId();
                event = new DomainEvent.IoErrorReason(ref(io.dom()), io.srcPath(), io.devAlias(), io.action(),
                        io.reason());
            } else {
                return;
            }
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "ignoring event {0}: {1}", e.procedure(), ex.getMessage());
            return;
        }
        DomainEventListener l;
        synchronized (listeners) {
            while ((l = listeners.get(callbackId)) == null && registering > 0) {
                listeners.wait();
            }
        }
        if (l == null) {
            return; // deregistered meanwhile
        }
        try {
            l.onEvent(event);
        } catch (RuntimeException ex) {
            LOG.log(Level.WARNING, "domain event listener failed", ex);
        }
    }

    static DomainRef ref(WireDomain d) {
        return new DomainRef(d.name(), d.uuid(), d.id());
    }
}
