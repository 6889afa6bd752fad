package io.jvirt.conf.post;

import io.jvirt.conf.ClockDef;
import io.jvirt.conf.CpuDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;

/** Rules of vCPU, NUMA, tuning and clock settings against each other. */
final class TuningRules {
    private TuningRules() {
    }

    static void validate(DomainDef def) {
        int max = def.vcpu().max();
        checkSet(def.vcpu().cpuset(), "vcpu cpuset");
        TuningDef t = def.tuning();
        t.cputune().vcpupins().forEach((id, set) -> {
            if (id >= max) {
                throw DeviceRules.xml("vcpupin for vcpu '" + id + "' exceeds the vcpu count " + max);
            }
            checkSet(set, "vcpupin cpuset");
        });
        checkSet(t.cputune().emulatorpin(), "emulatorpin cpuset");
        for (TuningDef.Sched sc : t.cputune().scheds()) {
            java.util.BitSet ids = checkSet(sc.ids(), sc.kind() + " ids");
            if (sc.kind().equals("vcpusched") && ids.length() > max) {
                throw DeviceRules.xml("vcpusched names vcpus beyond the vcpu count " + max);
            }
            if (sc.priority() != null && (sc.priority() < 1 || sc.priority() > 99)) {
                throw DeviceRules.xml(sc.kind() + " priority " + sc.priority() + " is out of range 1-99");
            }
        }
        t.cputune().iothreadpins().values().forEach(s -> checkSet(s, "iothreadpin cpuset"));
        Long shares = t.cputune().values().get("shares");
        if (shares != null && (shares < 2 || shares > 262144)) {
            throw DeviceRules.xml("cputune shares " + shares + " is out of range 2-262144");
        }
        Long period = t.cputune().values().get("period");
        if (period != null && (period < 1000 || period > 1000000)) {
            throw DeviceRules.xml("cputune period " + period + " is out of range 1000-1000000");
        }
        checkSet(t.numatune().nodeset(), "numatune nodeset");
        for (var v : t.vcpus()) {
            if (v.id() >= max) {
                throw DeviceRules.xml("vcpu id '" + v.id() + "' is out of range of the vcpu count " + max);
            }
        }
        if (t.blkiotune().weight() != null && (t.blkiotune().weight() < 100 || t.blkiotune().weight() > 1000)) {
            throw DeviceRules.xml("blkiotune weight " + t.blkiotune().weight() + " is out of range 100-1000");
        }
        var soft = t.memtune().get("soft_limit");
        var hard = t.memtune().get("hard_limit");
        if (soft != null && hard != null && soft.compareTo(hard) > 0) {
            throw DeviceRules.xml("memory soft_limit cannot exceed hard_limit");
        }
        CpuDef cpu = def.cpu();
        if (!cpu.numa().isEmpty()) {
            long sum = 0;
            java.util.BitSet cpus = new java.util.BitSet();
            for (int i = 0; i < cpu.numa().size(); i++) {
                CpuDef.NumaCell c = cpu.numa().get(i);
                if (c.id() != null && c.id() != i) {
                    throw DeviceRules.xml("NUMA cell ids must be in order starting from 0 (cell " + i + " has id "
                            + c.id() + ")");
                }
                sum += c.memory().bytes();
                if (c.cpus() != null) {
                    java.util.BitSet s = checkSet(c.cpus(), "numa cell cpus");
                    if (s.length() > max) {
                        throw DeviceRules.xml("NUMA cell " + i + " names vCPUs beyond the vcpu count " + max);
                    }
                    if (s.intersects(cpus)) {
                        throw DeviceRules.xml("NUMA cells overlap in their vCPUs");
                    }
                    cpus.or(s);
                }
                for (Integer sib : c.distances().keySet()) {
                    if (sib >= cpu.numa().size()) {
                        throw DeviceRules.xml("NUMA distance names cell " + sib + " which does not exist");
                    }
                }
            }
            if (sum > def.memory().memory().bytes()) {
                throw DeviceRules.xml("NUMA cells hold more memory than <memory>");
            }
        }
        ClockDef clock = def.clock();
        for (ClockDef.Timer tm : clock.timers()) {
            if (tm.track() != null && !tm.name().equals("rtc")) {
                throw DeviceRules.unsupported("unsupported timer track '" + tm.track() + "' for timer '"
                        + tm.name() + "'");
            }
            if ((tm.frequency() != null || tm.mode() != null) && !tm.name().equals("tsc")) {
                throw DeviceRules.unsupported("timer '" + tm.name() + "' does not take frequency or mode");
            }
        }
        if (clock.timezone() != null && !"timezone".equals(clock.offset())) {
            throw DeviceRules.xml("clock timezone needs offset='timezone'");
        }
        if ((clock.adjustment() != null || clock.basis() != null) && !"variable".equals(clock.offset())) {
            throw DeviceRules.xml("clock adjustment and basis need offset='variable'");
        }
    }

    /** Parses a cpuset/nodeset ("0-3,^2,8") or fails naming it; null is fine. */
    static java.util.BitSet checkSet(String set, String what) {
        if (set == null) {
            return new java.util.BitSet();
        }
        try {
            return io.jvirt.conf.CpuSet.parse(set);
        } catch (IllegalArgumentException e) {
            throw DeviceRules.xml("invalid " + what + " '" + set + "'");
        }
    }
}
