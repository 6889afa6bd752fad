package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RW;
import static io.jvirt.rpc.proto.Priority.HIGH;
import static io.jvirt.rpc.proto.Priority.LOW;
import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.VOID;

import java.util.List;

import io.jvirt.rpc.proto.QemuMessages.AgentCommandArgs;
import io.jvirt.rpc.proto.QemuMessages.AttachArgs;
import io.jvirt.rpc.proto.QemuMessages.MonitorCommandArgs;
import io.jvirt.rpc.proto.QemuMessages.MonitorEvent;
import io.jvirt.rpc.proto.QemuMessages.MonitorEventRegisterArgs;
import io.jvirt.rpc.wire.WireDomain;

/**
 * The QEMU program (remote-protocol.md 5.2). Every call is refused on read-only connections: raw
 * monitor and agent access bypasses every check. Whether libvirt also refuses monitor-event
 * registration read-only is not verified; refusing is the safe choice.
 */
public final class QemuProcedures {
    private QemuProcedures() {
    }

    private static final Defs D = new Defs(Program.QEMU);

    public static final Procedure<MonitorCommandArgs, String> DOMAIN_MONITOR_COMMAND = D.call(1, "DOMAIN_MONITOR_COMMAND", MonitorCommandArgs.XDR, STRING, RW, LOW);
    public static final Procedure<AttachArgs, WireDomain> DOMAIN_ATTACH = D.call(2, "DOMAIN_ATTACH", AttachArgs.XDR, DOMAIN, RW, LOW);
    /** Result: the agent's reply, or {@code null}. */
    public static final Procedure<AgentCommandArgs, String> DOMAIN_AGENT_COMMAND = D.call(3, "DOMAIN_AGENT_COMMAND", AgentCommandArgs.XDR, OPT_STRING, RW, LOW);
    /** Result: the callback id. */
    public static final Procedure<MonitorEventRegisterArgs, Integer> CONNECT_DOMAIN_MONITOR_EVENT_REGISTER = D.call(4, "CONNECT_DOMAIN_MONITOR_EVENT_REGISTER", MonitorEventRegisterArgs.XDR, INT, RW, HIGH);
    /** Argument: the callback id. */
    public static final Procedure<Integer, Void> CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER = D.call(5, "CONNECT_DOMAIN_MONITOR_EVENT_DEREGISTER", INT, VOID, RW, HIGH);
    public static final Procedure<MonitorEvent, Void> DOMAIN_MONITOR_EVENT = D.message(6, "DOMAIN_MONITOR_EVENT", MonitorEvent.XDR);
    /** Travels as CALL_WITH_FDS / REPLY_WITH_FDS, which this layer does not support yet. */
    public static final Procedure<MonitorCommandArgs, String> DOMAIN_MONITOR_COMMAND_WITH_FILES = D.call(7, "DOMAIN_MONITOR_COMMAND_WITH_FILES", MonitorCommandArgs.XDR, STRING, RW, LOW);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
