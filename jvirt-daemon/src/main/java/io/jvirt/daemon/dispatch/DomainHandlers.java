package io.jvirt.daemon.dispatch;

import io.jvirt.DomainInfo;
import io.jvirt.DomainStatus;
import io.jvirt.Flags;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.DomainMessages;
import io.jvirt.rpc.proto.DomainMessages.BlockStats;
import io.jvirt.rpc.proto.DomainMessages.InterfaceStats;
import io.jvirt.rpc.proto.DomainMessages.MemoryStat;
import io.jvirt.rpc.proto.DomainMessages.SecurityLabel;
import io.jvirt.rpc.proto.DomainMessages.StateReply;
import io.jvirt.rpc.proto.DomainMessages.TypedParamsReply;
import io.jvirt.rpc.proto.TypedParam;
import io.jvirt.rpc.xdr.CChars;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.jvirt.daemon.dispatch.Wire.bool;
import static io.jvirt.daemon.dispatch.Wire.conn;
import static io.jvirt.daemon.dispatch.Wire.ref;
import static io.jvirt.rpc.proto.DomainProcedures.*;

/** The domain procedures: each one call into the same driver the embedded API uses. */
final class DomainHandlers {
    /** virDomainMemoryStatTags by libvirt's stat names. */
    private static final Map<String, Integer> MEMORY_TAGS = Map.ofEntries(Map.entry("swap_in", 0),
            Map.entry("swap_out", 1), Map.entry("major_fault", 2), Map.entry("minor_fault", 3), Map.entry("unused", 4),
            Map.entry("available", 5), Map.entry("actual", 6), Map.entry("rss", 7), Map.entry("usable", 8),
            Map.entry("last_update", 9), Map.entry("disk_caches", 10), Map.entry("hugetlb_pgalloc", 11),
            Map.entry("hugetlb_pgfail", 12));

    private DomainHandlers() {
    }

    static void register(Dispatcher d) {
        lookups(d);
        lifecycle(d);
        queries(d);
        changes(d);
    }

    private static void lookups(Dispatcher d) {
        d.on(DOMAIN_LOOKUP_BY_ID, (ctx, id) -> Wire.dom(conn(ctx).lookupByID(id)));
        d.on(DOMAIN_LOOKUP_BY_NAME, (ctx, name) -> Wire.dom(conn(ctx).lookupByName(name)));
        d.on(DOMAIN_LOOKUP_BY_UUID, (ctx, uuid) -> Wire.dom(conn(ctx).lookupByUUID(uuid)));
        d.on(DOMAIN_DEFINE_XML, (ctx, xml) -> Wire.dom(conn(ctx).defineXML(xml, 0)));
        d.on(DOMAIN_DEFINE_XML_FLAGS, (ctx, a) -> Wire.dom(conn(ctx).defineXML(a.xml(), a.flags())));
        d.on(DOMAIN_CREATE_XML, (ctx, a) -> Wire.dom(conn(ctx).createXML(a.xml(), a.flags())));
        d.on(DOMAIN_UNDEFINE, (ctx, dom) -> {
            conn(ctx).undefine(ref(dom), 0);
            return null;
        });
        d.on(DOMAIN_UNDEFINE_FLAGS, (ctx, a) -> {
            conn(ctx).undefine(ref(a.dom()), a.flags());
            return null;
        });
    }

    private static void lifecycle(Dispatcher d) {
        d.on(DOMAIN_CREATE, (ctx, dom) -> {
            conn(ctx).create(ref(dom), 0);
            return null;
        });
        d.on(DOMAIN_CREATE_WITH_FLAGS, (ctx, a) -> Wire.dom(conn(ctx).create(ref(a.dom()), a.flags())));
        d.on(DOMAIN_DESTROY, (ctx, dom) -> {
            conn(ctx).destroy(ref(dom), 0);
            return null;
        });
        d.on(DOMAIN_DESTROY_FLAGS, (ctx, a) -> {
            conn(ctx).destroy(ref(a.dom()), a.flags());
            return null;
        });
        d.on(DOMAIN_SHUTDOWN, (ctx, dom) -> {
            conn(ctx).shutdown(ref(dom), 0);
            return null;
        });
        d.on(DOMAIN_SHUTDOWN_FLAGS, (ctx, a) -> {
            conn(ctx).shutdown(ref(a.dom()), a.flags());
            return null;
        });
        d.on(DOMAIN_REBOOT, (ctx, a) -> {
            conn(ctx).reboot(ref(a.dom()), a.flags());
            return null;
        });
        d.on(DOMAIN_RESET, (ctx, a) -> {
            conn(ctx).reset(ref(a.dom()), a.flags());
            return null;
        });
        d.on(DOMAIN_SUSPEND, (ctx, dom) -> {
            conn(ctx).suspend(ref(dom));
            return null;
        });
        d.on(DOMAIN_RESUME, (ctx, dom) -> {
            conn(ctx).resume(ref(dom));
            return null;
        });
        d.on(DOMAIN_CORE_DUMP, (ctx, a) -> {
            conn(ctx).coreDump(ref(a.dom()), a.to(), io.jvirt.Flags.DumpFormat.RAW, a.flags());
            return null;
        });
        d.on(DOMAIN_CORE_DUMP_WITH_FORMAT, (ctx, a) -> {
            conn(ctx).coreDump(ref(a.dom()), a.to(), a.format(), a.flags());
            return null;
        });
        d.on(DOMAIN_SAVE, (ctx, a) -> {
            conn(ctx).save(ref(a.dom()), a.to(), 0);
            return null;
        });
        d.on(DOMAIN_SAVE_FLAGS, (ctx, a) -> {
            conn(ctx).save(ref(a.dom()), a.to(), a.flags());
            return null;
        });
        d.on(DOMAIN_RESTORE, (ctx, from) -> {
            conn(ctx).restore(from, 0);
            return null;
        });
        d.on(DOMAIN_RESTORE_FLAGS, (ctx, a) -> {
            conn(ctx).restore(a.from(), a.flags());
            return null;
        });
        d.on(DOMAIN_MANAGED_SAVE, (ctx, a) -> {
            conn(ctx).managedSave(ref(a.dom()), a.flags());
            return null;
        });
        d.on(DOMAIN_HAS_MANAGED_SAVE_IMAGE, (ctx, a) -> bool(conn(ctx).hasManagedSave(ref(a.dom()))));
        d.on(DOMAIN_MANAGED_SAVE_REMOVE, (ctx, a) -> {
            conn(ctx).managedSaveRemove(ref(a.dom()));
            return null;
        });
    }

    private static void queries(Dispatcher d) {
        d.on(DOMAIN_GET_JOB_INFO, (ctx, dom) -> {
            io.jvirt.DomainJobInfo j = conn(ctx).getJobInfo(ref(dom));
            return new DomainMessages.JobInfo(j.type(), j.timeElapsed(), j.timeRemaining(), j.dataTotal(),
                    j.dataProcessed(), j.dataRemaining(), j.memTotal(), j.memProcessed(), j.memRemaining(),
                    j.fileTotal(), j.fileProcessed(), j.fileRemaining());
        });
        d.on(DOMAIN_ABORT_JOB, (ctx, dom) -> {
            conn(ctx).abortJob(ref(dom));
            return null;
        });
        d.on(DOMAIN_GET_INFO, (ctx, dom) -> {
            DomainInfo i = conn(ctx).getInfo(ref(dom));
            return new DomainMessages.DomainInfo(i.state().code(), i.maxMemKiB(), i.memoryKiB(), i.nrVirtCpu(), i.cpuTimeNs());
        });
        d.on(DOMAIN_GET_STATE, (ctx, a) -> {
            DomainStatus s = conn(ctx).getState(ref(a.dom()));
            return new StateReply(s.state().code(), s.reason().code());
        });
        d.on(DOMAIN_GET_XML_DESC, (ctx, a) -> conn(ctx).getXMLDesc(ref(a.dom()), a.flags()));
        d.on(DOMAIN_GET_OS_TYPE, (ctx, dom) -> conn(ctx).getOSType(ref(dom)));
        d.on(DOMAIN_GET_AUTOSTART, (ctx, dom) -> bool(conn(ctx).getAutostart(ref(dom))));
        d.on(DOMAIN_IS_ACTIVE, (ctx, dom) -> bool(conn(ctx).isActive(ref(dom))));
        d.on(DOMAIN_IS_PERSISTENT, (ctx, dom) -> bool(conn(ctx).isPersistent(ref(dom))));
        d.on(DOMAIN_IS_UPDATED, (ctx, dom) -> 0);
        d.on(DOMAIN_GET_MAX_MEMORY, (ctx, dom) -> conn(ctx).getInfo(ref(dom)).maxMemKiB());
        d.on(DOMAIN_GET_MAX_VCPUS, (ctx, dom) -> conn(ctx).getInfo(ref(dom)).nrVirtCpu());
        d.on(DOMAIN_GET_VCPUS_FLAGS, (ctx, a) -> conn(ctx).getVcpus(ref(a.dom()), a.flags()));
        d.on(DOMAIN_SNAPSHOT_NUM, (ctx, a) -> 0);
        d.on(DOMAIN_GET_SECURITY_LABEL, (ctx, dom) -> new SecurityLabel(CChars.EMPTY_STRING, 0));
        d.on(DOMAIN_MEMORY_STATS, (ctx, a) -> {
            List<MemoryStat> out = new ArrayList<>();
            conn(ctx).memoryStats(ref(a.dom())).forEach((k, v) -> {
                Integer tag = MEMORY_TAGS.get(k);
                if (tag != null && out.size() < a.maxStats()) {
                    out.add(new MemoryStat(tag, v));
                }
            });
            return out;
        });
        d.on(DOMAIN_BLOCK_STATS, (ctx, a) -> {
            Map<String, Long> s = conn(ctx).blockStats(ref(a.dom()), a.device());
            return new BlockStats(s.get("rd_operations"), s.get("rd_bytes"), s.get("wr_operations"), s.get("wr_bytes"), -1);
        });
        d.on(DOMAIN_BLOCK_STATS_FLAGS, (ctx, a) -> {
            Map<String, Long> s = conn(ctx).blockStats(ref(a.dom()), a.path());
            if (a.nparams() == 0) {
                return new TypedParamsReply(List.of(), s.size());
            }
            List<TypedParam> out = s.entrySet().stream().limit(a.nparams())
                    .map(e -> new TypedParam(e.getKey(), new TypedParam.LongValue(e.getValue()))).toList();
            return new TypedParamsReply(out, out.size());
        });
        d.on(DOMAIN_INTERFACE_STATS, (ctx, a) -> {
            Map<String, Long> s = conn(ctx).interfaceStats(ref(a.dom()), a.device());
            return new InterfaceStats(s.get("rx_bytes"), s.get("rx_packets"), s.get("rx_errs"), s.get("rx_drop"),
                    s.get("tx_bytes"), s.get("tx_packets"), s.get("tx_errs"), s.get("tx_drop"));
        });
    }

    private static void changes(Dispatcher d) {
        d.on(DOMAIN_SET_AUTOSTART, (ctx, a) -> {
            conn(ctx).setAutostart(ref(a.dom()), a.autostart() != 0);
            return null;
        });
        d.on(DOMAIN_SET_VCPUS_FLAGS, (ctx, a) -> {
            conn(ctx).setVcpus(ref(a.dom()), a.nvcpus(), a.flags());
            return null;
        });
        d.on(DOMAIN_SET_VCPU, (ctx, a) -> {
            conn(ctx).setVcpu(ref(a.dom()), a.cpumap(), a.state() != 0, a.flags());
            return null;
        });
        d.on(DOMAIN_SET_MEMORY, (ctx, a) -> {
            conn(ctx).setMemory(ref(a.dom()), a.memory(), Flags.Affect.LIVE);
            return null;
        });
        d.on(DOMAIN_SET_MAX_MEMORY, (ctx, a) -> {
            conn(ctx).setMemory(ref(a.dom()), a.memory(), Flags.Affect.CONFIG | Flags.Memory.MAXIMUM);
            return null;
        });
        d.on(DOMAIN_SET_MEMORY_FLAGS, (ctx, a) -> {
            conn(ctx).setMemory(ref(a.dom()), a.memory(), a.flags());
            return null;
        });
        d.on(DOMAIN_ATTACH_DEVICE, (ctx, a) -> {
            conn(ctx).attachDevice(ref(a.dom()), a.xml(), Flags.Affect.LIVE);
            return null;
        });
        d.on(DOMAIN_ATTACH_DEVICE_FLAGS, (ctx, a) -> {
            conn(ctx).attachDevice(ref(a.dom()), a.xml(), a.flags());
            return null;
        });
        d.on(DOMAIN_UPDATE_DEVICE_FLAGS, (ctx, a) -> {
            conn(ctx).updateDevice(ref(a.dom()), a.xml(), a.flags());
            return null;
        });
        d.on(DOMAIN_DETACH_DEVICE, (ctx, a) -> {
            conn(ctx).detachDevice(ref(a.dom()), a.xml(), Flags.Affect.LIVE);
            return null;
        });
        d.on(DOMAIN_DETACH_DEVICE_FLAGS, (ctx, a) -> {
            conn(ctx).detachDevice(ref(a.dom()), a.xml(), a.flags());
            return null;
        });
    }
}
