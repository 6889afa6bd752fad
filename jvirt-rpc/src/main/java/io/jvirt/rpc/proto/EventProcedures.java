package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RO;
import static io.jvirt.rpc.proto.Priority.HIGH;
import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.VOID;

import java.util.List;

import io.jvirt.rpc.proto.EventMessages.CallbackLifecycle;
import io.jvirt.rpc.proto.EventMessages.CallbackIoError;
import io.jvirt.rpc.proto.EventMessages.CallbackIoErrorReason;
import io.jvirt.rpc.proto.EventMessages.CallbackReboot;
import io.jvirt.rpc.proto.EventMessages.CallbackWatchdog;
import io.jvirt.rpc.proto.EventMessages.CallbackRegisterArgs;
import io.jvirt.rpc.proto.EventMessages.Lifecycle;
import io.jvirt.rpc.wire.WireDomain;

/**
 * REMOTE event registration calls and the event MESSAGEs (remote-protocol.md 4.6, 4.7). Only the
 * event bodies whose layout is documented are here (watchdog and I/O error ones checked against
 * go-libvirt's generated types); the other callback events (320, 323, 325-333, 346...) are left
 * out until their payloads are verified.
 */
public final class EventProcedures {
    private EventProcedures() {
    }

    private static final Defs D = new Defs(Program.REMOTE);

    /** Oldest API (lifecycle only). Result: cb_registered. */
    public static final Procedure<Void, Integer> CONNECT_DOMAIN_EVENT_REGISTER = D.call(105, "CONNECT_DOMAIN_EVENT_REGISTER", VOID, INT, RO, HIGH);
    /** Result: cb_registered. */
    public static final Procedure<Void, Integer> CONNECT_DOMAIN_EVENT_DEREGISTER = D.call(106, "CONNECT_DOMAIN_EVENT_DEREGISTER", VOID, INT, RO, HIGH);
    public static final Procedure<Lifecycle, Void> DOMAIN_EVENT_LIFECYCLE = D.message(107, "DOMAIN_EVENT_LIFECYCLE", Lifecycle.XDR);
    /** Legacy registration; argument: the event id (0..15). */
    public static final Procedure<Integer, Void> CONNECT_DOMAIN_EVENT_REGISTER_ANY = D.call(167, "CONNECT_DOMAIN_EVENT_REGISTER_ANY", INT, VOID, RO, HIGH);
    /** Argument: the event id. */
    public static final Procedure<Integer, Void> CONNECT_DOMAIN_EVENT_DEREGISTER_ANY = D.call(168, "CONNECT_DOMAIN_EVENT_DEREGISTER_ANY", INT, VOID, RO, HIGH);
    /** Body: {@code dom dom}. */
    public static final Procedure<WireDomain, Void> DOMAIN_EVENT_REBOOT = D.message(169, "DOMAIN_EVENT_REBOOT", DOMAIN);
    public static final Procedure<EventMessages.Watchdog, Void> DOMAIN_EVENT_WATCHDOG = D.message(171, "DOMAIN_EVENT_WATCHDOG",
            EventMessages.Watchdog.XDR);
    /** Result: the callback id, unique per connection. */
    public static final Procedure<CallbackRegisterArgs, Integer> CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY = D.call(316, "CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY", CallbackRegisterArgs.XDR, INT, RO, HIGH);
    /** Argument: the callback id. */
    public static final Procedure<Integer, Void> CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY = D.call(317, "CONNECT_DOMAIN_EVENT_CALLBACK_DEREGISTER_ANY", INT, VOID, RO, HIGH);
    public static final Procedure<CallbackLifecycle, Void> DOMAIN_EVENT_CALLBACK_LIFECYCLE = D.message(318, "DOMAIN_EVENT_CALLBACK_LIFECYCLE", CallbackLifecycle.XDR);
    public static final Procedure<CallbackReboot, Void> DOMAIN_EVENT_CALLBACK_REBOOT = D.message(319, "DOMAIN_EVENT_CALLBACK_REBOOT", CallbackReboot.XDR);
    /** Body: {@code i32 callbackID; dom dom; i32 action} (layout as go-libvirt's generated types). */
    public static final Procedure<CallbackWatchdog, Void> DOMAIN_EVENT_CALLBACK_WATCHDOG = D.message(321, "DOMAIN_EVENT_CALLBACK_WATCHDOG", CallbackWatchdog.XDR);
    /** Body: {@code i32 callbackID; dom dom; str srcPath; str devAlias; i32 action}. */
    public static final Procedure<CallbackIoError, Void> DOMAIN_EVENT_CALLBACK_IO_ERROR = D.message(322, "DOMAIN_EVENT_CALLBACK_IO_ERROR", CallbackIoError.XDR);
    /** Body: {@code i32 callbackID; dom dom; str srcPath; str devAlias; i32 action; str reason}. */
    public static final Procedure<CallbackIoErrorReason, Void> DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON = D.message(324, "DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON", CallbackIoErrorReason.XDR);
    /** Body: the reason (0 error, 1 EOF, 2 keepalive, 3 client). */
    public static final Procedure<Integer, Void> CONNECT_EVENT_CONNECTION_CLOSED = D.message(362, "CONNECT_EVENT_CONNECTION_CLOSED", INT);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
