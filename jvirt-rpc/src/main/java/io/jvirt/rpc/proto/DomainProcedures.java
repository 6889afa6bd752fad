package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RO;
import static io.jvirt.rpc.proto.Defs.RW;
import static io.jvirt.rpc.proto.Priority.HIGH;
import static io.jvirt.rpc.proto.Priority.LOW;
import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UHYPER;
import static io.jvirt.rpc.xdr.XdrType.VOID;
import static io.jvirt.rpc.xdr.XdrType.array;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.proto.DomainMessages.BlockStats;
import io.jvirt.rpc.proto.DomainMessages.BlockStatsFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.CoreDumpArgs;
import io.jvirt.rpc.proto.DomainMessages.CoreDumpWithFormatArgs;
import io.jvirt.rpc.proto.DomainMessages.DeviceArgs;
import io.jvirt.rpc.proto.DomainMessages.DomFlags;
import io.jvirt.rpc.proto.DomainMessages.DomXml;
import io.jvirt.rpc.proto.DomainMessages.DomXmlFlags;
import io.jvirt.rpc.proto.DomainMessages.DomainInfo;
import io.jvirt.rpc.proto.DomainMessages.InterfaceStats;
import io.jvirt.rpc.proto.DomainMessages.JobInfo;
import io.jvirt.rpc.proto.DomainMessages.MemoryStat;
import io.jvirt.rpc.proto.DomainMessages.MemoryStatsArgs;
import io.jvirt.rpc.proto.DomainMessages.OpenDeviceArgs;
import io.jvirt.rpc.proto.DomainMessages.RestoreFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.SaveArgs;
import io.jvirt.rpc.proto.DomainMessages.SaveFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.SecurityLabel;
import io.jvirt.rpc.proto.DomainMessages.SetVcpuArgs;
import io.jvirt.rpc.proto.DomainMessages.SetAutostartArgs;
import io.jvirt.rpc.proto.DomainMessages.SetMemoryArgs;
import io.jvirt.rpc.proto.DomainMessages.SetMemoryFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.SetVcpusFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.StateReply;
import io.jvirt.rpc.proto.DomainMessages.TypedParamsReply;
import io.jvirt.rpc.proto.DomainMessages.VcpusArgs;
import io.jvirt.rpc.proto.DomainMessages.VcpusReply;
import io.jvirt.rpc.proto.DomainMessages.XmlFlags;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.WireDomain;

/**
 * REMOTE procedures on domains: lookup, lifecycle, information, settings, devices, statistics,
 * save/restore and streams. Numbers from remote-protocol.md 5.1; those not in that document
 * (8, 13, 54, 55, 64, 65, 159, 160, 161, 174, 182, 184, 199, 232, 233, 243) were cross-checked
 * in two independent generated sources (go-libvirt's constants and a Rust binding's procedure
 * enum). Layouts of those follow libvirt's public API signatures. Priorities follow libvirt's
 * markings, except SET_MAX_MEMORY, which is LOW here because changing memory may need a job.
 */
public final class DomainProcedures {
    private DomainProcedures() {
    }

    private static final Defs D = new Defs(Program.REMOTE);

    public static final Procedure<DomXml, Void> DOMAIN_ATTACH_DEVICE = D.call(8, "DOMAIN_ATTACH_DEVICE", DomXml.XDR, VOID, RW, LOW);
    /** The client then looks the domain up by UUID itself to learn its new id. */
    public static final Procedure<WireDomain, Void> DOMAIN_CREATE = D.call(9, "DOMAIN_CREATE", DOMAIN, VOID, RW, LOW);
    public static final Procedure<XmlFlags, WireDomain> DOMAIN_CREATE_XML = D.call(10, "DOMAIN_CREATE_XML", XmlFlags.XDR, DOMAIN, RW, LOW);
    public static final Procedure<String, WireDomain> DOMAIN_DEFINE_XML = D.call(11, "DOMAIN_DEFINE_XML", STRING, DOMAIN, RW, HIGH);
    /** High: destroy must be able to interrupt whatever job holds the domain. */
    public static final Procedure<WireDomain, Void> DOMAIN_DESTROY = D.call(12, "DOMAIN_DESTROY", DOMAIN, VOID, RW, HIGH);
    public static final Procedure<DomXml, Void> DOMAIN_DETACH_DEVICE = D.call(13, "DOMAIN_DETACH_DEVICE", DomXml.XDR, VOID, RW, LOW);
    /** Read-only, but the SECURE flag (1) is refused on read-only connections by the driver. */
    public static final Procedure<DomFlags, String> DOMAIN_GET_XML_DESC = D.call(14, "DOMAIN_GET_XML_DESC", DomFlags.XDR, STRING, RO, LOW);
    public static final Procedure<WireDomain, Integer> DOMAIN_GET_AUTOSTART = D.call(15, "DOMAIN_GET_AUTOSTART", DOMAIN, INT, RO, HIGH);
    public static final Procedure<WireDomain, DomainInfo> DOMAIN_GET_INFO = D.call(16, "DOMAIN_GET_INFO", DOMAIN, DomainInfo.XDR, RO, LOW);
    public static final Procedure<WireDomain, Long> DOMAIN_GET_MAX_MEMORY = D.call(17, "DOMAIN_GET_MAX_MEMORY", DOMAIN, UHYPER, RO, HIGH);
    public static final Procedure<WireDomain, Integer> DOMAIN_GET_MAX_VCPUS = D.call(18, "DOMAIN_GET_MAX_VCPUS", DOMAIN, INT, RO, HIGH);
    public static final Procedure<WireDomain, String> DOMAIN_GET_OS_TYPE = D.call(19, "DOMAIN_GET_OS_TYPE", DOMAIN, STRING, RO, HIGH);
    public static final Procedure<VcpusArgs, VcpusReply> DOMAIN_GET_VCPUS = D.call(20, "DOMAIN_GET_VCPUS", VcpusArgs.XDR, VcpusReply.XDR, RO, HIGH);
    public static final Procedure<Integer, WireDomain> DOMAIN_LOOKUP_BY_ID = D.call(22, "DOMAIN_LOOKUP_BY_ID", INT, DOMAIN, RO, HIGH);
    public static final Procedure<String, WireDomain> DOMAIN_LOOKUP_BY_NAME = D.call(23, "DOMAIN_LOOKUP_BY_NAME", STRING, DOMAIN, RO, HIGH);
    public static final Procedure<UUID, WireDomain> DOMAIN_LOOKUP_BY_UUID = D.call(24, "DOMAIN_LOOKUP_BY_UUID", io.jvirt.rpc.wire.WireTypes.UUID, DOMAIN, RO, HIGH);
    public static final Procedure<DomFlags, Void> DOMAIN_REBOOT = D.call(27, "DOMAIN_REBOOT", DomFlags.XDR, VOID, RW, LOW);
    public static final Procedure<WireDomain, Void> DOMAIN_RESUME = D.call(28, "DOMAIN_RESUME", DOMAIN, VOID, RW, LOW);
    public static final Procedure<SetAutostartArgs, Void> DOMAIN_SET_AUTOSTART = D.call(29, "DOMAIN_SET_AUTOSTART", SetAutostartArgs.XDR, VOID, RW, HIGH);
    public static final Procedure<SetMemoryArgs, Void> DOMAIN_SET_MAX_MEMORY = D.call(30, "DOMAIN_SET_MAX_MEMORY", SetMemoryArgs.XDR, VOID, RW, LOW);
    public static final Procedure<SetMemoryArgs, Void> DOMAIN_SET_MEMORY = D.call(31, "DOMAIN_SET_MEMORY", SetMemoryArgs.XDR, VOID, RW, LOW);
    public static final Procedure<WireDomain, Void> DOMAIN_SHUTDOWN = D.call(33, "DOMAIN_SHUTDOWN", DOMAIN, VOID, RW, LOW);
    public static final Procedure<WireDomain, Void> DOMAIN_SUSPEND = D.call(34, "DOMAIN_SUSPEND", DOMAIN, VOID, RW, LOW);
    public static final Procedure<WireDomain, Void> DOMAIN_UNDEFINE = D.call(35, "DOMAIN_UNDEFINE", DOMAIN, VOID, RW, HIGH);
    /** Argument: the saved image's path. */
    public static final Procedure<String, Void> DOMAIN_RESTORE = D.call(54, "DOMAIN_RESTORE", STRING, VOID, RW, LOW);
    public static final Procedure<CoreDumpArgs, Void> DOMAIN_CORE_DUMP = D.call(53, "DOMAIN_CORE_DUMP", CoreDumpArgs.XDR, VOID, RW, LOW);
    public static final Procedure<SaveArgs, Void> DOMAIN_SAVE = D.call(55, "DOMAIN_SAVE", SaveArgs.XDR, VOID, RW, LOW);
    public static final Procedure<DeviceArgs, BlockStats> DOMAIN_BLOCK_STATS = D.call(64, "DOMAIN_BLOCK_STATS", DeviceArgs.XDR, BlockStats.XDR, RO, LOW);
    public static final Procedure<DeviceArgs, InterfaceStats> DOMAIN_INTERFACE_STATS = D.call(65, "DOMAIN_INTERFACE_STATS", DeviceArgs.XDR, InterfaceStats.XDR, RO, HIGH);
    public static final Procedure<WireDomain, SecurityLabel> DOMAIN_GET_SECURITY_LABEL = D.call(121, "DOMAIN_GET_SECURITY_LABEL", DOMAIN, SecurityLabel.XDR, RO, HIGH);
    public static final Procedure<WireDomain, Integer> DOMAIN_IS_ACTIVE = D.call(150, "DOMAIN_IS_ACTIVE", DOMAIN, INT, RO, HIGH);
    public static final Procedure<WireDomain, Integer> DOMAIN_IS_PERSISTENT = D.call(151, "DOMAIN_IS_PERSISTENT", DOMAIN, INT, RO, HIGH);
    /** Result: {@code remote_domain_memory_stat stats<1024>}. */
    public static final Procedure<MemoryStatsArgs, List<MemoryStat>> DOMAIN_MEMORY_STATS = D.call(159, "DOMAIN_MEMORY_STATS", MemoryStatsArgs.XDR, array(MemoryStat.XDR, Limits.DOMAIN_MEMORY_STATS_MAX), RO, LOW);
    public static final Procedure<DomXmlFlags, Void> DOMAIN_ATTACH_DEVICE_FLAGS = D.call(160, "DOMAIN_ATTACH_DEVICE_FLAGS", DomXmlFlags.XDR, VOID, RW, LOW);
    public static final Procedure<DomXmlFlags, Void> DOMAIN_DETACH_DEVICE_FLAGS = D.call(161, "DOMAIN_DETACH_DEVICE_FLAGS", DomXmlFlags.XDR, VOID, RW, LOW);
    public static final Procedure<DomXmlFlags, Void> DOMAIN_UPDATE_DEVICE_FLAGS = D.call(174, "DOMAIN_UPDATE_DEVICE_FLAGS", DomXmlFlags.XDR, VOID, RW, LOW);
    public static final Procedure<DomFlags, Void> DOMAIN_MANAGED_SAVE = D.call(182, "DOMAIN_MANAGED_SAVE", DomFlags.XDR, VOID, RW, LOW);
    public static final Procedure<DomFlags, Integer> DOMAIN_HAS_MANAGED_SAVE_IMAGE = D.call(183, "DOMAIN_HAS_MANAGED_SAVE_IMAGE", DomFlags.XDR, INT, RO, LOW);
    public static final Procedure<DomFlags, Void> DOMAIN_MANAGED_SAVE_REMOVE = D.call(184, "DOMAIN_MANAGED_SAVE_REMOVE", DomFlags.XDR, VOID, RW, LOW);
    public static final Procedure<DomFlags, Integer> DOMAIN_SNAPSHOT_NUM = D.call(187, "DOMAIN_SNAPSHOT_NUM", DomFlags.XDR, INT, RO, HIGH);
    /** Returns the updated domain (new id). */
    public static final Procedure<DomFlags, WireDomain> DOMAIN_CREATE_WITH_FLAGS = D.call(196, "DOMAIN_CREATE_WITH_FLAGS", DomFlags.XDR, DOMAIN, RW, LOW);
    public static final Procedure<SetVcpusFlagsArgs, Void> DOMAIN_SET_VCPUS_FLAGS = D.call(199, "DOMAIN_SET_VCPUS_FLAGS", SetVcpusFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<DomFlags, Integer> DOMAIN_GET_VCPUS_FLAGS = D.call(200, "DOMAIN_GET_VCPUS_FLAGS", DomFlags.XDR, INT, RO, LOW);
    /** Opens a bidirectional stream; data may reach the client before the reply. */
    public static final Procedure<OpenDeviceArgs, Void> DOMAIN_OPEN_CONSOLE = D.streamCall(201, "DOMAIN_OPEN_CONSOLE", OpenDeviceArgs.XDR, VOID, RW, LOW);
    public static final Procedure<WireDomain, Integer> DOMAIN_IS_UPDATED = D.call(202, "DOMAIN_IS_UPDATED", DOMAIN, INT, RO, HIGH);
    public static final Procedure<SetMemoryFlagsArgs, Void> DOMAIN_SET_MEMORY_FLAGS = D.call(204, "DOMAIN_SET_MEMORY_FLAGS", SetMemoryFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<DomFlags, StateReply> DOMAIN_GET_STATE = D.call(212, "DOMAIN_GET_STATE", DomFlags.XDR, StateReply.XDR, RO, HIGH);
    public static final Procedure<DomFlags, Void> DOMAIN_UNDEFINE_FLAGS = D.call(231, "DOMAIN_UNDEFINE_FLAGS", DomFlags.XDR, VOID, RW, HIGH);
    /** High priority: a client asks while its own save or dump call keeps a worker busy. */
    public static final Procedure<WireDomain, JobInfo> DOMAIN_GET_JOB_INFO = D.call(163, "DOMAIN_GET_JOB_INFO", DOMAIN, JobInfo.XDR, RO, HIGH);
    public static final Procedure<WireDomain, Void> DOMAIN_ABORT_JOB = D.call(164, "DOMAIN_ABORT_JOB", DOMAIN, VOID, RW, HIGH);
    public static final Procedure<CoreDumpWithFormatArgs, Void> DOMAIN_CORE_DUMP_WITH_FORMAT = D.call(334,
            "DOMAIN_CORE_DUMP_WITH_FORMAT", CoreDumpWithFormatArgs.XDR, VOID, RW, LOW);
    public static final Procedure<SaveFlagsArgs, Void> DOMAIN_SAVE_FLAGS = D.call(232, "DOMAIN_SAVE_FLAGS", SaveFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<RestoreFlagsArgs, Void> DOMAIN_RESTORE_FLAGS = D.call(233, "DOMAIN_RESTORE_FLAGS", RestoreFlagsArgs.XDR, VOID, RW, LOW);
    /** High: destroy must be able to interrupt whatever job holds the domain. */
    public static final Procedure<DomFlags, Void> DOMAIN_DESTROY_FLAGS = D.call(234, "DOMAIN_DESTROY_FLAGS", DomFlags.XDR, VOID, RW, HIGH);
    public static final Procedure<BlockStatsFlagsArgs, TypedParamsReply> DOMAIN_BLOCK_STATS_FLAGS = D.call(243, "DOMAIN_BLOCK_STATS_FLAGS", BlockStatsFlagsArgs.XDR, TypedParamsReply.xdr(Limits.DOMAIN_BLOCK_STATS_PARAMETERS_MAX), RO, LOW);
    public static final Procedure<DomFlags, Void> DOMAIN_RESET = D.call(245, "DOMAIN_RESET", DomFlags.XDR, VOID, RW, LOW);
    public static final Procedure<DomFlags, Void> DOMAIN_SHUTDOWN_FLAGS = D.call(258, "DOMAIN_SHUTDOWN_FLAGS", DomFlags.XDR, VOID, RW, LOW);
    /** Low: asks the guest agent. */
    public static final Procedure<DomFlags, String> DOMAIN_GET_HOSTNAME = D.call(277, "DOMAIN_GET_HOSTNAME", DomFlags.XDR, STRING, RO, LOW);
    /** Opens a bidirectional stream to a guest channel. */
    public static final Procedure<OpenDeviceArgs, Void> DOMAIN_OPEN_CHANNEL = D.streamCall(296, "DOMAIN_OPEN_CHANNEL", OpenDeviceArgs.XDR, VOID, RW, LOW);
    public static final Procedure<XmlFlags, WireDomain> DOMAIN_DEFINE_XML_FLAGS = D.call(350, "DOMAIN_DEFINE_XML_FLAGS", XmlFlags.XDR, DOMAIN, RW, HIGH);
    public static final Procedure<SetVcpuArgs, Void> DOMAIN_SET_VCPU = D.call(384, "DOMAIN_SET_VCPU", SetVcpuArgs.XDR, VOID, RW, LOW);
    /** Result: {@code str msgs<2048>}; clients tolerate its failure. */
    public static final Procedure<DomFlags, List<String>> DOMAIN_GET_MESSAGES = D.call(426, "DOMAIN_GET_MESSAGES", DomFlags.XDR, array(STRING, Limits.DOMAIN_MESSAGES_MAX), RO, LOW);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
