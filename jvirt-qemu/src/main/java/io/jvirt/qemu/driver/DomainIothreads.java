package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.IOThreadInfo;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.qemu.cgroup.DomainCgroup;
import io.jvirt.qemu.command.IothreadCommandLine;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.sys.Affinity;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.BiFunction;

/**
 * iothreadinfo, iothreadpin, iothreadadd and iothreaddel on a defined or running guest. Live, an
 * IOThread is QEMU's {@code iothreadN} object: added and removed with object-add/object-del,
 * its thread placed in the guest's {@code iothreadN} cgroup and pinned as the definition says;
 * the live answer of iothreadinfo is each thread's real affinity. In the config the
 * {@code <iothreads>} count, {@code <iothreadids>} and {@code <iothreadpin>} change together.
 */
final class DomainIothreads {
    private final QemuDriver driver;

    DomainIothreads(QemuDriver driver) {
        this.driver = driver;
    }

    List<IOThreadInfo> info(DomainObj d, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainGetIOThreadInfo");
        if ((flags & Flags.Affect.LIVE) != 0 && (flags & Flags.Affect.CONFIG) != 0) {
            throw invalidArg("Flags 'live' and 'config' are mutually exclusive");
        }
        boolean live = DomainMemory.Affect.resolve(d, flags)[0];
        DomainDef def = live ? d.liveDef() : d.persistentDef();
        java.util.Map<String, Long> tids = live && !def.tuning().effectiveIothreadIds().isEmpty()
                ? DomainStopper.monitorOf(d).iothreadThreadIds() : java.util.Map.of();
        List<IOThreadInfo> out = new ArrayList<>();
        for (int id : def.tuning().effectiveIothreadIds()) {
            Long tid = tids.get(IothreadCommandLine.id(id));
            out.add(new IOThreadInfo(id, tid != null ? affinity(tid) : configured(def, id)));
        }
        return out;
    }

    void pin(DomainObj d, int id, BitSet cpus, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainPinIOThread");
        BitSet online = CpuPinning.onlineCpus();
        BitSet extra = (BitSet) cpus.clone();
        extra.andNot(online);
        if (cpus.isEmpty() || !extra.isEmpty()) {
            throw invalidArg(cpus.isEmpty() ? "Empty cpu list for pinning" : "CPU " + extra.nextSetBit(0)
                    + " in cpulist '" + CpuPinning.format(cpus) + "' is not an online host CPU (online: "
                    + CpuPinning.format(online) + ")");
        }
        String set = CpuPinning.format(cpus);
        change(d, flags, "iothreadpin", (def, live) -> {
            if (!def.tuning().effectiveIothreadIds().contains(id)) {
                throw invalidArg("iothreadid " + id + " not found");
            }
            if (live) {
                Long tid = DomainStopper.monitorOf(d).iothreadThreadIds().get(IothreadCommandLine.id(id));
                if (tid == null) {
                    throw invalidArg("iothreadid " + id + " not found");
                }
                CpuPinning.pin(tid, cpus, "iothread " + id);
            }
            return def.withTuning(def.tuning().withCputune(def.tuning().cputune().withIothreadpin(id, set)));
        });
    }

    void add(DomainObj d, int id, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainAddIOThread");
        if (id <= 0) {
            throw invalidArg("invalid value of 0 for iothread_id");
        }
        change(d, flags, "iothreadadd", (def, live) -> {
            List<Integer> ids = new ArrayList<>(def.tuning().effectiveIothreadIds());
            if (ids.contains(id)) {
                throw invalidArg("an IOThread is already using iothread_id '" + id + "'");
            }
            if (live) {
                startThread(d, def, id);
            }
            ids.add(id);
            return def.withTuning(def.tuning().withIothreadIds(ids));
        });
    }

    void delete(DomainObj d, int id, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainDelIOThread");
        if (id <= 0) {
            throw invalidArg("invalid value of 0 for iothread_id");
        }
        change(d, flags, "iothreaddel", (def, live) -> {
            List<Integer> ids = new ArrayList<>(def.tuning().effectiveIothreadIds());
            if (!ids.remove(Integer.valueOf(id))) {
                throw invalidArg("cannot find IOThread '" + id + "' in iothreadids list");
            }
            String user = userOf(def, id);
            if (user != null) {
                throw invalidArg("cannot remove IOThread " + id + " since it is being used by " + user);
            }
            if (live) {
                DomainStopper.monitorOf(d).execute("object-del", com.fasterxml.jackson.databind.node.JsonNodeFactory
                        .instance.objectNode().put("id", IothreadCommandLine.id(id)));
                cgroup(d, def).ifPresent(g -> g.removeChild(IothreadCommandLine.id(id)));
            }
            DomainDef out = def.withTuning(def.tuning().withIothreadIds(ids));
            return out.withTuning(out.tuning().withCputune(out.tuning().cputune().withIothreadpin(id, null)));
        });
    }

    /** object-add of IOThread {@code id}, its thread moved to its cgroup and pinned like a new emulator thread. */
    private void startThread(DomainObj d, DomainDef def, int id) {
        DomainMonitor mon = DomainStopper.monitorOf(d);
        String name = IothreadCommandLine.id(id);
        mon.execute("object-add", com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("qom-type", "iothread").put("id", name));
        Long tid = mon.iothreadThreadIds().get(name);
        if (tid == null) {
            return;
        }
        cgroup(d, def).ifPresent(g -> {
            g.moveThreads(name, List.of(tid));
            var v = def.tuning().cputune().values();
            g.setBandwidth(name, v.get("iothread_period"), v.get("iothread_quota"));
        });
        String cpuset = NumaPlacement.apply(def, d.autoNodeset()).vcpu().cpuset(); // numad's CPUs when auto
        if (cpuset != null) {
            CpuPinning.pin(tid, CpuPinning.parse(cpuset), "iothread " + id);
        }
    }

    private java.util.Optional<DomainCgroup> cgroup(DomainObj d, DomainDef def) {
        return driver.cgroups.cpuGroup(def, d.id());
    }

    /** The disk or controller that names IOThread {@code id}, described as libvirt does, or null. */
    private static String userOf(DomainDef def, int id) {
        for (DiskDef disk : def.devices().disks()) {
            if (disk.driver() != null && Integer.valueOf(id).equals(disk.driver().iothread())) {
                return "disk '" + disk.target().dev() + "'";
            }
        }
        for (ControllerDef c : def.devices().controllers()) {
            if (Integer.valueOf(id).equals(c.driverIothread())) {
                return "controller '" + c.type() + "' index " + c.index();
            }
        }
        return null;
    }

    private static BitSet configured(DomainDef def, int id) {
        String set = def.tuning().cputune().iothreadpins().getOrDefault(id, def.vcpu().cpuset());
        return set == null ? CpuPinning.onlineCpus() : CpuPinning.parse(set);
    }

    private static BitSet affinity(long tid) {
        try {
            return Affinity.get(tid);
        } catch (Affinity.AffinityException e) {
            return CpuPinning.onlineCpus();
        }
    }

    private void change(DomainObj d, int flags, String what, BiFunction<DomainDef, Boolean, DomainDef> edit) {
        DefinitionChange.apply(driver, d, flags, what, edit);
    }

    private static InvalidArgException invalidArg(String msg) {
        return new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, msg);
    }
}
