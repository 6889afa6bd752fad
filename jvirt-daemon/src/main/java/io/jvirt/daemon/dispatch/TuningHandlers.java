package io.jvirt.daemon.dispatch;

import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_GET_BLKIO_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_GET_MEMORY_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_GET_NUMA_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_GET_SCHEDULER_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_GET_SCHEDULER_TYPE;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_SET_BLKIO_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_SET_MEMORY_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_SET_NUMA_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_SET_SCHEDULER_PARAMETERS;
import static io.jvirt.rpc.proto.TuningProcedures.DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS;

import java.util.BitSet;
import java.util.List;

import io.jvirt.TunableGroup;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.DomainMessages.TypedParamsReply;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.TuningMessages.CountFlagsArgs;
import io.jvirt.rpc.proto.TuningMessages.ParamsOnly;
import io.jvirt.rpc.proto.TuningMessages.SchedulerType;
import io.jvirt.rpc.proto.TuningMessages.SetFlagsArgs;
import io.jvirt.rpc.proto.TuningMessages;
import io.jvirt.rpc.proto.TuningProcedures;
import io.jvirt.rpc.proto.TypedParam;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.WireDomain;

/** Tuning parameters: scheduler, memory, blkio and NUMA getters and setters. */
final class TuningHandlers {
    private TuningHandlers() {
    }

    static void register(Dispatcher d) {
        d.on(DOMAIN_GET_SCHEDULER_TYPE, (ctx, dom) -> new SchedulerType(Wire.conn(ctx).getSchedulerType(Wire.ref(dom)),
                all(ctx, dom, TunableGroup.SCHEDULER, 0).size()));
        d.on(DOMAIN_GET_SCHEDULER_PARAMETERS, (ctx, a) -> new ParamsOnly(
                get(ctx, a.dom(), TunableGroup.SCHEDULER, 0, a.nparams())));
        d.on(DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS, (ctx, a) -> new ParamsOnly(
                get(ctx, a.dom(), TunableGroup.SCHEDULER, a.flags(), a.nparams())));
        d.on(DOMAIN_SET_SCHEDULER_PARAMETERS, (ctx, a) -> {
            Wire.conn(ctx).setTunables(Wire.ref(a.dom()), TunableGroup.SCHEDULER,
                    a.params().stream().map(TypedParam::toApi).toList(), 0);
            return null;
        });
        counted(d, DOMAIN_GET_MEMORY_PARAMETERS, DOMAIN_SET_MEMORY_PARAMETERS, TunableGroup.MEMORY);
        counted(d, DOMAIN_GET_BLKIO_PARAMETERS, DOMAIN_SET_BLKIO_PARAMETERS, TunableGroup.BLKIO);
        counted(d, DOMAIN_GET_NUMA_PARAMETERS, DOMAIN_SET_NUMA_PARAMETERS, TunableGroup.NUMA);
        d.on(DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS, (ctx, a) -> set(ctx, a, TunableGroup.SCHEDULER));
        pinning(d);
        iothreads(d);
        d.on(TuningProcedures.DOMAIN_GET_BLOCK_IO_TUNE, (ctx, a) -> {
            boolean strings = (a.flags() & STRING_OKAY) != 0;
            if (a.nparams() == 0 && a.disk() == null) { // virsh asks how many before naming a disk
                return new TypedParamsReply(List.of(), io.jvirt.conf.device.DiskIotuneDef.NAMES.size() + (strings ? 1 : 0));
            }
            List<TypedParam> all = Wire.conn(ctx).getBlockIoTune(Wire.ref(a.dom()), a.disk(), a.flags() & ~STRING_OKAY)
                    .stream().filter(p -> strings || p.type() != io.jvirt.TypedParameter.Type.STRING)
                    .map(TypedParam::of).toList();
            return a.nparams() == 0 ? new TypedParamsReply(List.of(), all.size())
                    : new TypedParamsReply(all.subList(0, Math.min(all.size(), a.nparams())), Math.min(all.size(), a.nparams()));
        });
        d.on(TuningProcedures.DOMAIN_SET_BLOCK_IO_TUNE, (ctx, a) -> {
            Wire.conn(ctx).setBlockIoTune(Wire.ref(a.dom()), a.disk(), a.params().stream().map(TypedParam::toApi).toList(),
                    a.flags());
            return null;
        });
    }

    private static void pinning(Dispatcher d) {
        d.on(TuningProcedures.DOMAIN_PIN_VCPU, (ctx, a) -> {
            Wire.conn(ctx).pinVcpu(Wire.ref(a.dom()), a.vcpu(), BitSet.valueOf(a.cpumap()), io.jvirt.Flags.Affect.LIVE);
            return null;
        });
        d.on(TuningProcedures.DOMAIN_PIN_VCPU_FLAGS, (ctx, a) -> {
            Wire.conn(ctx).pinVcpu(Wire.ref(a.dom()), a.vcpu(), BitSet.valueOf(a.cpumap()), a.flags());
            return null;
        });
        d.on(TuningProcedures.DOMAIN_GET_VCPU_PIN_INFO, (ctx, a) -> {
            if (a.ncpumaps() < 0 || a.maplen() <= 0 || (long) a.ncpumaps() * a.maplen() > Limits.CPUMAPS_MAX) {
                throw new io.jvirt.error.InvalidArgException(io.jvirt.error.ErrorNumber.INVALID_ARG,
                        io.jvirt.error.ErrorDomain.RPC, "maxinfo * maplen > REMOTE_CPUMAPS_MAX");
            }
            List<BitSet> maps = Wire.conn(ctx).getVcpuPinInfo(Wire.ref(a.dom()), a.flags());
            int n = Math.min(maps.size(), a.ncpumaps());
            byte[] out = new byte[a.ncpumaps() * a.maplen()];
            for (int i = 0; i < n; i++) {
                System.arraycopy(TuningMessages.cpumap(maps.get(i), a.maplen()), 0, out, i * a.maplen(), a.maplen());
            }
            return new TuningMessages.Cpumaps(out, n);
        });
        d.on(TuningProcedures.DOMAIN_PIN_EMULATOR, (ctx, a) -> {
            Wire.conn(ctx).pinEmulator(Wire.ref(a.dom()), BitSet.valueOf(a.cpumap()), a.flags());
            return null;
        });
        d.on(TuningProcedures.DOMAIN_GET_EMULATOR_PIN_INFO, (ctx, a) -> {
            if (a.maplen() <= 0 || a.maplen() > Limits.CPUMAP_MAX) {
                throw new io.jvirt.error.InvalidArgException(io.jvirt.error.ErrorNumber.INVALID_ARG,
                        io.jvirt.error.ErrorDomain.RPC, "maplen > REMOTE_CPUMAP_MAX");
            }
            return new TuningMessages.Cpumaps(TuningMessages.cpumap(
                    Wire.conn(ctx).getEmulatorPinInfo(Wire.ref(a.dom()), a.flags()), a.maplen()), 1);
        });
    }

    private static void iothreads(Dispatcher d) {
        d.on(TuningProcedures.DOMAIN_GET_IOTHREAD_INFO, (ctx, a) -> {
            int maplen = (Wire.conn(ctx).nodeInfo().cpus() + 7) / 8;
            List<TuningMessages.IothreadInfo> info = Wire.conn(ctx).getIOThreadInfo(Wire.ref(a.dom()), a.flags())
                    .stream().map(i -> new TuningMessages.IothreadInfo(i.id(), TuningMessages.cpumap(i.cpus(), maplen)))
                    .toList();
            return new TuningMessages.IothreadInfoRet(info, info.size());
        });
        d.on(TuningProcedures.DOMAIN_PIN_IOTHREAD, (ctx, a) -> {
            Wire.conn(ctx).pinIOThread(Wire.ref(a.dom()), a.id(), BitSet.valueOf(a.cpumap()), a.flags());
            return null;
        });
        d.on(TuningProcedures.DOMAIN_ADD_IOTHREAD, (ctx, a) -> {
            Wire.conn(ctx).addIOThread(Wire.ref(a.dom()), a.id(), a.flags());
            return null;
        });
        d.on(TuningProcedures.DOMAIN_DEL_IOTHREAD, (ctx, a) -> {
            Wire.conn(ctx).delIOThread(Wire.ref(a.dom()), a.id(), a.flags());
            return null;
        });
    }

    /** A getter answering a zero-count call with the count, and a setter with flags. */
    private static void counted(Dispatcher d, Procedure<CountFlagsArgs, TypedParamsReply> get,
                                Procedure<SetFlagsArgs, Void> setter, TunableGroup group) {
        d.on(get, (ctx, a) -> {
            if (a.nparams() == 0) {
                return new TypedParamsReply(List.of(), all(ctx, a.dom(), group, a.flags()).size());
            }
            List<TypedParam> out = get(ctx, a.dom(), group, a.flags(), a.nparams());
            return new TypedParamsReply(out, out.size());
        });
        d.on(setter, (ctx, a) -> set(ctx, a, group));
    }

    /**
     * VIR_TYPED_PARAM_STRING_OKAY: the client takes string parameters (virsh and python-libvirt
     * say so); without it they are left out, as libvirt does for old clients.
     */
    static final int STRING_OKAY = 1 << 2;

    private static List<TypedParam> get(io.jvirt.rpc.conn.CallContext ctx, WireDomain dom, TunableGroup group,
                                        int flags, int max) {
        return all(ctx, dom, group, flags).stream().limit(Math.max(max, 0)).map(TypedParam::of).toList();
    }

    private static List<io.jvirt.TypedParameter> all(io.jvirt.rpc.conn.CallContext ctx, WireDomain dom,
                                                     TunableGroup group, int flags) {
        boolean strings = (flags & STRING_OKAY) != 0;
        return Wire.conn(ctx).getTunables(Wire.ref(dom), group, flags & ~STRING_OKAY).stream()
                .filter(p -> strings || p.type() != io.jvirt.TypedParameter.Type.STRING).toList();
    }

    private static Void set(io.jvirt.rpc.conn.CallContext ctx, SetFlagsArgs a, TunableGroup group) {
        Wire.conn(ctx).setTunables(Wire.ref(a.dom()), group, a.params().stream().map(TypedParam::toApi).toList(),
                a.flags());
        return null;
    }
}
