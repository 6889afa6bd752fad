package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UHYPER;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.charArray;
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
 * Arguments and return values of the connection, authentication and host procedures
 * ({@link ConnectProcedures}). Unsigned fields keep their bits in {@code int}/{@code long};
 * fields documented as optional are {@code null} when absent. A struct of a single member is
 * encoded exactly like that member, so such procedures use the member's type directly.
 */
public final class ConnectMessages {
    private ConnectMessages() {
    }

    /**
     * {@code CONNECT_OPEN} arguments.
     *
     * @param name the URI without transport, host and query, or {@code null}/"" for "pick one"
     * @param flags 1 read-only, 2 no aliases
     */
    public record OpenArgs(String name, int flags) {
        public static final XdrType<OpenArgs> XDR = struct(OpenArgs::new,
                field(OpenArgs::name, OPT_STRING), field(OpenArgs::flags, UINT));
    }

    /**
     * {@code NODE_GET_INFO} result. {@code model} is a C {@code char[32]}: 32 words on the wire.
     *
     * @param model CPU model, e.g. "x86_64"
     * @param memory KiB
     * @param cpus active CPUs
     * @param mhz CPU frequency
     * @param nodes NUMA nodes
     * @param sockets sockets per node
     * @param cores cores per socket
     * @param threads threads per core
     */
    public record NodeInfo(CChars model, long memory, int cpus, int mhz, int nodes, int sockets, int cores,
            int threads) {
        public static final XdrType<NodeInfo> XDR = struct(NodeInfo::new,
                field(NodeInfo::model, charArray(32)), field(NodeInfo::memory, UHYPER), field(NodeInfo::cpus, INT),
                field(NodeInfo::mhz, INT), field(NodeInfo::nodes, INT), field(NodeInfo::sockets, INT),
                field(NodeInfo::cores, INT), field(NodeInfo::threads, INT));

        public NodeInfo {
            Objects.requireNonNull(model, "model");
        }
    }

    /**
     * {@code AUTH_SASL_START} arguments.
     *
     * @param mech the chosen mechanism
     * @param nil 1 when {@code data} stands for NULL rather than empty
     * @param data client data, C chars (4 bytes each on the wire)
     */
    public record SaslStartArgs(String mech, int nil, CChars data) {
        public static final XdrType<SaslStartArgs> XDR = struct(SaslStartArgs::new,
                field(SaslStartArgs::mech, STRING), field(SaslStartArgs::nil, INT),
                field(SaslStartArgs::data, charVector(Limits.AUTH_SASL_DATA_MAX)));
    }

    /**
     * {@code AUTH_SASL_STEP} arguments.
     *
     * @param nil 1 when {@code data} stands for NULL
     * @param data client data
     */
    public record SaslStepArgs(int nil, CChars data) {
        public static final XdrType<SaslStepArgs> XDR = struct(SaslStepArgs::new,
                field(SaslStepArgs::nil, INT), field(SaslStepArgs::data, charVector(Limits.AUTH_SASL_DATA_MAX)));
    }

    /**
     * {@code AUTH_SASL_START} and {@code AUTH_SASL_STEP} result.
     *
     * @param complete 1 when authentication is complete
     * @param nil 1 when {@code data} stands for NULL
     * @param data server data
     */
    public record SaslReply(int complete, int nil, CChars data) {
        public static final XdrType<SaslReply> XDR = struct(SaslReply::new,
                field(SaslReply::complete, INT), field(SaslReply::nil, INT),
                field(SaslReply::data, charVector(Limits.AUTH_SASL_DATA_MAX)));
    }

    /**
     * {@code NODE_GET_SECURITY_MODEL} result: C {@code char<257>} strings, NUL counted.
     *
     * @param model e.g. "none" (5 chars on the wire)
     * @param doi domain of interpretation, e.g. "0"
     */
    public record SecurityModel(CChars model, CChars doi) {
        public static final XdrType<SecurityModel> XDR = struct(SecurityModel::new,
                field(SecurityModel::model, charVector(Limits.SECURITY_MODEL_MAX)),
                field(SecurityModel::doi, charVector(Limits.SECURITY_DOI_MAX)));
    }

    /**
     * {@code NODE_GET_MEMORY_STATS} arguments.
     *
     * @param nparams 0 to ask how many there are, else how many to return
     * @param cellNum NUMA cell, -1 for all
     * @param flags none defined
     */
    public record NodeMemoryStatsArgs(int nparams, int cellNum, int flags) {
        public static final XdrType<NodeMemoryStatsArgs> XDR = struct(NodeMemoryStatsArgs::new,
                field(NodeMemoryStatsArgs::nparams, INT), field(NodeMemoryStatsArgs::cellNum, INT),
                field(NodeMemoryStatsArgs::flags, UINT));
    }

    /**
     * One host memory statistic.
     *
     * @param field "total", "free", "buffers", "cached"
     * @param value KiB
     */
    public record NodeMemoryStat(String field, long value) {
        public static final XdrType<NodeMemoryStat> XDR = struct(NodeMemoryStat::new,
                XdrType.field(NodeMemoryStat::field, STRING), XdrType.field(NodeMemoryStat::value, UHYPER));
    }

    /**
     * {@code NODE_GET_MEMORY_STATS} result.
     *
     * @param params the statistics (empty when only counting)
     * @param nparams the count (when counting), else 0
     */
    public record NodeMemoryStatsReply(List<NodeMemoryStat> params, int nparams) {
        public static final XdrType<NodeMemoryStatsReply> XDR = struct(NodeMemoryStatsReply::new,
                field(NodeMemoryStatsReply::params, array(NodeMemoryStat.XDR, Limits.NODE_MEMORY_STATS_MAX)),
                field(NodeMemoryStatsReply::nparams, INT));

        public NodeMemoryStatsReply {
            params = List.copyOf(params);
        }
    }

    /**
     * {@code NODE_GET_CPU_MAP} arguments.
     *
     * @param needMap 1 to return the map
     * @param needOnline 1 to return the online count
     * @param flags none defined
     */
    public record CpuMapArgs(int needMap, int needOnline, int flags) {
        public static final XdrType<CpuMapArgs> XDR = struct(CpuMapArgs::new,
                field(CpuMapArgs::needMap, INT), field(CpuMapArgs::needOnline, INT), field(CpuMapArgs::flags, UINT));
    }

    /**
     * {@code NODE_GET_CPU_MAP} result.
     *
     * @param cpumap packed bitmap of online CPUs (opaque: real bytes, not C chars)
     * @param online number of online CPUs
     * @param ret number of host CPUs
     */
    public record CpuMapReply(byte[] cpumap, int online, int ret) {
        public static final XdrType<CpuMapReply> XDR = struct(CpuMapReply::new,
                field(CpuMapReply::cpumap, opaque(Limits.CPUMAP_MAX)), field(CpuMapReply::online, UINT),
                field(CpuMapReply::ret, INT));

        public CpuMapReply {
            Objects.requireNonNull(cpumap, "cpumap");
        }
    }

    /**
     * {@code CONNECT_GET_DOMAIN_CAPABILITIES} arguments; every string is optional.
     *
     * @param emulatorbin path of the emulator
     * @param arch guest architecture
     * @param machine machine type
     * @param virttype "kvm", "qemu"
     * @param flags none defined
     */
    public record DomainCapabilitiesArgs(String emulatorbin, String arch, String machine, String virttype, int flags) {
        public static final XdrType<DomainCapabilitiesArgs> XDR = struct(DomainCapabilitiesArgs::new,
                field(DomainCapabilitiesArgs::emulatorbin, OPT_STRING), field(DomainCapabilitiesArgs::arch, OPT_STRING),
                field(DomainCapabilitiesArgs::machine, OPT_STRING), field(DomainCapabilitiesArgs::virttype, OPT_STRING),
                field(DomainCapabilitiesArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_LIST_ALL_DOMAINS} arguments.
     *
     * @param needResults 0 to count only
     * @param flags filter bits (remote-protocol.md 6.4)
     */
    public record ListAllDomainsArgs(int needResults, int flags) {
        public static final XdrType<ListAllDomainsArgs> XDR = struct(ListAllDomainsArgs::new,
                field(ListAllDomainsArgs::needResults, INT), field(ListAllDomainsArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_LIST_ALL_DOMAINS} result.
     *
     * @param domains the matching domains (empty when counting)
     * @param ret the number of matching domains (u32)
     */
    public record ListAllDomainsReply(List<WireDomain> domains, int ret) {
        public static final XdrType<ListAllDomainsReply> XDR = struct(ListAllDomainsReply::new,
                field(ListAllDomainsReply::domains, array(DOMAIN, Limits.DOMAIN_LIST_MAX)),
                field(ListAllDomainsReply::ret, UINT));

        public ListAllDomainsReply {
            domains = List.copyOf(domains);
        }
    }

    /**
     * {@code CONNECT_DOMAIN_XML_FROM_NATIVE} arguments.
     *
     * @param nativeFormat e.g. "qemu-argv"
     * @param nativeConfig the native configuration
     * @param flags none defined
     */
    public record XmlFromNativeArgs(String nativeFormat, String nativeConfig, int flags) {
        public static final XdrType<XmlFromNativeArgs> XDR = struct(XmlFromNativeArgs::new,
                field(XmlFromNativeArgs::nativeFormat, STRING), field(XmlFromNativeArgs::nativeConfig, STRING),
                field(XmlFromNativeArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_DOMAIN_XML_TO_NATIVE} arguments.
     *
     * @param nativeFormat e.g. "qemu-argv"
     * @param domainXml the domain XML
     * @param flags none defined
     */
    public record XmlToNativeArgs(String nativeFormat, String domainXml, int flags) {
        public static final XdrType<XmlToNativeArgs> XDR = struct(XmlToNativeArgs::new,
                field(XmlToNativeArgs::nativeFormat, STRING), field(XmlToNativeArgs::domainXml, STRING),
                field(XmlToNativeArgs::flags, UINT));
    }
}
