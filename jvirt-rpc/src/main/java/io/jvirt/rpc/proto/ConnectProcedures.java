package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RO;
import static io.jvirt.rpc.proto.Defs.RW;
import static io.jvirt.rpc.proto.Priority.HIGH;
import static io.jvirt.rpc.proto.Priority.LOW;
import static io.jvirt.rpc.wire.WireTypes.OPT_STRING;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UHYPER;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.VOID;
import static io.jvirt.rpc.xdr.XdrType.array;

import java.util.List;

import io.jvirt.rpc.proto.ConnectMessages.CpuMapArgs;
import io.jvirt.rpc.proto.ConnectMessages.CpuMapReply;
import io.jvirt.rpc.proto.ConnectMessages.DomainCapabilitiesArgs;
import io.jvirt.rpc.proto.ConnectMessages.ListAllDomainsArgs;
import io.jvirt.rpc.proto.ConnectMessages.ListAllDomainsReply;
import io.jvirt.rpc.proto.ConnectMessages.NodeInfo;
import io.jvirt.rpc.proto.ConnectMessages.NodeMemoryStatsArgs;
import io.jvirt.rpc.proto.ConnectMessages.NodeMemoryStatsReply;
import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.ConnectMessages.SaslReply;
import io.jvirt.rpc.proto.ConnectMessages.SaslStartArgs;
import io.jvirt.rpc.proto.ConnectMessages.SaslStepArgs;
import io.jvirt.rpc.proto.ConnectMessages.SecurityModel;
import io.jvirt.rpc.proto.ConnectMessages.XmlFromNativeArgs;
import io.jvirt.rpc.proto.ConnectMessages.XmlToNativeArgs;
import io.jvirt.rpc.wire.Limits;

/**
 * REMOTE procedures for the connection, authentication, the host and domain listing.
 * Numbers and layouts: remote-protocol.md 4 and 5.1, cross-checked against go-libvirt's generated
 * constants. Priorities follow libvirt's markings.
 */
public final class ConnectProcedures {
    private ConnectProcedures() {
    }

    private static final Defs D = new Defs(Program.REMOTE);

    public static final Procedure<OpenArgs, Void> CONNECT_OPEN = D.call(1, "CONNECT_OPEN", OpenArgs.XDR, VOID, RO, HIGH);
    /** The server replies, then closes the connection. */
    public static final Procedure<Void, Void> CONNECT_CLOSE = D.call(2, "CONNECT_CLOSE", VOID, VOID, RO, HIGH);
    public static final Procedure<Void, String> CONNECT_GET_TYPE = D.call(3, "CONNECT_GET_TYPE", VOID, STRING, RO, HIGH);
    public static final Procedure<Void, Long> CONNECT_GET_VERSION = D.call(4, "CONNECT_GET_VERSION", VOID, UHYPER, RO, HIGH);
    /** Argument: the optional virt type. */
    public static final Procedure<String, Integer> CONNECT_GET_MAX_VCPUS = D.call(5, "CONNECT_GET_MAX_VCPUS", OPT_STRING, INT, RO, HIGH);
    public static final Procedure<Void, NodeInfo> NODE_GET_INFO = D.call(6, "NODE_GET_INFO", VOID, NodeInfo.XDR, RO, HIGH);
    public static final Procedure<Void, String> CONNECT_GET_CAPABILITIES = D.call(7, "CONNECT_GET_CAPABILITIES", VOID, STRING, RO, LOW);
    /** Argument: maxnames. */
    public static final Procedure<Integer, List<String>> CONNECT_LIST_DEFINED_DOMAINS = D.call(21, "CONNECT_LIST_DEFINED_DOMAINS", INT, array(STRING, Limits.DOMAIN_LIST_MAX), RO, HIGH);
    public static final Procedure<Void, Integer> CONNECT_NUM_OF_DEFINED_DOMAINS = D.call(25, "CONNECT_NUM_OF_DEFINED_DOMAINS", VOID, INT, RO, HIGH);
    /** Argument: maxids. */
    public static final Procedure<Integer, List<Integer>> CONNECT_LIST_DOMAINS = D.call(37, "CONNECT_LIST_DOMAINS", INT, array(INT, Limits.DOMAIN_LIST_MAX), RO, HIGH);
    public static final Procedure<Void, Integer> CONNECT_NUM_OF_DOMAINS = D.call(51, "CONNECT_NUM_OF_DOMAINS", VOID, INT, RO, HIGH);
    public static final Procedure<Void, String> CONNECT_GET_HOSTNAME = D.call(59, "CONNECT_GET_HOSTNAME", VOID, STRING, RO, HIGH);
    /** Argument: the feature number; result 0/1. Feature 10 also starts the server's keepalive. */
    public static final Procedure<Integer, Integer> CONNECT_SUPPORTS_FEATURE = D.call(60, "CONNECT_SUPPORTS_FEATURE", INT, INT, RO, HIGH);
    /** Result: {@code remote_auth_type types<20>} (0 none, 1 SASL, 2 polkit). */
    public static final Procedure<Void, List<Integer>> AUTH_LIST = D.call(66, "AUTH_LIST", VOID, array(INT, Limits.AUTH_TYPE_LIST_MAX), RO, HIGH);
    /** Result: the mechanism list. */
    public static final Procedure<Void, String> AUTH_SASL_INIT = D.call(67, "AUTH_SASL_INIT", VOID, STRING, RO, HIGH);
    public static final Procedure<SaslStartArgs, SaslReply> AUTH_SASL_START = D.call(68, "AUTH_SASL_START", SaslStartArgs.XDR, SaslReply.XDR, RO, HIGH);
    public static final Procedure<SaslStepArgs, SaslReply> AUTH_SASL_STEP = D.call(69, "AUTH_SASL_STEP", SaslStepArgs.XDR, SaslReply.XDR, RO, HIGH);
    /** Result: complete (1). */
    public static final Procedure<Void, Integer> AUTH_POLKIT = D.call(70, "AUTH_POLKIT", VOID, INT, RO, HIGH);
    /** Result: free memory in bytes. */
    public static final Procedure<Void, Long> NODE_GET_FREE_MEMORY = D.call(102, "NODE_GET_FREE_MEMORY", VOID, UHYPER, RO, HIGH);
    public static final Procedure<Void, String> CONNECT_GET_URI = D.call(110, "CONNECT_GET_URI", VOID, STRING, RO, HIGH);
    public static final Procedure<Void, SecurityModel> NODE_GET_SECURITY_MODEL = D.call(122, "NODE_GET_SECURITY_MODEL", VOID, SecurityModel.XDR, RO, HIGH);
    /** Read-write: libvirt refuses native-config conversion on read-only connections. */
    public static final Procedure<XmlFromNativeArgs, String> CONNECT_DOMAIN_XML_FROM_NATIVE = D.call(135, "CONNECT_DOMAIN_XML_FROM_NATIVE", XmlFromNativeArgs.XDR, STRING, RW, LOW);
    /** Read-write: libvirt refuses native-config conversion on read-only connections. */
    public static final Procedure<XmlToNativeArgs, String> CONNECT_DOMAIN_XML_TO_NATIVE = D.call(136, "CONNECT_DOMAIN_XML_TO_NATIVE", XmlToNativeArgs.XDR, STRING, RW, LOW);
    public static final Procedure<Void, Integer> CONNECT_IS_SECURE = D.call(149, "CONNECT_IS_SECURE", VOID, INT, RO, HIGH);
    public static final Procedure<Void, Long> CONNECT_GET_LIB_VERSION = D.call(157, "CONNECT_GET_LIB_VERSION", VOID, UHYPER, RO, HIGH);
    /** Argument: flags. */
    public static final Procedure<Integer, String> CONNECT_GET_SYSINFO = D.call(203, "CONNECT_GET_SYSINFO", UINT, STRING, RO, HIGH);
    public static final Procedure<NodeMemoryStatsArgs, NodeMemoryStatsReply> NODE_GET_MEMORY_STATS = D.call(228, "NODE_GET_MEMORY_STATS", NodeMemoryStatsArgs.XDR, NodeMemoryStatsReply.XDR, RO, HIGH);
    public static final Procedure<ListAllDomainsArgs, ListAllDomainsReply> CONNECT_LIST_ALL_DOMAINS = D.call(273, "CONNECT_LIST_ALL_DOMAINS", ListAllDomainsArgs.XDR, ListAllDomainsReply.XDR, RO, HIGH);
    public static final Procedure<CpuMapArgs, CpuMapReply> NODE_GET_CPU_MAP = D.call(293, "NODE_GET_CPU_MAP", CpuMapArgs.XDR, CpuMapReply.XDR, RO, HIGH);
    /** Low: building domain capabilities may probe an emulator. */
    public static final Procedure<DomainCapabilitiesArgs, String> CONNECT_GET_DOMAIN_CAPABILITIES = D.call(342, "CONNECT_GET_DOMAIN_CAPABILITIES", DomainCapabilitiesArgs.XDR, STRING, RO, LOW);
    public static final Procedure<Void, Void> CONNECT_REGISTER_CLOSE_CALLBACK = D.call(360, "CONNECT_REGISTER_CLOSE_CALLBACK", VOID, VOID, RO, HIGH);
    public static final Procedure<Void, Void> CONNECT_UNREGISTER_CLOSE_CALLBACK = D.call(361, "CONNECT_UNREGISTER_CLOSE_CALLBACK", VOID, VOID, RO, HIGH);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
