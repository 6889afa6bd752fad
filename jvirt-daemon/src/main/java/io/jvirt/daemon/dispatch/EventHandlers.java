package io.jvirt.daemon.dispatch;

import io.jvirt.DomainEvent;
import io.jvirt.DomainRef;
import io.jvirt.EventRegistration;
import io.jvirt.daemon.ClientSession;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.conn.RpcServerConnection;
import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventMessages.CallbackIoError;
import io.jvirt.rpc.proto.EventMessages.CallbackIoErrorReason;
import io.jvirt.rpc.proto.EventMessages.CallbackReboot;
import io.jvirt.rpc.proto.EventMessages.CallbackWatchdog;

import static io.jvirt.rpc.proto.EventProcedures.*;

/**
 * Domain event callbacks (the "callback" style every modern client uses): a registration is a
 * listener on the client's driver connection that turns driver events into event messages.
 */
final class EventHandlers {
    /** VIR_DOMAIN_EVENT_ID_*: the ids virsh registers with `event --all` go up to this. */
    static final int EVENT_ID_LAST = 27;
    static final int LIFECYCLE = 0;
    static final int REBOOT = 1;
    static final int WATCHDOG = 3;
    static final int IO_ERROR = 4;
    static final int IO_ERROR_REASON = 6;

    private EventHandlers() {
    }

    static void register(Dispatcher d) {
        registerLegacy(d);
        d.on(CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY, (ctx, a) -> {
            if (a.eventId() < 0 || a.eventId() > EVENT_ID_LAST) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.RPC,
                        "unsupported event ID " + a.eventId());
            }
            ClientSession s = Wire.session(ctx);
            var conn = s.conn();
            int id = s.newCallbackId();
            DomainRef filter = a.dom() == null ? null : Wire.ref(a.dom());
            RpcServerConnection client = ctx.connection();
            // events start after the reply: the client drops events for ids it does not know yet.
            // Event kinds jvirt does not produce are registered too and simply never fire.
            ctx.afterReply(() -> {
                EventRegistration r = conn.addEventListener(filter, e -> deliver(client, id, a.eventId(), e));
                s.addCallback(id, r);
            });
            return id;
        });
        d.on(CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY, (ctx, id) -> {
            if (!Wire.session(ctx).removeCallback(id)) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.RPC,
                        "domain event callback " + id + " not registered");
            }
            return null;
        });
    }

    /**
     * The legacy registrations older clients use: CONNECT_DOMAIN_EVENT_REGISTER (lifecycle only)
     * and CONNECT_DOMAIN_EVENT_REGISTER_ANY (one per event id), whose events carry no callback id
     * (DOMAIN_EVENT_LIFECYCLE, DOMAIN_EVENT_REBOOT). One registration per event id and client;
     * the session keeps them under negative ids so they never meet a callback id.
     */
    private static void registerLegacy(Dispatcher d) {
        d.on(CONNECT_DOMAIN_EVENT_REGISTER, (ctx, v) -> {
            addLegacy(ctx, LIFECYCLE);
            return 1;
        });
        d.on(CONNECT_DOMAIN_EVENT_DEREGISTER, (ctx, v) -> {
            removeLegacy(ctx, LIFECYCLE);
            return 0;
        });
        d.on(CONNECT_DOMAIN_EVENT_REGISTER_ANY, (ctx, eventId) -> {
            if (eventId != LIFECYCLE && eventId != REBOOT) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.RPC,
                        "unsupported event ID " + eventId + " for legacy registration");
            }
            addLegacy(ctx, eventId);
            return null;
        });
        d.on(CONNECT_DOMAIN_EVENT_DEREGISTER_ANY, (ctx, eventId) -> {
            removeLegacy(ctx, eventId);
            return null;
        });
    }

    private static int legacyId(int eventId) {
        return -1 - eventId;
    }

    private static void addLegacy(io.jvirt.rpc.conn.CallContext ctx, int eventId) {
        ClientSession s = Wire.session(ctx);
        var conn = s.conn();
        RpcServerConnection client = ctx.connection();
        ctx.afterReply(() -> {
            s.removeCallback(legacyId(eventId)); // registering twice keeps one registration
            s.addCallback(legacyId(eventId), conn.addEventListener(null, e -> deliverLegacy(client, eventId, e)));
        });
    }

    private static void removeLegacy(io.jvirt.rpc.conn.CallContext ctx, int eventId) {
        if (!Wire.session(ctx).removeCallback(legacyId(eventId))) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.RPC,
                    "domain event " + eventId + " not registered");
        }
    }

    private static void deliverLegacy(RpcServerConnection client, int eventId, DomainEvent e) {
        switch (e) {
            case DomainEvent.Lifecycle l when eventId == LIFECYCLE -> client.sendEvent(DOMAIN_EVENT_LIFECYCLE,
                    new io.jvirt.rpc.proto.EventMessages.Lifecycle(Wire.dom(l.domain()), l.detail().type().code(),
                            l.detail().code()));
            case DomainEvent.Reboot r when eventId == REBOOT -> client.sendEvent(DOMAIN_EVENT_REBOOT, Wire.dom(r.domain()));
            case DomainEvent.Watchdog w when eventId == WATCHDOG -> client.sendEvent(DOMAIN_EVENT_WATCHDOG,
                    new io.jvirt.rpc.proto.EventMessages.Watchdog(Wire.dom(w.domain()), w.action()));
            default -> {
                // another kind
            }
        }
    }

    private static void deliver(RpcServerConnection client, int callbackId, int eventId, DomainEvent e) {
        switch (e) {
            case DomainEvent.Lifecycle l when eventId == LIFECYCLE -> client.sendEvent(DOMAIN_EVENT_CALLBACK_LIFECYCLE,
                    new CallbackLifecycle(callbackId, Wire.dom(l.domain()), l.detail().type().code(), l.detail().code()));
            case DomainEvent.Reboot r when eventId == REBOOT -> client.sendEvent(DOMAIN_EVENT_CALLBACK_REBOOT,
                    new CallbackReboot(callbackId, Wire.dom(r.domain())));
            case DomainEvent.Watchdog w when eventId == WATCHDOG -> client.sendEvent(DOMAIN_EVENT_CALLBACK_WATCHDOG,
                    new CallbackWatchdog(callbackId, Wire.dom(w.domain()), w.action()));
            case DomainEvent.IoError io when eventId == IO_ERROR -> client.sendEvent(DOMAIN_EVENT_CALLBACK_IO_ERROR,
                    new CallbackIoError(callbackId, Wire.dom(io.domain()), io.srcPath(), io.devAlias(), io.action()));
            case DomainEvent.IoErrorReason io when eventId == IO_ERROR_REASON -> client.sendEvent(
                    DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON, new CallbackIoErrorReason(callbackId, Wire.dom(io.domain()),
                            io.srcPath(), io.devAlias(), io.action(), io.reason()));
            default -> {
                // another kind than this callback asked for
            }
        }
    }
}
