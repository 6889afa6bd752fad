package io.jvirt.remote;

import io.jvirt.ByteStream;
import io.jvirt.DomainEventListener;
import io.jvirt.DomainInfo;
import io.jvirt.DomainRef;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.EventRegistration;
import io.jvirt.Flags;
import io.jvirt.NodeInfo;
import io.jvirt.StateReason;
import io.jvirt.error.AuthException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.rpc.conn.RpcClientConnection;
import io.jvirt.rpc.conn.ServerConfig;
import io.jvirt.rpc.proto.ConnectMessages;
import io.jvirt.rpc.proto.NodeDeviceMessages;
import io.jvirt.rpc.proto.NodeDeviceProcedures;
import io.jvirt.rpc.proto.ConnectMessages.DomainCapabilitiesArgs;
import io.jvirt.rpc.proto.ConnectMessages.ListAllDomainsArgs;
import io.jvirt.rpc.proto.ConnectMessages.NodeMemoryStatsArgs;
import io.jvirt.rpc.proto.ConnectMessages.NodeMemoryStatsReply;
import io.jvirt.rpc.proto.ConnectMessages.OpenArgs;
import io.jvirt.rpc.proto.DomainMessages.BlockStatsFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.CoreDumpArgs;
import io.jvirt.rpc.proto.DomainMessages.CoreDumpWithFormatArgs;
import io.jvirt.rpc.proto.DomainMessages.DeviceArgs;
import io.jvirt.rpc.proto.DomainMessages.DomFlags;
import io.jvirt.rpc.proto.DomainMessages.DomXmlFlags;
import io.jvirt.rpc.proto.DomainMessages.InterfaceStats;
import io.jvirt.rpc.proto.DomainMessages.MemoryStat;
import io.jvirt.rpc.proto.DomainMessages.MemoryStatsArgs;
import io.jvirt.rpc.proto.DomainMessages.OpenDeviceArgs;
import io.jvirt.rpc.proto.DomainMessages.RestoreFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.SaveArgs;
import io.jvirt.rpc.proto.DomainMessages.SaveFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.SetAutostartArgs;
import io.jvirt.rpc.proto.DomainMessages.SetMemoryFlagsArgs;
import io.jvirt.rpc.proto.DomainMessages.StateReply;
import io.jvirt.rpc.proto.DomainMessages.TypedParamsReply;
import io.jvirt.rpc.proto.DomainMessages.XmlFlags;
import io.jvirt.rpc.proto.QemuMessages.MonitorCommandArgs;
import io.jvirt.rpc.proto.TypedParam;
import io.jvirt.rpc.proto.TuningMessages;
import io.jvirt.rpc.proto.TuningProcedures;
import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.spi.ConnectDriver;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.jvirt.rpc.proto.ConnectProcedures.*;
import static io.jvirt.rpc.proto.DomainProcedures.*;
import static io.jvirt.rpc.proto.QemuProcedures.DOMAIN_MONITOR_COMMAND;

/**
 * The remote driver: every {@link ConnectDriver} method is one (or, for two-phase typed-parameter
 * calls, two) procedure calls to jvirtd or libvirtd. Errors are the server's, number and message
 * unchanged. Opening follows what virsh 9.0 sends: AUTH_LIST, keepalive probe, CONNECT_OPEN,
 * event-callback probe. Keepalive runs as virsh's does (PING after 5 s of silence, give up after
 * 5 unanswered).
 */
final class RemoteConnect implements ConnectDriver {
    private static final System.Logger LOG = System.getLogger(RemoteConnect.class.getName());
    static final int FEATURE_PROGRAM_KEEPALIVE = 10;
    static final int FEATURE_REMOTE_EVENT_CALLBACK = 14;
    static final int AUTH_NONE = 0;
    static final int AUTH_SASL = 1;
    static final int AUTH_POLKIT = 2;
    /** VIR_DOMAIN_MEMORY_STAT_NR in libvirt 9.0. */
    static final int MEMORY_STAT_NR = 13;
    private static final String[] MEMORY_STAT_NAMES = {"swap_in", "swap_out", "major_fault", "minor_fault", "unused",
        "available", "actual", "rss", "usable", "last_update", "disk_caches", "hugetlb_pgalloc", "hugetlb_pgfail"};

    private final String uri;
    private final RpcClientConnection conn;
    private final RemoteSecrets secrets;
    private final boolean eventCallbacks;
    private final RemoteEvents events;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RemoteConnect(String uri, RpcClientConnection conn, boolean eventCallbacks) {
        this.uri = uri;
        this.conn = conn;
        this.eventCallbacks = eventCallbacks;
        this.events = new RemoteEvents(conn);
        this.secrets = new RemoteSecrets(conn);
    }

    /** Connects, authenticates and opens the server's driver; the transport is closed on failure. */
    static RemoteConnect open(RemoteUri r) {
        Transport t = Transports.open(r);
        RpcClientConnection conn = new RpcClientConnection(t.in(), t.out(), t.resource(), InstantSource.system(),
                ServerConfig.defaultScheduler()).start();
        try {
            authenticate(conn);
            if (supports(conn, FEATURE_PROGRAM_KEEPALIVE)) {
                conn.startKeepalive(Duration.ofSeconds(intParam(r, "keepalive_interval", 5)),
                        intParam(r, "keepalive_count", 5));
            }
            conn.call(CONNECT_OPEN, new OpenArgs(r.serverName(), r.readOnly() ? Flags.Open.READONLY : 0));
            boolean callbacks = supports(conn, FEATURE_REMOTE_EVENT_CALLBACK);
            return new RemoteConnect(r.uri().toString(), conn, callbacks);
        } catch (RuntimeException e) {
            conn.close();
            throw e;
        }
    }

    private static int intParam(RemoteUri r, String name, int dflt) {
        return r.uri().param(name).map(Integer::parseInt).orElse(dflt);
    }

    /** AUTH_LIST first (libvirtd lets root through inside it); "none" and polkit are supported. */
    private static void authenticate(RpcClientConnection conn) {
        List<Integer> types;
        try {
            types = conn.call(AUTH_LIST, null);
        } catch (LibvirtException e) {
            if (e.number() == ErrorNumber.NO_SUPPORT) {
                return;
            }
            throw e;
        }
        if (types.isEmpty() || types.getFirst() == AUTH_NONE) {
            return;
        }
        if (types.getFirst() == AUTH_POLKIT) {
            int complete = conn.call(io.jvirt.rpc.proto.ConnectProcedures.AUTH_POLKIT, null);
            if (complete != 1) {
                throw new AuthException(ErrorNumber.AUTH_FAILED, ErrorDomain.RPC, "polkit authentication did not complete");
            }
            return;
        }
        throw new AuthException(ErrorNumber.AUTH_FAILED, ErrorDomain.RPC,
                "the server requires " + (types.getFirst() == AUTH_SASL ? "SASL" : "auth type " + types.getFirst())
                        + " authentication, which the jvirt client does not support");
    }

    private static boolean supports(RpcClientConnection conn, int feature) {
        try {
            return conn.call(CONNECT_SUPPORTS_FEATURE, feature) == 1;
        } catch (LibvirtException e) {
            LOG.log(Level.DEBUG, "feature probe {0} failed: {1}", feature, e.getMessage());
            return false;
        }
    }

    private static WireDomain w(DomainRef d) {
        return new WireDomain(d.name(), d.uuid(), d.id());
    }

    private static DomainRef ref(WireDomain d) {
        return RemoteEvents.ref(d);
    }

    // ---- connection and host ----

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String type() {
        return conn.call(CONNECT_GET_TYPE, null);
    }

    @Override
    public long hypervisorVersion() {
        return conn.call(CONNECT_GET_VERSION, null);
    }

    @Override
    public long libVersion() {
        return conn.call(CONNECT_GET_LIB_VERSION, null);
    }

    @Override
    public String hostname() {
        return conn.call(CONNECT_GET_HOSTNAME, null);
    }

    @Override
    public String capabilities() {
        return conn.call(CONNECT_GET_CAPABILITIES, null);
    }

    @Override
    public String domainCapabilities(String emulatorBin, String arch, String machine, String virtType, int flags) {
        return conn.call(CONNECT_GET_DOMAIN_CAPABILITIES, new DomainCapabilitiesArgs(emulatorBin, arch, machine, virtType, flags));
    }

    @Override
    public NodeInfo nodeInfo() {
        ConnectMessages.NodeInfo n = conn.call(NODE_GET_INFO, null);
        return new NodeInfo(n.model().text(), n.memory(), n.cpus(), n.mhz(), n.nodes(), n.sockets(), n.cores(), n.threads());
    }

    @Override
    public Map<String, Long> nodeMemoryStats(int cellNum, int flags) {
        NodeMemoryStatsReply count = conn.call(NODE_GET_MEMORY_STATS, new NodeMemoryStatsArgs(0, cellNum, flags));
        Map<String, Long> out = new LinkedHashMap<>();
        if (count.nparams() > 0) {
            NodeMemoryStatsReply r = conn.call(NODE_GET_MEMORY_STATS, new NodeMemoryStatsArgs(count.nparams(), cellNum, flags));
            r.params().forEach(p -> out.put(p.field(), p.value()));
        }
        return out;
    }

    @Override
    public String sysinfo(int flags) {
        return conn.call(CONNECT_GET_SYSINFO, flags);
    }

    // ---- defining and finding ----

    @Override
    public DomainRef defineXML(String xml, int flags) {
        return ref(flags == 0 ? conn.call(DOMAIN_DEFINE_XML, xml) : conn.call(DOMAIN_DEFINE_XML_FLAGS, new XmlFlags(xml, flags)));
    }

    @Override
    public DomainRef createXML(String xml, int flags) {
        return ref(conn.call(DOMAIN_CREATE_XML, new XmlFlags(xml, flags)));
    }

    @Override
    public DomainRef lookupByName(String name) {
        return ref(conn.call(DOMAIN_LOOKUP_BY_NAME, name));
    }

    @Override
    public DomainRef lookupByUUID(UUID uuid) {
        return ref(conn.call(DOMAIN_LOOKUP_BY_UUID, uuid));
    }

    @Override
    public DomainRef lookupByID(int id) {
        return ref(conn.call(DOMAIN_LOOKUP_BY_ID, id));
    }

    // node devices: names on the wire, as libvirt's remote_nonnull_node_device

    @Override
    public List<String> listAllNodeDevices(int flags) {
        return conn.call(NodeDeviceProcedures.CONNECT_LIST_ALL_NODE_DEVICES,
                new NodeDeviceMessages.ListAllArgs(1, flags)).devices();
    }

    @Override
    public String nodeDeviceLookupByName(String name) {
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_LOOKUP_BY_NAME, name);
    }

    @Override
    public String nodeDeviceGetXMLDesc(String name, int flags) {
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_GET_XML_DESC, new NodeDeviceMessages.NameFlags(name, flags));
    }

    @Override
    public String nodeDeviceGetParent(String name) {
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_GET_PARENT, name);
    }

    @Override
    public List<String> nodeDeviceListCaps(String name) {
        int n = conn.call(NodeDeviceProcedures.NODE_DEVICE_NUM_OF_CAPS, name);
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_LIST_CAPS, new NodeDeviceMessages.ListCapsArgs(name, n));
    }

    @Override
    public boolean nodeDeviceIsActive(String name) {
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_IS_ACTIVE, name) != 0;
    }

    @Override
    public boolean nodeDeviceIsPersistent(String name) {
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_IS_PERSISTENT, name) != 0;
    }

    @Override
    public boolean nodeDeviceGetAutostart(String name) {
        return conn.call(NodeDeviceProcedures.NODE_DEVICE_GET_AUTOSTART, name) != 0;
    }

    @Override
    public EventRegistration addNodeDeviceEventListener(String device, io.jvirt.NodeDeviceEventListener listener) {
        return events.addNodeDevice(device, listener);
    }

    @Override
    public void nodeDeviceDetach(String name, String driverName, int flags) {
        conn.call(NodeDeviceProcedures.NODE_DEVICE_DETACH_FLAGS,
                new NodeDeviceMessages.DetachArgs(name, driverName, flags));
    }

    @Override
    public void nodeDeviceReAttach(String name) {
        conn.call(NodeDeviceProcedures.NODE_DEVICE_RE_ATTACH, name);
    }

    @Override
    public void nodeDeviceReset(String name) {
        conn.call(NodeDeviceProcedures.NODE_DEVICE_RESET, name);
    }

    @Override
    public io.jvirt.SecretRef secretDefineXML(String xml, int flags) {
        return secrets.define(xml, flags);
    }

    @Override
    public io.jvirt.SecretRef secretLookupByUUID(java.util.UUID uuid) {
        return secrets.lookup(uuid);
    }

    @Override
    public io.jvirt.SecretRef secretLookupByUsage(int usageType, String usageId) {
        return secrets.lookupByUsage(usageType, usageId);
    }

    @Override
    public List<io.jvirt.SecretRef> listAllSecrets(int flags) {
        return secrets.list(flags);
    }

    @Override
    public String secretGetXMLDesc(io.jvirt.SecretRef secret, int flags) {
        return secrets.xml(secret, flags);
    }

    @Override
    public byte[] secretGetValue(io.jvirt.SecretRef secret, int flags) {
        return secrets.value(secret, flags);
    }

    @Override
    public void secretSetValue(io.jvirt.SecretRef secret, byte[] value, int flags) {
        secrets.setValue(secret, value, flags);
    }

    @Override
    public void secretUndefine(io.jvirt.SecretRef secret) {
        secrets.undefine(secret);
    }

    @Override
    public List<DomainRef> listAllDomains(int flags) {
        return conn.call(CONNECT_LIST_ALL_DOMAINS, new ListAllDomainsArgs(1, flags)).domains().stream()
                .map(RemoteConnect::ref).sorted(java.util.Comparator.comparing(DomainRef::name)).toList();
    }

    // ---- lifecycle ----

    @Override
    public DomainRef create(DomainRef dom, int flags) {
        return ref(conn.call(DOMAIN_CREATE_WITH_FLAGS, new DomFlags(w(dom), flags)));
    }

    @Override
    public void destroy(DomainRef dom, int flags) {
        if (flags == 0) {
            conn.call(DOMAIN_DESTROY, w(dom));
        } else {
            conn.call(DOMAIN_DESTROY_FLAGS, new DomFlags(w(dom), flags));
        }
    }

    @Override
    public void shutdown(DomainRef dom, int flags) {
        if (flags == 0) {
            conn.call(DOMAIN_SHUTDOWN, w(dom));
        } else {
            conn.call(DOMAIN_SHUTDOWN_FLAGS, new DomFlags(w(dom), flags));
        }
    }

    @Override
    public void undefine(DomainRef dom, int flags) {
        if (flags == 0) {
            conn.call(DOMAIN_UNDEFINE, w(dom));
        } else {
            conn.call(DOMAIN_UNDEFINE_FLAGS, new DomFlags(w(dom), flags));
        }
    }

    @Override
    public void suspend(DomainRef dom) {
        conn.call(DOMAIN_SUSPEND, w(dom));
    }

    @Override
    public void resume(DomainRef dom) {
        conn.call(DOMAIN_RESUME, w(dom));
    }

    @Override
    public void reboot(DomainRef dom, int flags) {
        conn.call(DOMAIN_REBOOT, new DomFlags(w(dom), flags));
    }

    @Override
    public void reset(DomainRef dom, int flags) {
        conn.call(DOMAIN_RESET, new DomFlags(w(dom), flags));
    }

    @Override
    public String qemuMonitorCommand(DomainRef dom, String command, int flags) {
        return conn.call(DOMAIN_MONITOR_COMMAND, new MonitorCommandArgs(w(dom), command, flags));
    }

    @Override
    public void updateDevice(DomainRef dom, String xml, int flags) {
        conn.call(DOMAIN_UPDATE_DEVICE_FLAGS, new io.jvirt.rpc.proto.DomainMessages.DomXmlFlags(w(dom), xml, flags));
    }

    @Override
    public void setVcpus(DomainRef dom, int count, int flags) {
        conn.call(DOMAIN_SET_VCPUS_FLAGS, new io.jvirt.rpc.proto.DomainMessages.SetVcpusFlagsArgs(w(dom), count, flags));
    }

    @Override
    public void setVcpu(DomainRef dom, String cpumap, boolean enable, int flags) {
        conn.call(DOMAIN_SET_VCPU,
                new io.jvirt.rpc.proto.DomainMessages.SetVcpuArgs(w(dom), cpumap, enable ? 1 : 0, flags));
    }

    @Override
    public int getVcpus(DomainRef dom, int flags) {
        return conn.call(DOMAIN_GET_VCPUS_FLAGS, new io.jvirt.rpc.proto.DomainMessages.DomFlags(w(dom), flags));
    }

    @Override
    public void setMemory(DomainRef dom, long kib, int flags) {
        conn.call(DOMAIN_SET_MEMORY_FLAGS, new SetMemoryFlagsArgs(w(dom), kib, flags));
    }

    @Override
    public Map<String, Long> memoryStats(DomainRef dom) {
        List<MemoryStat> stats = conn.call(DOMAIN_MEMORY_STATS, new MemoryStatsArgs(w(dom), MEMORY_STAT_NR, 0));
        Map<String, Long> out = new LinkedHashMap<>();
        for (MemoryStat s : stats) {
            if (s.tag() >= 0 && s.tag() < MEMORY_STAT_NAMES.length) {
                out.put(MEMORY_STAT_NAMES[s.tag()], s.val());
            }
        }
        return out;
    }

    @Override
    public List<io.jvirt.TypedParameter> getTunables(DomainRef dom, io.jvirt.TunableGroup group, int apiFlags) {
        int flags = apiFlags | 4; // VIR_TYPED_PARAM_STRING_OKAY: this client takes string parameters
        List<TypedParam> params = switch (group) {
            case SCHEDULER -> {
                int n = conn.call(TuningProcedures.DOMAIN_GET_SCHEDULER_TYPE, w(dom)).nparams();
                yield conn.call(TuningProcedures.DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS,
                        new TuningMessages.CountFlagsArgs(w(dom), n, flags)).params();
            }
            case MEMORY -> counted(TuningProcedures.DOMAIN_GET_MEMORY_PARAMETERS, dom, flags);
            case BLKIO -> counted(TuningProcedures.DOMAIN_GET_BLKIO_PARAMETERS, dom, flags);
            case NUMA -> counted(TuningProcedures.DOMAIN_GET_NUMA_PARAMETERS, dom, flags);
        };
        return params.stream().map(TypedParam::toApi).toList();
    }

    private List<TypedParam> counted(io.jvirt.rpc.proto.Procedure<TuningMessages.CountFlagsArgs, TypedParamsReply> proc,
                                     DomainRef dom, int flags) {
        int n = conn.call(proc, new TuningMessages.CountFlagsArgs(w(dom), 0, flags)).nparams();
        return n == 0 ? List.of() : conn.call(proc, new TuningMessages.CountFlagsArgs(w(dom), n, flags)).params();
    }

    @Override
    public void setTunables(DomainRef dom, io.jvirt.TunableGroup group, List<io.jvirt.TypedParameter> params, int flags) {
        var args = new TuningMessages.SetFlagsArgs(w(dom), params.stream().map(TypedParam::of).toList(), flags);
        conn.call(switch (group) {
            case SCHEDULER -> TuningProcedures.DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS;
            case MEMORY -> TuningProcedures.DOMAIN_SET_MEMORY_PARAMETERS;
            case BLKIO -> TuningProcedures.DOMAIN_SET_BLKIO_PARAMETERS;
            case NUMA -> TuningProcedures.DOMAIN_SET_NUMA_PARAMETERS;
        }, args);
    }

    @Override
    public List<io.jvirt.TypedParameter> getBlockIoTune(DomainRef dom, String disk, int flags) {
        int f = flags | 4; // VIR_TYPED_PARAM_STRING_OKAY
        int n = conn.call(TuningProcedures.DOMAIN_GET_BLOCK_IO_TUNE, new TuningMessages.GetBlockIoTuneArgs(w(dom), disk, 0, f))
                .nparams();
        return conn.call(TuningProcedures.DOMAIN_GET_BLOCK_IO_TUNE, new TuningMessages.GetBlockIoTuneArgs(w(dom), disk, n, f))
                .params().stream().map(TypedParam::toApi).toList();
    }

    @Override
    public void setBlockIoTune(DomainRef dom, String disk, List<io.jvirt.TypedParameter> params, int flags) {
        conn.call(TuningProcedures.DOMAIN_SET_BLOCK_IO_TUNE, new TuningMessages.SetBlockIoTuneArgs(w(dom), disk,
                params.stream().map(TypedParam::of).toList(), flags));
    }

    @Override
    public List<java.util.BitSet> getVcpuPinInfo(DomainRef dom, int flags) {
        int n = getVcpus(dom, io.jvirt.Flags.Vcpu.MAXIMUM | (flags & io.jvirt.Flags.Affect.CONFIG));
        int maplen = (nodeInfo().cpus() + 7) / 8;
        TuningMessages.Cpumaps r = conn.call(TuningProcedures.DOMAIN_GET_VCPU_PIN_INFO,
                new TuningMessages.VcpuPinInfoArgs(w(dom), n, maplen, flags));
        List<java.util.BitSet> out = new java.util.ArrayList<>();
        for (int i = 0; i < r.num(); i++) {
            out.add(TuningMessages.cpus(r.cpumaps(), i * maplen, maplen));
        }
        return out;
    }

    @Override
    public void pinVcpu(DomainRef dom, int vcpu, java.util.BitSet cpus, int flags) {
        conn.call(TuningProcedures.DOMAIN_PIN_VCPU_FLAGS, new TuningMessages.PinVcpuFlagsArgs(w(dom), vcpu,
                cpus.toByteArray(), flags));
    }

    @Override
    public java.util.BitSet getEmulatorPinInfo(DomainRef dom, int flags) {
        int maplen = (nodeInfo().cpus() + 7) / 8;
        TuningMessages.Cpumaps r = conn.call(TuningProcedures.DOMAIN_GET_EMULATOR_PIN_INFO,
                new TuningMessages.EmulatorPinInfoArgs(w(dom), maplen, flags));
        return TuningMessages.cpus(r.cpumaps(), 0, maplen);
    }

    @Override
    public void pinEmulator(DomainRef dom, java.util.BitSet cpus, int flags) {
        conn.call(TuningProcedures.DOMAIN_PIN_EMULATOR, new TuningMessages.PinEmulatorArgs(w(dom), cpus.toByteArray(),
                flags));
    }

    @Override
    public List<io.jvirt.IOThreadInfo> getIOThreadInfo(DomainRef dom, int flags) {
        return conn.call(TuningProcedures.DOMAIN_GET_IOTHREAD_INFO, new TuningMessages.DomainFlags(w(dom), flags))
                .info().stream().map(i -> new io.jvirt.IOThreadInfo(i.id(), java.util.BitSet.valueOf(i.cpumap())))
                .toList();
    }

    @Override
    public void pinIOThread(DomainRef dom, int id, java.util.BitSet cpus, int flags) {
        conn.call(TuningProcedures.DOMAIN_PIN_IOTHREAD, new TuningMessages.PinIothreadArgs(w(dom), id,
                cpus.toByteArray(), flags));
    }

    @Override
    public void addIOThread(DomainRef dom, int id, int flags) {
        conn.call(TuningProcedures.DOMAIN_ADD_IOTHREAD, new TuningMessages.IothreadArgs(w(dom), id, flags));
    }

    @Override
    public void delIOThread(DomainRef dom, int id, int flags) {
        conn.call(TuningProcedures.DOMAIN_DEL_IOTHREAD, new TuningMessages.IothreadArgs(w(dom), id, flags));
    }

    @Override
    public String getSchedulerType(DomainRef dom) {
        return conn.call(TuningProcedures.DOMAIN_GET_SCHEDULER_TYPE, w(dom)).type();
    }

    @Override
    public Map<String, Long> blockStats(DomainRef dom, String disk) {
        TypedParamsReply count = conn.call(DOMAIN_BLOCK_STATS_FLAGS, new BlockStatsFlagsArgs(w(dom), disk, 0, 0));
        Map<String, Long> out = new LinkedHashMap<>();
        if (count.nparams() > 0) {
            TypedParamsReply r = conn.call(DOMAIN_BLOCK_STATS_FLAGS, new BlockStatsFlagsArgs(w(dom), disk, count.nparams(), 0));
            for (TypedParam p : r.params()) {
                switch (p.value()) {
                    case TypedParam.LongValue v -> out.put(p.field(), v.value());
                    case TypedParam.ULongValue v -> out.put(p.field(), v.value());
                    case TypedParam.IntValue v -> out.put(p.field(), (long) v.value());
                    case TypedParam.UIntValue v -> out.put(p.field(), Integer.toUnsignedLong(v.value()));
                    case TypedParam.BooleanValue v -> out.put(p.field(), v.value() ? 1L : 0L);
                    case TypedParam.DoubleValue v -> out.put(p.field(), (long) v.value());
                    case TypedParam.StringValue v -> {
                        // not a counter
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Map<String, Long> interfaceStats(DomainRef dom, String device) {
        InterfaceStats s = conn.call(DOMAIN_INTERFACE_STATS, new DeviceArgs(w(dom), device));
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("rx_bytes", s.rxBytes());
        out.put("rx_packets", s.rxPackets());
        out.put("rx_errs", s.rxErrs());
        out.put("rx_drop", s.rxDrop());
        out.put("tx_bytes", s.txBytes());
        out.put("tx_packets", s.txPackets());
        out.put("tx_errs", s.txErrs());
        out.put("tx_drop", s.txDrop());
        return out;
    }

    @Override
    public void attachDevice(DomainRef dom, String xml, int flags) {
        conn.call(DOMAIN_ATTACH_DEVICE_FLAGS, new DomXmlFlags(w(dom), xml, flags));
    }

    @Override
    public void detachDevice(DomainRef dom, String xml, int flags) {
        conn.call(DOMAIN_DETACH_DEVICE_FLAGS, new DomXmlFlags(w(dom), xml, flags));
    }

    @Override
    public void coreDump(DomainRef dom, String file, int format, int flags) {
        if (format == io.jvirt.Flags.DumpFormat.RAW) {
            conn.call(DOMAIN_CORE_DUMP, new CoreDumpArgs(w(dom), file, flags));
        } else {
            conn.call(DOMAIN_CORE_DUMP_WITH_FORMAT, new CoreDumpWithFormatArgs(w(dom), file, format, flags));
        }
    }

    @Override
    public void save(DomainRef dom, String file, int flags) {
        if (flags == 0) {
            conn.call(DOMAIN_SAVE, new SaveArgs(w(dom), file));
        } else {
            conn.call(DOMAIN_SAVE_FLAGS, new SaveFlagsArgs(w(dom), file, null, flags));
        }
    }

    /**
     * RESTORE answers nothing about the domain it started, so the domain is the one that became
     * active during the call (a concurrent start by another client could make this ambiguous; the
     * save image's own XML is not readable through jvirtd).
     */
    @Override
    public DomainRef restore(String file, int flags) {
        Set<UUID> before = new HashSet<>();
        listAllDomains(Flags.ListAll.ACTIVE).forEach(d -> before.add(d.uuid()));
        if (flags == 0) {
            conn.call(DOMAIN_RESTORE, file);
        } else {
            conn.call(DOMAIN_RESTORE_FLAGS, new RestoreFlagsArgs(file, null, flags));
        }
        List<DomainRef> started = listAllDomains(Flags.ListAll.ACTIVE).stream().filter(d -> !before.contains(d.uuid())).toList();
        if (started.size() != 1) {
            throw new LibvirtException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.REMOTE,
                    "restored " + file + " but cannot tell which domain it started (" + started.size() + " candidates)");
        }
        return started.getFirst();
    }

    @Override
    public void managedSave(DomainRef dom, int flags) {
        conn.call(DOMAIN_MANAGED_SAVE, new DomFlags(w(dom), flags));
    }

    @Override
    public boolean hasManagedSave(DomainRef dom) {
        return conn.call(DOMAIN_HAS_MANAGED_SAVE_IMAGE, new DomFlags(w(dom), 0)) != 0;
    }

    @Override
    public void managedSaveRemove(DomainRef dom) {
        conn.call(DOMAIN_MANAGED_SAVE_REMOVE, new DomFlags(w(dom), 0));
    }

    // ---- queries ----

    @Override
    public DomainStatus getState(DomainRef dom) {
        StateReply s = conn.call(DOMAIN_GET_STATE, new DomFlags(w(dom), 0));
        DomainState state = DomainState.of(s.state());
        return new DomainStatus(state, StateReason.of(state, s.reason()));
    }

    @Override
    public io.jvirt.DomainJobInfo getJobInfo(DomainRef dom) {
        var j = conn.call(DOMAIN_GET_JOB_INFO, w(dom));
        return new io.jvirt.DomainJobInfo(j.type(), j.timeElapsed(), j.timeRemaining(), j.dataTotal(),
                j.dataProcessed(), j.dataRemaining(), j.memTotal(), j.memProcessed(), j.memRemaining(),
                j.fileTotal(), j.fileProcessed(), j.fileRemaining());
    }

    @Override
    public void abortJob(DomainRef dom) {
        conn.call(DOMAIN_ABORT_JOB, w(dom));
    }

    @Override
    public DomainInfo getInfo(DomainRef dom) {
        var i = conn.call(DOMAIN_GET_INFO, w(dom));
        return new DomainInfo(DomainState.of(i.state()), i.maxMem(), i.memory(), i.nrVirtCpu(), i.cpuTime());
    }

    @Override
    public String getXMLDesc(DomainRef dom, int flags) {
        return conn.call(DOMAIN_GET_XML_DESC, new DomFlags(w(dom), flags));
    }

    @Override
    public boolean isActive(DomainRef dom) {
        return conn.call(DOMAIN_IS_ACTIVE, w(dom)) != 0;
    }

    @Override
    public boolean isPersistent(DomainRef dom) {
        return conn.call(DOMAIN_IS_PERSISTENT, w(dom)) != 0;
    }

    @Override
    public String getOSType(DomainRef dom) {
        return conn.call(DOMAIN_GET_OS_TYPE, w(dom));
    }

    @Override
    public boolean getAutostart(DomainRef dom) {
        return conn.call(DOMAIN_GET_AUTOSTART, w(dom)) != 0;
    }

    @Override
    public void setAutostart(DomainRef dom, boolean autostart) {
        conn.call(DOMAIN_SET_AUTOSTART, new SetAutostartArgs(w(dom), autostart ? 1 : 0));
    }

    @Override
    public ByteStream openConsole(DomainRef dom, String devName, int flags) {
        RemoteConsole console = new RemoteConsole();
        console.attach(conn.openStream(DOMAIN_OPEN_CONSOLE, new OpenDeviceArgs(w(dom), devName, flags), console));
        return console;
    }

    // ---- events ----

    @Override
    public EventRegistration addEventListener(DomainRef filter, DomainEventListener listener) {
        if (!eventCallbacks) {
            throw ConnectDriver.unsupported("virConnectDomainEventRegisterAny (the server lacks callback-style events)");
        }
        return events.add(filter, listener);
    }

    /** Deregisters event callbacks, sends CONNECT_CLOSE and closes the transport. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            events.close();
            if (!conn.isClosed()) {
                conn.call(CONNECT_CLOSE, null);
            }
        } catch (LibvirtException e) {
            LOG.log(Level.DEBUG, "closing {0}: {1}", uri, e.getMessage());
        } finally {
            conn.close();
        }
    }
}
