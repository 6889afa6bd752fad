package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.DOMAIN;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.opaque;
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

    /** REMOTE_DOMAIN_BLOCK_IO_TUNE_PARAMETERS_MAX. */
    public static final int BLOCK_IO_TUNE_MAX = 32;

    /** {@code dom; string disk; params; unsigned flags}: SET_BLOCK_IO_TUNE's arguments. */
    public record SetBlockIoTuneArgs(WireDomain dom, String disk, List<TypedParam> params, int flags) {
        public static final XdrType<SetBlockIoTuneArgs> XDR = struct(SetBlockIoTuneArgs::new,
                field(SetBlockIoTuneArgs::dom, DOMAIN), field(SetBlockIoTuneArgs::disk, STRING),
                field(SetBlockIoTuneArgs::params, array(TypedParam.XDR, BLOCK_IO_TUNE_MAX)),
                field(SetBlockIoTuneArgs::flags, UINT));
    }

    /** {@code dom; string *disk; int nparams; unsigned flags}: GET_BLOCK_IO_TUNE's arguments. */
    public record GetBlockIoTuneArgs(WireDomain dom, String disk, int nparams, int flags) {
        public static final XdrType<GetBlockIoTuneArgs> XDR = struct(GetBlockIoTuneArgs::new,
                field(GetBlockIoTuneArgs::dom, DOMAIN), field(GetBlockIoTuneArgs::disk, io.jvirt.rpc.wire.WireTypes.OPT_STRING),
                field(GetBlockIoTuneArgs::nparams, INT), field(GetBlockIoTuneArgs::flags, UINT));
    }

    static final XdrType<byte[]> CPUMAP = opaque(io.jvirt.rpc.wire.Limits.CPUMAP_MAX);

    /** {@code dom; unsigned vcpu; opaque cpumap<>}: PIN_VCPU's arguments. */
    public record PinVcpuArgs(WireDomain dom, int vcpu, byte[] cpumap) {
        public static final XdrType<PinVcpuArgs> XDR = struct(PinVcpuArgs::new, field(PinVcpuArgs::dom, DOMAIN),
                field(PinVcpuArgs::vcpu, UINT), field(PinVcpuArgs::cpumap, CPUMAP));
    }

    /** {@code dom; unsigned vcpu; opaque cpumap<>; unsigned flags}: PIN_VCPU_FLAGS's arguments. */
    public record PinVcpuFlagsArgs(WireDomain dom, int vcpu, byte[] cpumap, int flags) {
        public static final XdrType<PinVcpuFlagsArgs> XDR = struct(PinVcpuFlagsArgs::new,
                field(PinVcpuFlagsArgs::dom, DOMAIN), field(PinVcpuFlagsArgs::vcpu, UINT),
                field(PinVcpuFlagsArgs::cpumap, CPUMAP), field(PinVcpuFlagsArgs::flags, UINT));
    }

    /** {@code dom; int ncpumaps; int maplen; unsigned flags}: GET_VCPU_PIN_INFO's arguments. */
    public record VcpuPinInfoArgs(WireDomain dom, int ncpumaps, int maplen, int flags) {
        public static final XdrType<VcpuPinInfoArgs> XDR = struct(VcpuPinInfoArgs::new,
                field(VcpuPinInfoArgs::dom, DOMAIN), field(VcpuPinInfoArgs::ncpumaps, INT),
                field(VcpuPinInfoArgs::maplen, INT), field(VcpuPinInfoArgs::flags, UINT));
    }

    /** {@code dom; opaque cpumap<>; unsigned flags}: PIN_EMULATOR's arguments. */
    public record PinEmulatorArgs(WireDomain dom, byte[] cpumap, int flags) {
        public static final XdrType<PinEmulatorArgs> XDR = struct(PinEmulatorArgs::new,
                field(PinEmulatorArgs::dom, DOMAIN), field(PinEmulatorArgs::cpumap, CPUMAP),
                field(PinEmulatorArgs::flags, UINT));
    }

    /** {@code dom; int maplen; unsigned flags}: GET_EMULATOR_PIN_INFO's arguments. */
    public record EmulatorPinInfoArgs(WireDomain dom, int maplen, int flags) {
        public static final XdrType<EmulatorPinInfoArgs> XDR = struct(EmulatorPinInfoArgs::new,
                field(EmulatorPinInfoArgs::dom, DOMAIN), field(EmulatorPinInfoArgs::maplen, INT),
                field(EmulatorPinInfoArgs::flags, UINT));
    }

    /** {@code opaque cpumaps<>; int num}: the pin-info results (maps of maplen bytes, CPU i = bit i%8 of byte i/8). */
    public record Cpumaps(byte[] cpumaps, int num) {
        public static final XdrType<Cpumaps> XDR = struct(Cpumaps::new,
                field(Cpumaps::cpumaps, opaque(io.jvirt.rpc.wire.Limits.CPUMAPS_MAX)), field(Cpumaps::num, INT));
    }

    /** {@code cpus} as a libvirt cpumap of {@code maplen} bytes (CPUs beyond it left out). */
    public static byte[] cpumap(java.util.BitSet cpus, int maplen) {
        byte[] out = new byte[maplen];
        byte[] b = cpus.toByteArray();
        System.arraycopy(b, 0, out, 0, Math.min(b.length, maplen));
        return out;
    }

    /** A libvirt cpumap as the set of CPUs it names. */
    public static java.util.BitSet cpus(byte[] map, int offset, int maplen) {
        return java.util.BitSet.valueOf(java.util.Arrays.copyOfRange(map, offset, offset + maplen));
    }

    /** REMOTE_IOTHREAD_INFO_MAX. */
    public static final int IOTHREAD_INFO_MAX = 16384;

    /** {@code unsigned iothread_id; opaque cpumap<>}: one IOThread of GET_IOTHREAD_INFO's result. */
    public record IothreadInfo(int id, byte[] cpumap) {
        public static final XdrType<IothreadInfo> XDR = struct(IothreadInfo::new,
                field(IothreadInfo::id, UINT), field(IothreadInfo::cpumap, CPUMAP));
    }

    /** {@code info<>; unsigned ret}: GET_IOTHREAD_INFO's result ({@code ret} = the number of IOThreads). */
    public record IothreadInfoRet(List<IothreadInfo> info, int ret) {
        public static final XdrType<IothreadInfoRet> XDR = struct(IothreadInfoRet::new,
                field(IothreadInfoRet::info, array(IothreadInfo.XDR, IOTHREAD_INFO_MAX)),
                field(IothreadInfoRet::ret, UINT));
    }

    /** {@code dom; unsigned flags}. */
    public record DomainFlags(WireDomain dom, int flags) {
        public static final XdrType<DomainFlags> XDR = struct(DomainFlags::new, field(DomainFlags::dom, DOMAIN),
                field(DomainFlags::flags, UINT));
    }

    /** {@code dom; unsigned iothreads_id; opaque cpumap<>; unsigned flags}: PIN_IOTHREAD's arguments. */
    public record PinIothreadArgs(WireDomain dom, int id, byte[] cpumap, int flags) {
        public static final XdrType<PinIothreadArgs> XDR = struct(PinIothreadArgs::new,
                field(PinIothreadArgs::dom, DOMAIN), field(PinIothreadArgs::id, UINT),
                field(PinIothreadArgs::cpumap, CPUMAP), field(PinIothreadArgs::flags, UINT));
    }

    /** {@code dom; unsigned iothread_id; unsigned flags}: ADD_IOTHREAD's and DEL_IOTHREAD's arguments. */
    public record IothreadArgs(WireDomain dom, int id, int flags) {
        public static final XdrType<IothreadArgs> XDR = struct(IothreadArgs::new, field(IothreadArgs::dom, DOMAIN),
                field(IothreadArgs::id, UINT), field(IothreadArgs::flags, UINT));
    }
}
