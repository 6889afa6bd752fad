package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.OPT_DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.Objects;

import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.rpc.xdr.XdrType;

/**
 * Event registration arguments and event bodies ({@link EventProcedures}). Events travel as
 * MESSAGE packets; libvirtd sends them with serial 1 and clients ignore the serial.
 */
public final class EventMessages {
    private EventMessages() {
    }

    /**
     * {@code CONNECT_DOMAIN_EVENT_CALLBACK_REGISTER_ANY} arguments.
     *
     * @param eventId the event id (0 lifecycle ... 26)
     * @param dom only this domain's events, or {@code null} for all domains
     */
    public record CallbackRegisterArgs(int eventId, WireDomain dom) {
        public static final XdrType<CallbackRegisterArgs> XDR = struct(CallbackRegisterArgs::new,
                field(CallbackRegisterArgs::eventId, INT), field(CallbackRegisterArgs::dom, OPT_DOMAIN));
    }

    /**
     * Legacy {@code DOMAIN_EVENT_LIFECYCLE} body.
     *
     * @param dom the domain
     * @param event lifecycle event (remote-protocol.md 6.3)
     * @param detail its detail
     */
    public record Lifecycle(WireDomain dom, int event, int detail) {
        public static final XdrType<Lifecycle> XDR = struct(Lifecycle::new,
                field(Lifecycle::dom, DOMAIN), field(Lifecycle::event, INT), field(Lifecycle::detail, INT));

        public Lifecycle {
            Objects.requireNonNull(dom, "dom");
        }
    }

    /**
     * {@code DOMAIN_EVENT_CALLBACK_LIFECYCLE} body.
     *
     * @param callbackId the id the registration returned
     * @param dom the domain
     * @param event lifecycle event (remote-protocol.md 6.3)
     * @param detail its detail
     */
    public record CallbackLifecycle(int callbackId, WireDomain dom, int event, int detail) {
        public static final XdrType<CallbackLifecycle> XDR = struct(CallbackLifecycle::new,
                field(CallbackLifecycle::callbackId, INT), field(CallbackLifecycle::dom, DOMAIN),
                field(CallbackLifecycle::event, INT), field(CallbackLifecycle::detail, INT));

        public CallbackLifecycle {
            Objects.requireNonNull(dom, "dom");
        }
    }

    /**
     * {@code DOMAIN_EVENT_WATCHDOG} body (legacy registration).
     *
     * @param dom the domain
     * @param action virDomainEventWatchdogAction
     */
    public record Watchdog(WireDomain dom, int action) {
        public static final XdrType<Watchdog> XDR = struct(Watchdog::new,
                field(Watchdog::dom, DOMAIN), field(Watchdog::action, INT));
    }

    /**
     * {@code DOMAIN_EVENT_CALLBACK_REBOOT} body.
     *
     * @param callbackId the id the registration returned
     * @param dom the domain
     */
    public record CallbackReboot(int callbackId, WireDomain dom) {
        public static final XdrType<CallbackReboot> XDR = struct(CallbackReboot::new,
                field(CallbackReboot::callbackId, INT), field(CallbackReboot::dom, DOMAIN));

        public CallbackReboot {
            Objects.requireNonNull(dom, "dom");
        }
    }

    /** {@code DOMAIN_EVENT_CALLBACK_WATCHDOG} body: {@code action} is virDomainEventWatchdogAction. */
    public record CallbackWatchdog(int callbackId, WireDomain dom, int action) {
        public static final XdrType<CallbackWatchdog> XDR = struct(CallbackWatchdog::new,
                field(CallbackWatchdog::callbackId, INT), field(CallbackWatchdog::dom, DOMAIN),
                field(CallbackWatchdog::action, INT));

        public CallbackWatchdog {
            Objects.requireNonNull(dom, "dom");
        }
    }

    /** {@code DOMAIN_EVENT_CALLBACK_IO_ERROR} body: {@code action} is virDomainEventIOErrorAction. */
    public record CallbackIoError(int callbackId, WireDomain dom, String srcPath, String devAlias, int action) {
        public static final XdrType<CallbackIoError> XDR = struct(CallbackIoError::new,
                field(CallbackIoError::callbackId, INT), field(CallbackIoError::dom, DOMAIN),
                field(CallbackIoError::srcPath, STRING), field(CallbackIoError::devAlias, STRING),
                field(CallbackIoError::action, INT));

        public CallbackIoError {
            Objects.requireNonNull(dom, "dom");
        }
    }

    /** {@code DOMAIN_EVENT_CALLBACK_IO_ERROR_REASON} body: the io-error body and a reason. */
    public record CallbackIoErrorReason(int callbackId, WireDomain dom, String srcPath, String devAlias, int action,
                                        String reason) {
        public static final XdrType<CallbackIoErrorReason> XDR = struct(CallbackIoErrorReason::new,
                field(CallbackIoErrorReason::callbackId, INT), field(CallbackIoErrorReason::dom, DOMAIN),
                field(CallbackIoErrorReason::srcPath, STRING), field(CallbackIoErrorReason::devAlias, STRING),
                field(CallbackIoErrorReason::action, INT), field(CallbackIoErrorReason::reason, STRING));

        public CallbackIoErrorReason {
            Objects.requireNonNull(dom, "dom");
        }
    }
}
