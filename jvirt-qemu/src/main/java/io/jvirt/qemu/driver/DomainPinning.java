package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * vcpupin and emulatorpin on a defined or running guest: the definition's {@code <vcpupin>} /
 * {@code <emulatorpin>} (else {@code <vcpu cpuset>}, else every online host CPU) read back, and
 * changed live (the threads' affinity, set as at start) and/or in the config. Pinning to every
 * online CPU removes the element, as libvirt does.
 */
final class DomainPinning {
    private final QemuDriver driver;

    DomainPinning(QemuDriver driver) {
        this.driver = driver;
    }

    List<BitSet> vcpuInfo(DomainObj d, int flags) {
        DomainDef def = definition(d, flags, "virDomainGetVcpuPinInfo");
        BitSet online = CpuPinning.onlineCpus();
        List<BitSet> out = new ArrayList<>();
        for (int i = 0; i < def.vcpu().max(); i++) {
            String set = def.tuning().cputune().vcpupins().getOrDefault(i, def.vcpu().cpuset());
            out.add(set == null ? (BitSet) online.clone() : CpuPinning.parse(set));
        }
        return out;
    }

    BitSet emulatorInfo(DomainObj d, int flags) {
        DomainDef def = definition(d, flags, "virDomainGetEmulatorPinInfo");
        String set = def.tuning().cputune().emulatorpin() != null ? def.tuning().cputune().emulatorpin()
                : def.vcpu().cpuset();
        return set == null ? CpuPinning.onlineCpus() : CpuPinning.parse(set);
    }

    void pinVcpu(DomainObj d, int vcpu, BitSet cpus, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainPinVcpuFlags");
        String set = checked(cpus);
        change(d, flags, "vcpupin", (def, live) -> {
            if (vcpu < 0 || vcpu >= def.vcpu().max()) {
                throw invalidArg("vcpu " + vcpu + " is out of range of " + (live ? "live" : "persistent")
                        + " cpu count " + def.vcpu().max());
            }
            if (live) {
                DomainMonitor mon = DomainStopper.monitorOf(d);
                Long tid = mon.vcpuThreadIds().get(vcpu);
                if (tid == null) {
                    throw invalidArg("vcpu " + vcpu + " is not online");
                }
                CpuPinning.pin(tid, cpus, "vcpu " + vcpu);
            }
            return def.tuning().cputune().withVcpupin(vcpu, set);
        });
    }

    void pinEmulator(DomainObj d, BitSet cpus, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainPinEmulator");
        String set = checked(cpus);
        change(d, flags, "emulatorpin", (def, live) -> {
            if (live) {
                DomainMonitor mon = DomainStopper.monitorOf(d);
                long pid = DomainStopper.requireRunning(d).pid();
                Set<Long> special = new HashSet<>(mon.vcpuThreadIds().values());
                if (!def.tuning().effectiveIothreadIds().isEmpty()) {
                    special.addAll(mon.iothreadThreadIds().values());
                }
                for (long tid : CpuPinning.tasks(pid)) {
                    if (!special.contains(tid)) {
                        CpuPinning.pin(tid, cpus, "emulator thread " + tid);
                    }
                }
            }
            return def.tuning().cputune().withEmulatorpin(set);
        });
    }

    /** Applies {@code edit} (given a definition and whether it is the live one) to the targets of {@code flags}. */
    private void change(DomainObj d, int flags, String what, BiFunction<DomainDef, Boolean, TuningDef.Cputune> edit) {
        DefinitionChange.apply(driver, d, flags, what,
                (def, live) -> def.withTuning(def.tuning().withCputune(edit.apply(def, live))));
    }

    /** The cpuset to record for {@code cpus} (null when it is every online CPU); offline CPUs are refused. */
    private static String checked(BitSet cpus) {
        BitSet online = CpuPinning.onlineCpus();
        if (cpus.isEmpty()) {
            throw invalidArg("Empty cpu list for pinning");
        }
        BitSet extra = (BitSet) cpus.clone();
        extra.andNot(online);
        if (!extra.isEmpty()) {
            throw invalidArg("CPU " + extra.nextSetBit(0) + " in cpulist '" + CpuPinning.format(cpus)
                    + "' is not an online host CPU (online: " + CpuPinning.format(online) + ")");
        }
        return cpus.equals(online) ? null : CpuPinning.format(cpus);
    }

    private static DomainDef definition(DomainObj d, int flags, String function) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, function);
        if ((flags & Flags.Affect.LIVE) != 0 && (flags & Flags.Affect.CONFIG) != 0) {
            throw invalidArg("Flags 'live' and 'config' are mutually exclusive");
        }
        return DomainMemory.Affect.resolve(d, flags)[0] ? d.liveDef() : d.persistentDef();
    }

    private static InvalidArgException invalidArg(String msg) {
        return new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, msg);
    }
}
