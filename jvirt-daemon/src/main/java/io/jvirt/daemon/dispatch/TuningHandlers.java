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

import java.util.List;

import io.jvirt.TunableGroup;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.DomainMessages.TypedParamsReply;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.TuningMessages.CountFlagsArgs;
import io.jvirt.rpc.proto.TuningMessages.ParamsOnly;
import io.jvirt.rpc.proto.TuningMessages.SchedulerType;
import io.jvirt.rpc.proto.TuningMessages.SetFlagsArgs;
import io.jvirt.rpc.proto.TypedParam;
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
