package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.HYPER;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UCHAR;
import static io.jvirt.rpc.xdr.XdrType.UHYPER;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.USHORT;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.charVector;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.opaque;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.List;
import java.util.Objects;

import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.rpc.xdr.CChars;
import io.jvirt.rpc.xdr.XdrType;

/**
 * Arguments and return values of the domain procedures ({@link DomainProcedures}). A server
 * identifies {@code dom} by its UUID only. Unsigned fields keep their bits in {@code int}/
 * {@code long}; optional fields are {@code null} when absent.
 */
public final class DomainMessages {
    private DomainMessages() {
    }

    /**
     * The common {@code dom; u32 flags} argument pair.
     *
     * @param dom the domain
     * @param flags the procedure's flags
     */
    public record DomFlags(WireDomain dom, int flags) {
        public static final XdrType<DomFlags> XDR = struct(DomFlags::new,
                field(DomFlags::dom, DOMAIN), field(DomFlags::flags, UINT));

        public DomFlags {
            Objects.requireNonNull(dom, "dom");
        }
    }

    /**
     * {@code str xml; u32 flags}: CREATE_XML and DEFINE_XML_FLAGS arguments.
     *
     * @param xml the domain XML
     * @param flags start or define flags
     */
    public record XmlFlags(String xml, int flags) {
        public static final XdrType<XmlFlags> XDR = struct(XmlFlags::new,
                field(XmlFlags::xml, STRING), field(XmlFlags::flags, UINT));
    }

    /**
     * {@code dom; str xml}: ATTACH_DEVICE and DETACH_DEVICE arguments.
     *
     * @param dom the domain
     * @param xml the device XML
     */
    public record DomXml(WireDomain dom, String xml) {
        public static final XdrType<DomXml> XDR = struct(DomXml::new,
                field(DomXml::dom, DOMAIN), field(DomXml::xml, STRING));
    }

    /**
     * {@code dom; str xml; u32 flags}: the *_DEVICE_FLAGS arguments.
     *
     * @param dom the domain
     * @param xml the device XML
     * @param flags AFFECT flags (0 current, 1 live, 2 config; UPDATE also 4 force)
     */
    public record DomXmlFlags(WireDomain dom, String xml, int flags) {
        public static final XdrType<DomXmlFlags> XDR = struct(DomXmlFlags::new,
                field(DomXmlFlags::dom, DOMAIN), field(DomXmlFlags::xml, STRING), field(DomXmlFlags::flags, UINT));
    }

    /**
     * {@code DOMAIN_GET_INFO} result. {@code state} is a C {@code unsigned char} and
     * {@code nrVirtCpu} a C {@code unsigned short}: a 4-byte word each.
     *
     * @param state domain state (remote-protocol.md 6.1)
     * @param maxMem KiB
     * @param memory KiB
     * @param nrVirtCpu number of vCPUs
     * @param cpuTime ns, 0 when inactive
     */
    public record DomainInfo(int state, long maxMem, long memory, int nrVirtCpu, long cpuTime) {
        public static final XdrType<DomainInfo> XDR = struct(DomainInfo::new,
                field(DomainInfo::state, UCHAR), field(DomainInfo::maxMem, UHYPER), field(DomainInfo::memory, UHYPER),
                field(DomainInfo::nrVirtCpu, USHORT), field(DomainInfo::cpuTime, UHYPER));
    }

    /**
     * {@code int type; uhyper timeElapsed, timeRemaining, dataTotal, dataProcessed, dataRemaining,
     * memTotal, memProcessed, memRemaining, fileTotal, fileProcessed, fileRemaining}:
     * DOMAIN_GET_JOB_INFO's reply (times in ms, sizes in bytes).
     */
    public record JobInfo(int type, long timeElapsed, long timeRemaining, long dataTotal, long dataProcessed,
                          long dataRemaining, long memTotal, long memProcessed, long memRemaining, long fileTotal,
                          long fileProcessed, long fileRemaining) {
        public static final XdrType<JobInfo> XDR = struct(JobInfo::new, field(JobInfo::type, INT),
                field(JobInfo::timeElapsed, UHYPER), field(JobInfo::timeRemaining, UHYPER),
                field(JobInfo::dataTotal, UHYPER), field(JobInfo::dataProcessed, UHYPER),
                field(JobInfo::dataRemaining, UHYPER), field(JobInfo::memTotal, UHYPER),
                field(JobInfo::memProcessed, UHYPER), field(JobInfo::memRemaining, UHYPER),
                field(JobInfo::fileTotal, UHYPER), field(JobInfo::fileProcessed, UHYPER),
                field(JobInfo::fileRemaining, UHYPER));
    }

    /**
     * {@code DOMAIN_GET_VCPUS} arguments.
     *
     * @param dom the domain
     * @param maxinfo how many vCPUs to describe
     * @param maplen bytes per CPU map
     */
    public record VcpusArgs(WireDomain dom, int maxinfo, int maplen) {
        public static final XdrType<VcpusArgs> XDR = struct(VcpusArgs::new,
                field(VcpusArgs::dom, DOMAIN), field(VcpusArgs::maxinfo, INT), field(VcpusArgs::maplen, INT));
    }

    /**
     * {@code remote_vcpu_info}.
     *
     * @param number vCPU number (u32)
     * @param state 0 offline, 1 running, 2 blocked
     * @param cpuTime ns
     * @param cpu host CPU, -1 offline, -2 unavailable
     */
    public record VcpuInfo(int number, int state, long cpuTime, int cpu) {
        public static final XdrType<VcpuInfo> XDR = struct(VcpuInfo::new,
                field(VcpuInfo::number, UINT), field(VcpuInfo::state, INT), field(VcpuInfo::cpuTime, UHYPER),
                field(VcpuInfo::cpu, INT));
    }

    /**
     * {@code DOMAIN_GET_VCPUS} result.
     *
     * @param info one entry per vCPU
     * @param cpumaps maxinfo * maplen packed bytes
     */
    public record VcpusReply(List<VcpuInfo> info, byte[] cpumaps) {
        public static final XdrType<VcpusReply> XDR = struct(VcpusReply::new,
                field(VcpusReply::info, array(VcpuInfo.XDR, Limits.VCPUINFO_MAX)),
                field(VcpusReply::cpumaps, opaque(Limits.CPUMAPS_MAX)));

        public VcpusReply {
            info = List.copyOf(info);
            Objects.requireNonNull(cpumaps, "cpumaps");
        }
    }

    /**
     * {@code dom; i32 value}: SET_AUTOSTART arguments.
     *
     * @param dom the domain
     * @param autostart 1 to enable
     */
    public record SetAutostartArgs(WireDomain dom, int autostart) {
        public static final XdrType<SetAutostartArgs> XDR = struct(SetAutostartArgs::new,
                field(SetAutostartArgs::dom, DOMAIN), field(SetAutostartArgs::autostart, INT));
    }

    /**
     * {@code dom; u64 memory}: SET_MEMORY and SET_MAX_MEMORY arguments.
     *
     * @param dom the domain
     * @param memory KiB
     */
    public record SetMemoryArgs(WireDomain dom, long memory) {
        public static final XdrType<SetMemoryArgs> XDR = struct(SetMemoryArgs::new,
                field(SetMemoryArgs::dom, DOMAIN), field(SetMemoryArgs::memory, UHYPER));
    }

    /**
     * {@code DOMAIN_SET_MEMORY_FLAGS} arguments.
     *
     * @param dom the domain
     * @param memory KiB
     * @param flags MEM flags (remote-protocol.md 6.7)
     */
    public record SetMemoryFlagsArgs(WireDomain dom, long memory, int flags) {
        public static final XdrType<SetMemoryFlagsArgs> XDR = struct(SetMemoryFlagsArgs::new,
                field(SetMemoryFlagsArgs::dom, DOMAIN), field(SetMemoryFlagsArgs::memory, UHYPER),
                field(SetMemoryFlagsArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_SET_VCPUS_FLAGS} arguments.
     *
     * @param dom the domain
     * @param nvcpus new vCPU count (u32)
     * @param flags VCPU flags (remote-protocol.md 6.7)
     */
    public record SetVcpusFlagsArgs(WireDomain dom, int nvcpus, int flags) {
        public static final XdrType<SetVcpusFlagsArgs> XDR = struct(SetVcpusFlagsArgs::new,
                field(SetVcpusFlagsArgs::dom, DOMAIN), field(SetVcpusFlagsArgs::nvcpus, UINT),
                field(SetVcpusFlagsArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_SET_VCPU} arguments.
     *
     * @param dom the domain
     * @param cpumap the vCPUs, as a list like "1-3,^2"
     * @param state 1 to enable, 0 to disable
     * @param flags VIR_DOMAIN_AFFECT_* flags
     */
    public record SetVcpuArgs(WireDomain dom, String cpumap, int state, int flags) {
        public static final XdrType<SetVcpuArgs> XDR = struct(SetVcpuArgs::new,
                field(SetVcpuArgs::dom, DOMAIN), field(SetVcpuArgs::cpumap, STRING),
                field(SetVcpuArgs::state, INT), field(SetVcpuArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_GET_SECURITY_LABEL} result; {@code label} is a C {@code char<4097>}, NUL
     * counted (no label = one NUL).
     *
     * @param label the label
     * @param enforcing 1 when enforcing
     */
    public record SecurityLabel(CChars label, int enforcing) {
        public static final XdrType<SecurityLabel> XDR = struct(SecurityLabel::new,
                field(SecurityLabel::label, charVector(Limits.SECURITY_LABEL_MAX)), field(SecurityLabel::enforcing, INT));
    }

    /**
     * {@code DOMAIN_GET_STATE} result.
     *
     * @param state remote-protocol.md 6.1
     * @param reason remote-protocol.md 6.2
     */
    public record StateReply(int state, int reason) {
        public static final XdrType<StateReply> XDR = struct(StateReply::new,
                field(StateReply::state, INT), field(StateReply::reason, INT));
    }

    /**
     * {@code dom; str path}: DOMAIN_SAVE arguments.
     *
     * @param dom the domain
     * @param to the file to save to
     */
    public record SaveArgs(WireDomain dom, String to) {
        public static final XdrType<SaveArgs> XDR = struct(SaveArgs::new,
                field(SaveArgs::dom, DOMAIN), field(SaveArgs::to, STRING));
    }

    /**
     * {@code dom; str to; uint flags}: DOMAIN_CORE_DUMP arguments.
     *
     * @param dom the domain
     * @param to the file to dump to
     * @param flags DUMP flags
     */
    public record CoreDumpArgs(WireDomain dom, String to, int flags) {
        public static final XdrType<CoreDumpArgs> XDR = struct(CoreDumpArgs::new,
                field(CoreDumpArgs::dom, DOMAIN), field(CoreDumpArgs::to, STRING), field(CoreDumpArgs::flags, UINT));
    }

    /**
     * {@code dom; str to; uint dumpformat; uint flags}: DOMAIN_CORE_DUMP_WITH_FORMAT arguments.
     *
     * @param dom the domain
     * @param to the file to dump to
     * @param format a virDomainCoreDumpFormat
     * @param flags DUMP flags
     */
    public record CoreDumpWithFormatArgs(WireDomain dom, String to, int format, int flags) {
        public static final XdrType<CoreDumpWithFormatArgs> XDR = struct(CoreDumpWithFormatArgs::new,
                field(CoreDumpWithFormatArgs::dom, DOMAIN), field(CoreDumpWithFormatArgs::to, STRING),
                field(CoreDumpWithFormatArgs::format, UINT), field(CoreDumpWithFormatArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_SAVE_FLAGS} arguments.
     *
     * @param dom the domain
     * @param to the file to save to
     * @param dxml optional replacement XML for the saved image
     * @param flags SAVE flags
     */
    public record SaveFlagsArgs(WireDomain dom, String to, String dxml, int flags) {
        public static final XdrType<SaveFlagsArgs> XDR = struct(SaveFlagsArgs::new,
                field(SaveFlagsArgs::dom, DOMAIN), field(SaveFlagsArgs::to, STRING),
                field(SaveFlagsArgs::dxml, OPT_STRING), field(SaveFlagsArgs::flags, UINT));
    }

    /**
     * {@code DOMAIN_RESTORE_FLAGS} arguments.
     *
     * @param from the saved image
     * @param dxml optional replacement XML
     * @param flags SAVE/RESTORE flags
     */
    public record RestoreFlagsArgs(String from, String dxml, int flags) {
        public static final XdrType<RestoreFlagsArgs> XDR = struct(RestoreFlagsArgs::new,
                field(RestoreFlagsArgs::from, STRING), field(RestoreFlagsArgs::dxml, OPT_STRING),
                field(RestoreFlagsArgs::flags, UINT));
    }

    /**
     * {@code dom; str path}: DOMAIN_BLOCK_STATS and DOMAIN_INTERFACE_STATS arguments.
     *
     * @param dom the domain
     * @param device disk target/path, or interface name/MAC
     */
    public record DeviceArgs(WireDomain dom, String device) {
        public static final XdrType<DeviceArgs> XDR = struct(DeviceArgs::new,
                field(DeviceArgs::dom, DOMAIN), field(DeviceArgs::device, STRING));
    }

    /**
     * {@code DOMAIN_BLOCK_STATS} result (-1 = unknown).
     *
     * @param rdReq read requests
     * @param rdBytes bytes read
     * @param wrReq write requests
     * @param wrBytes bytes written
     * @param errs errors
     */
    public record BlockStats(long rdReq, long rdBytes, long wrReq, long wrBytes, long errs) {
        public static final XdrType<BlockStats> XDR = struct(BlockStats::new,
                field(BlockStats::rdReq, HYPER), field(BlockStats::rdBytes, HYPER), field(BlockStats::wrReq, HYPER),
                field(BlockStats::wrBytes, HYPER), field(BlockStats::errs, HYPER));
    }

    /**
     * {@code DOMAIN_BLOCK_STATS_FLAGS} arguments.
     *
     * @param dom the domain
     * @param path disk target or path
     * @param nparams 0 to count, else how many to return
     * @param flags TYPED_PARAM_STRING_OKAY = 4
     */
    public record BlockStatsFlagsArgs(WireDomain dom, String path, int nparams, int flags) {
        public static final XdrType<BlockStatsFlagsArgs> XDR = struct(BlockStatsFlagsArgs::new,
                field(BlockStatsFlagsArgs::dom, DOMAIN), field(BlockStatsFlagsArgs::path, STRING),
                field(BlockStatsFlagsArgs::nparams, INT), field(BlockStatsFlagsArgs::flags, UINT));
    }

    /**
     * {@code typed_param params<N>; i32 nparams}: a typed-parameter list result.
     *
     * @param params the parameters (empty when counting)
     * @param nparams the count when counting, else 0
     */
    public record TypedParamsReply(List<TypedParam> params, int nparams) {
        /** The encoding with a list of at most {@code max} parameters. */
        public static XdrType<TypedParamsReply> xdr(int max) {
            return struct(TypedParamsReply::new,
                    field(TypedParamsReply::params, array(TypedParam.XDR, max)), field(TypedParamsReply::nparams, INT));
        }

        public TypedParamsReply {
            params = List.copyOf(params);
        }
    }

    /**
     * {@code DOMAIN_INTERFACE_STATS} result (-1 = unknown).
     *
     * @param rxBytes received bytes
     * @param rxPackets received packets
     * @param rxErrs receive errors
     * @param rxDrop received packets dropped
     * @param txBytes sent bytes
     * @param txPackets sent packets
     * @param txErrs send errors
     * @param txDrop sent packets dropped
     */
    public record InterfaceStats(long rxBytes, long rxPackets, long rxErrs, long rxDrop, long txBytes, long txPackets,
            long txErrs, long txDrop) {
        public static final XdrType<InterfaceStats> XDR = struct(InterfaceStats::new,
                field(InterfaceStats::rxBytes, HYPER), field(InterfaceStats::rxPackets, HYPER),
                field(InterfaceStats::rxErrs, HYPER), field(InterfaceStats::rxDrop, HYPER),
                field(InterfaceStats::txBytes, HYPER), field(InterfaceStats::txPackets, HYPER),
                field(InterfaceStats::txErrs, HYPER), field(InterfaceStats::txDrop, HYPER));
    }

    /**
     * {@code DOMAIN_MEMORY_STATS} arguments.
     *
     * @param dom the domain
     * @param maxStats how many statistics the caller accepts (u32)
     * @param flags none defined
     */
    public record MemoryStatsArgs(WireDomain dom, int maxStats, int flags) {
        public static final XdrType<MemoryStatsArgs> XDR = struct(MemoryStatsArgs::new,
                field(MemoryStatsArgs::dom, DOMAIN), field(MemoryStatsArgs::maxStats, UINT),
                field(MemoryStatsArgs::flags, UINT));
    }

    /**
     * {@code remote_domain_memory_stat}.
     *
     * @param tag {@code VIR_DOMAIN_MEMORY_STAT_*}
     * @param val the value (KiB for sizes)
     */
    public record MemoryStat(int tag, long val) {
        public static final XdrType<MemoryStat> XDR = struct(MemoryStat::new,
                field(MemoryStat::tag, INT), field(MemoryStat::val, UHYPER));
    }

    /**
     * {@code DOMAIN_OPEN_CONSOLE} / {@code DOMAIN_OPEN_CHANNEL} arguments.
     *
     * @param dom the domain
     * @param devName console or channel alias, {@code null} for the first one
     * @param flags CONSOLE flags: 1 force, 2 safe
     */
    public record OpenDeviceArgs(WireDomain dom, String devName, int flags) {
        public static final XdrType<OpenDeviceArgs> XDR = struct(OpenDeviceArgs::new,
                field(OpenDeviceArgs::dom, DOMAIN), field(OpenDeviceArgs::devName, OPT_STRING),
                field(OpenDeviceArgs::flags, UINT));
    }
}
