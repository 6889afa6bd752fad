package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RO;
import static io.jvirt.rpc.proto.Defs.RW;
import static io.jvirt.rpc.proto.Priority.LOW;
import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.xdr.XdrType.VOID;

import java.util.List;

import io.jvirt.rpc.proto.DomainMessages.TypedParamsReply;
import io.jvirt.rpc.proto.TuningMessages.CountArgs;
import io.jvirt.rpc.proto.TuningMessages.CountFlagsArgs;
import io.jvirt.rpc.proto.TuningMessages.ParamsOnly;
import io.jvirt.rpc.proto.TuningMessages.SchedulerType;
import io.jvirt.rpc.proto.TuningMessages.SetArgs;
import io.jvirt.rpc.proto.TuningMessages.SetFlagsArgs;
import io.jvirt.rpc.wire.WireDomain;

/**
 * REMOTE procedures on domain tuning parameters (virsh schedinfo, memtune, blkiotune, numatune).
 * Numbers and layouts cross-checked against go-libvirt's generated constants and structs.
 */
public final class TuningProcedures {
    private TuningProcedures() {
    }

    private static final Defs D = new Defs(Program.REMOTE);
    private static final io.jvirt.rpc.xdr.XdrType<TypedParamsReply> REPLY =
            TypedParamsReply.xdr(TuningMessages.PARAMETERS_MAX);

    public static final Procedure<WireDomain, SchedulerType> DOMAIN_GET_SCHEDULER_TYPE = D.call(56, "DOMAIN_GET_SCHEDULER_TYPE", DOMAIN, SchedulerType.XDR, RO, LOW);
    public static final Procedure<CountArgs, ParamsOnly> DOMAIN_GET_SCHEDULER_PARAMETERS = D.call(57, "DOMAIN_GET_SCHEDULER_PARAMETERS", CountArgs.XDR, ParamsOnly.XDR, RO, LOW);
    public static final Procedure<SetArgs, Void> DOMAIN_SET_SCHEDULER_PARAMETERS = D.call(58, "DOMAIN_SET_SCHEDULER_PARAMETERS", SetArgs.XDR, VOID, RW, LOW);
    public static final Procedure<SetFlagsArgs, Void> DOMAIN_SET_MEMORY_PARAMETERS = D.call(197, "DOMAIN_SET_MEMORY_PARAMETERS", SetFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<CountFlagsArgs, TypedParamsReply> DOMAIN_GET_MEMORY_PARAMETERS = D.call(198, "DOMAIN_GET_MEMORY_PARAMETERS", CountFlagsArgs.XDR, REPLY, RO, LOW);
    public static final Procedure<SetFlagsArgs, Void> DOMAIN_SET_BLKIO_PARAMETERS = D.call(205, "DOMAIN_SET_BLKIO_PARAMETERS", SetFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<CountFlagsArgs, TypedParamsReply> DOMAIN_GET_BLKIO_PARAMETERS = D.call(206, "DOMAIN_GET_BLKIO_PARAMETERS", CountFlagsArgs.XDR, REPLY, RO, LOW);
    public static final Procedure<SetFlagsArgs, Void> DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS = D.call(219, "DOMAIN_SET_SCHEDULER_PARAMETERS_FLAGS", SetFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<CountFlagsArgs, ParamsOnly> DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS = D.call(223, "DOMAIN_GET_SCHEDULER_PARAMETERS_FLAGS", CountFlagsArgs.XDR, ParamsOnly.XDR, RO, LOW);
    public static final Procedure<SetFlagsArgs, Void> DOMAIN_SET_NUMA_PARAMETERS = D.call(254, "DOMAIN_SET_NUMA_PARAMETERS", SetFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<CountFlagsArgs, TypedParamsReply> DOMAIN_GET_NUMA_PARAMETERS = D.call(255, "DOMAIN_GET_NUMA_PARAMETERS", CountFlagsArgs.XDR, REPLY, RO, LOW);

    public static final Procedure<TuningMessages.PinVcpuArgs, Void> DOMAIN_PIN_VCPU = D.call(26, "DOMAIN_PIN_VCPU", TuningMessages.PinVcpuArgs.XDR, VOID, RW, LOW);
    public static final Procedure<TuningMessages.PinVcpuFlagsArgs, Void> DOMAIN_PIN_VCPU_FLAGS = D.call(225, "DOMAIN_PIN_VCPU_FLAGS", TuningMessages.PinVcpuFlagsArgs.XDR, VOID, RW, LOW);
    public static final Procedure<TuningMessages.VcpuPinInfoArgs, TuningMessages.Cpumaps> DOMAIN_GET_VCPU_PIN_INFO = D.call(230, "DOMAIN_GET_VCPU_PIN_INFO", TuningMessages.VcpuPinInfoArgs.XDR, TuningMessages.Cpumaps.XDR, RO, LOW);
    public static final Procedure<TuningMessages.PinEmulatorArgs, Void> DOMAIN_PIN_EMULATOR = D.call(279, "DOMAIN_PIN_EMULATOR", TuningMessages.PinEmulatorArgs.XDR, VOID, RW, LOW);
    public static final Procedure<TuningMessages.EmulatorPinInfoArgs, TuningMessages.Cpumaps> DOMAIN_GET_EMULATOR_PIN_INFO = D.call(280, "DOMAIN_GET_EMULATOR_PIN_INFO", TuningMessages.EmulatorPinInfoArgs.XDR, TuningMessages.Cpumaps.XDR, RO, LOW);

    public static final Procedure<TuningMessages.SetBlockIoTuneArgs, Void> DOMAIN_SET_BLOCK_IO_TUNE = D.call(252, "DOMAIN_SET_BLOCK_IO_TUNE", TuningMessages.SetBlockIoTuneArgs.XDR, VOID, RW, LOW);
    public static final Procedure<TuningMessages.GetBlockIoTuneArgs, TypedParamsReply> DOMAIN_GET_BLOCK_IO_TUNE = D.call(253, "DOMAIN_GET_BLOCK_IO_TUNE", TuningMessages.GetBlockIoTuneArgs.XDR, TypedParamsReply.xdr(TuningMessages.BLOCK_IO_TUNE_MAX), RO, LOW);

    public static final Procedure<TuningMessages.DomainFlags, TuningMessages.IothreadInfoRet> DOMAIN_GET_IOTHREAD_INFO = D.call(351, "DOMAIN_GET_IOTHREAD_INFO", TuningMessages.DomainFlags.XDR, TuningMessages.IothreadInfoRet.XDR, RO, LOW);
    public static final Procedure<TuningMessages.PinIothreadArgs, Void> DOMAIN_PIN_IOTHREAD = D.call(352, "DOMAIN_PIN_IOTHREAD", TuningMessages.PinIothreadArgs.XDR, VOID, RW, LOW);
    public static final Procedure<TuningMessages.IothreadArgs, Void> DOMAIN_ADD_IOTHREAD = D.call(355, "DOMAIN_ADD_IOTHREAD", TuningMessages.IothreadArgs.XDR, VOID, RW, LOW);
    public static final Procedure<TuningMessages.IothreadArgs, Void> DOMAIN_DEL_IOTHREAD = D.call(356, "DOMAIN_DEL_IOTHREAD", TuningMessages.IothreadArgs.XDR, VOID, RW, LOW);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
