package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.OPT_DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.HYPER;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.struct;

import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.rpc.xdr.XdrType;

/** Arguments, return values and event bodies of the QEMU program ({@link QemuProcedures}). */
public final class QemuMessages {
    private QemuMessages() {
    }

    /**
     * {@code DOMAIN_MONITOR_COMMAND} (and {@code _WITH_FILES}) arguments.
     *
     * @param dom the domain
     * @param cmd QMP JSON, or HMP text with flag 1
     * @param flags 0 QMP, 1 HMP
     */
    public record MonitorCommandArgs(WireDomain dom, String cmd, int flags) {
        public static final XdrType<MonitorCommandArgs> XDR = struct(MonitorCommandArgs::new,
                field(MonitorCommandArgs::dom, DOMAIN), field(MonitorCommandArgs::cmd, STRING),
                field(MonitorCommandArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_ATTACH} arguments.
     *
     * @param pidValue the QEMU process id (u32)
     * @param flags none defined
     */
    public record AttachArgs(int pidValue, int flags) {
        public static final XdrType<AttachArgs> XDR = struct(AttachArgs::new,
                field(AttachArgs::pidValue, UINT), field(AttachArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_AGENT_COMMAND} arguments.
     *
     * @param dom the domain
     * @param cmd guest agent JSON
     * @param timeout seconds, or a {@code VIR_DOMAIN_QEMU_AGENT_COMMAND_*} special value
     * @param flags none defined
     */
    public record AgentCommandArgs(WireDomain dom, String cmd, int timeout, int flags) {
        public static final XdrType<AgentCommandArgs> XDR = struct(AgentCommandArgs::new,
                field(AgentCommandArgs::dom, DOMAIN), field(AgentCommandArgs::cmd, STRING),
                field(AgentCommandArgs::timeout, INT), field(AgentCommandArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_DOMAIN_MONITOR_EVENT_REGISTER} arguments.
     *
     * @param dom only this domain, or {@code null}
     * @param event only this QMP event name, or {@code null}
     * @param flags 1 regex, 2 no-case
     */
    public record MonitorEventRegisterArgs(WireDomain dom, String event, int flags) {
        public static final XdrType<MonitorEventRegisterArgs> XDR = struct(MonitorEventRegisterArgs::new,
                field(MonitorEventRegisterArgs::dom, OPT_DOMAIN), field(MonitorEventRegisterArgs::event, OPT_STRING),
                field(MonitorEventRegisterArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_MONITOR_EVENT} body.
     *
     * @param callbackId the id the registration returned
     * @param dom the domain
     * @param event the QMP event name
     * @param seconds event timestamp, seconds
     * @param micros event timestamp, microseconds (u32)
     * @param details the event's JSON data, or {@code null}
     */
    public record MonitorEvent(int callbackId, WireDomain dom, String event, long seconds, int micros, String details) {
        public static final XdrType<MonitorEvent> XDR = struct(MonitorEvent::new,
                field(MonitorEvent::callbackId, INT), field(MonitorEvent::dom, DOMAIN), field(MonitorEvent::event, STRING),
                field(MonitorEvent::seconds, HYPER), field(MonitorEvent::micros, UINT),
                field(MonitorEvent::details, OPT_STRING));
    }
}
