package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.List;

import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.rpc.xdr.XdrType;

/**
 * Argument and result layouts of the tuning-parameter procedures (memory, scheduler, blkio and
 * NUMA parameters). Every list holds at most {@link #PARAMETERS_MAX} typed parameters.
 */
public final class TuningMessages {
    private TuningMessages() {
    }

    /** REMOTE_DOMAIN_{SCHEDULER,MEMORY,BLKIO,NUMA}_PARAMETERS_MAX. */
    public static final int PARAMETERS_MAX = 16;
    static final XdrType<List<TypedParam>> PARAMS = array(TypedParam.XDR, PARAMETERS_MAX);

    /** {@code string type; int nparams}: GET_SCHEDULER_TYPE's result. */
    public record SchedulerType(String type, int nparams) {
        public static final XdrType<SchedulerType> XDR = struct(SchedulerType::new,
                field(SchedulerType::type, STRING), field(SchedulerType::nparams, INT));
    }

    /** {@code dom; int nparams}: GET_SCHEDULER_PARAMETERS's arguments. */
    public record CountArgs(WireDomain dom, int nparams) {
        public static final XdrType<CountArgs> XDR = struct(CountArgs::new,
                field(CountArgs::dom, DOMAIN), field(CountArgs::nparams, INT));
    }

    /** {@code dom; int nparams; unsigned flags}: the GET_*_PARAMETERS(_FLAGS) arguments. */
    public record CountFlagsArgs(WireDomain dom, int nparams, int flags) {
        public static final XdrType<CountFlagsArgs> XDR = struct(CountFlagsArgs::new,
                field(CountFlagsArgs::dom, DOMAIN), field(CountFlagsArgs::nparams, INT),
                field(CountFlagsArgs::flags, UINT));
    }

    /** {@code dom; params}: SET_SCHEDULER_PARAMETERS's arguments. */
    public record SetArgs(WireDomain dom, List<TypedParam> params) {
        public static final XdrType<SetArgs> XDR = struct(SetArgs::new,
                field(SetArgs::dom, DOMAIN), field(SetArgs::params, PARAMS));
    }

    /** {@code dom; params; unsigned flags}: the SET_*_PARAMETERS(_FLAGS) arguments. */
    public record SetFlagsArgs(WireDomain dom, List<TypedParam> params, int flags) {
        public static final XdrType<SetFlagsArgs> XDR = struct(SetFlagsArgs::new,
                field(SetFlagsArgs::dom, DOMAIN), field(SetFlagsArgs::params, PARAMS), field(SetFlagsArgs::flags, UINT));
    }

    /** {@code params}: the scheduler getters' result (no count: the caller asked with GET_SCHEDULER_TYPE's). */
    public record ParamsOnly(List<TypedParam> params) {
        public static final XdrType<ParamsOnly> XDR = struct(ParamsOnly::new, field(ParamsOnly::params, PARAMS));
    }
}
