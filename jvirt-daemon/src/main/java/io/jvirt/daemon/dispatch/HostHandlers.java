package io.jvirt.daemon.dispatch;

import io.jvirt.DomainRef;
import io.jvirt.Flags;
import io.jvirt.NodeInfo;
import io.jvirt.daemon.ClientSession;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.ConnectMessages.ListAllDomainsReply;
import io.jvirt.rpc.proto.ConnectMessages.NodeMemoryStat;
import io.jvirt.rpc.proto.ConnectMessages.NodeMemoryStatsReply;
import io.jvirt.rpc.proto.ConnectMessages.SecurityModel;
import io.jvirt.rpc.xdr.CChars;
import io.jvirt.spi.ConnectDriver;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static io.jvirt.rpc.proto.ConnectProcedures.*;

/** The connection, the host and domain listing: CONNECT_*, AUTH_*, NODE_*. */
final class HostHandlers {
    /** VIR_DRV_FEATURE_*s jvirtd supports (keepalive, 10, is answered by the RPC layer). */
    private static final List<Integer> FEATURES = List.of(
            9,   // TYPED_PARAM_STRING
            14,  // REMOTE_EVENT_CALLBACK
            15); // REMOTE_CLOSE_CALLBACK

    private HostHandlers() {
    }

    static void register(Dispatcher d, Function<String, ConnectDriver> opener) {
        d.on(CONNECT_OPEN, (ctx, args) -> {
            Wire.session(ctx).open(opener.apply(args.name()));
            return null;
        });
        d.on(CONNECT_CLOSE, (ctx, v) -> {
            Wire.session(ctx).close();
            return null;
        });
        d.on(AUTH_LIST, (ctx, v) -> List.of(0));
        d.on(CONNECT_SUPPORTS_FEATURE, (ctx, f) -> FEATURES.contains(f) ? 1 : 0);
        d.on(CONNECT_REGISTER_CLOSE_CALLBACK, (ctx, v) -> null);
        d.on(CONNECT_UNREGISTER_CLOSE_CALLBACK, (ctx, v) -> null);
        d.on(CONNECT_GET_TYPE, (ctx, v) -> Wire.conn(ctx).type());
        d.on(CONNECT_GET_VERSION, (ctx, v) -> Wire.conn(ctx).hypervisorVersion());
        d.on(CONNECT_GET_LIB_VERSION, (ctx, v) -> Wire.conn(ctx).libVersion());
        d.on(CONNECT_GET_HOSTNAME, (ctx, v) -> Wire.conn(ctx).hostname());
        d.on(CONNECT_GET_URI, (ctx, v) -> Wire.conn(ctx).uri());
        d.on(CONNECT_IS_SECURE, (ctx, v) -> 1);
        d.on(CONNECT_GET_CAPABILITIES, (ctx, v) -> Wire.conn(ctx).capabilities());
        d.on(CONNECT_GET_DOMAIN_CAPABILITIES, (ctx, a) ->
                Wire.conn(ctx).domainCapabilities(a.emulatorbin(), a.arch(), a.machine(), a.virttype(), a.flags()));
        d.on(CONNECT_GET_SYSINFO, (ctx, flags) -> Wire.conn(ctx).sysinfo(flags));
        d.on(CONNECT_GET_MAX_VCPUS, (ctx, type) -> 255);
        d.on(CONNECT_DOMAIN_XML_TO_NATIVE, (ctx, a) ->
                Wire.conn(ctx).domainXmlToNative(a.nativeFormat(), a.domainXml(), a.flags()));
        d.on(CONNECT_DOMAIN_XML_FROM_NATIVE, (ctx, a) ->
                Wire.conn(ctx).domainXmlFromNative(a.nativeFormat(), a.nativeConfig(), a.flags()));
        d.on(NODE_GET_SECURITY_MODEL, (ctx, v) -> new SecurityModel(CChars.ofString("none"), CChars.ofString("0")));
        d.on(NODE_GET_INFO, (ctx, v) -> {
            NodeInfo n = Wire.conn(ctx).nodeInfo();
            return new io.jvirt.rpc.proto.ConnectMessages.NodeInfo(CChars.ofBytes(model(n.model())), n.memoryKiB(),
                    n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(), n.threads());
        });
        d.on(NODE_GET_MEMORY_STATS, (ctx, a) -> {
            Map<String, Long> stats = Wire.conn(ctx).nodeMemoryStats(a.cellNum(), a.flags());
            if (a.nparams() == 0) {
                return new NodeMemoryStatsReply(List.of(), stats.size());
            }
            List<NodeMemoryStat> out = stats.entrySet().stream().limit(a.nparams())
                    .map(e -> new NodeMemoryStat(e.getKey(), e.getValue())).toList();
            return new NodeMemoryStatsReply(out, out.size());
        });
        d.on(NODE_GET_FREE_MEMORY, (ctx, v) -> Wire.conn(ctx).nodeMemoryStats(-1, 0).getOrDefault("free", 0L) * 1024);
        d.on(CONNECT_LIST_ALL_DOMAINS, (ctx, a) -> {
            List<DomainRef> doms = Wire.conn(ctx).listAllDomains(a.flags());
            return new ListAllDomainsReply(a.needResults() == 0 ? List.of() : doms.stream().map(Wire::dom).toList(),
                    doms.size());
        });
        d.on(CONNECT_NUM_OF_DOMAINS, (ctx, v) -> Wire.conn(ctx).listAllDomains(Flags.ListAll.ACTIVE).size());
        d.on(CONNECT_LIST_DOMAINS, (ctx, max) -> Wire.conn(ctx).listAllDomains(Flags.ListAll.ACTIVE).stream()
                .map(DomainRef::id).limit(Math.max(max, 0)).toList());
        d.on(CONNECT_NUM_OF_DEFINED_DOMAINS, (ctx, v) -> Wire.conn(ctx).listAllDomains(Flags.ListAll.INACTIVE).size());
        d.on(CONNECT_LIST_DEFINED_DOMAINS, (ctx, max) -> Wire.conn(ctx).listAllDomains(Flags.ListAll.INACTIVE).stream()
                .map(DomainRef::name).limit(Math.max(max, 0)).toList());
        d.onClosed(c -> {
            if (c.attachment() instanceof ClientSession s) {
                s.close();
            }
        });
    }

    /** virNodeInfo.model is char[32], NUL-padded. */
    private static byte[] model(String m) {
        byte[] src = m.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] out = new byte[32];
        System.arraycopy(src, 0, out, 0, Math.min(31, src.length));
        return out;
    }
}
