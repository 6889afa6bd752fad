package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.sys.Affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * {@code <cputune>} pinning without cgroups, as libvirt does when it has no cpuset controller:
 * each vCPU thread (query-cpus-fast) goes to its {@code <vcpupin>} (else {@code <vcpu cpuset>}),
 * each IOThread (query-iothreads, {@code iothreadN}) to its {@code <iothreadpin>}, and every other
 * QEMU thread (the emulator threads) to {@code <emulatorpin>} (else {@code <vcpu cpuset>}); threads
 * QEMU makes later inherit their creator's mask. Applied while the guest is still paused, before it
 * first runs. The numeric {@code <cputune>} knobs are cgroup settings ({@link GuestCgroups}); the
 * thread schedulers are refused by {@link #validate}.
 */
final class CpuPinning {
    private CpuPinning() {
    }

    /** Define-time rules: the thread schedulers are not supported (shares and bandwidth: GuestCgroups). */
    static void validate(DomainDef def) {
        var c = def.tuning().cputune();
        if (!c.scheds().isEmpty()) {
            throw unsupported("<cputune> <" + c.scheds().getFirst().kind() + ">: thread scheduler policies are "
                    + "not supported by this driver");
        }
    }

    /** Start-time rule: every cpuset must name at least one online host CPU. */
    static void validateForStart(DomainDef def, BitSet online) {
        var c = def.tuning().cputune();
        check(def.vcpu().cpuset(), "<vcpu cpuset>", online);
        c.vcpupins().forEach((id, set) -> check(set, "<vcpupin vcpu='" + id + "'>", online));
        check(c.emulatorpin(), "<emulatorpin>", online);
        c.iothreadpins().forEach((id, set) -> check(set, "<iothreadpin iothread='" + id + "'>", online));
    }

    private static void check(String set, String what, BitSet online) {
        if (set == null) {
            return;
        }
        BitSet s = parse(set);
        s.and(online);
        if (s.isEmpty()) {
            throw unsupported(what + " cpuset '" + set + "' names no online CPU of this host (online: "
                    + format(online) + ")");
        }
    }

    /** Whether {@code def} asks for any pinning. */
    static boolean wanted(DomainDef def) {
        var c = def.tuning().cputune();
        return def.vcpu().cpuset() != null || !c.vcpupins().isEmpty() || c.emulatorpin() != null
                || !c.iothreadpins().isEmpty();
    }

    /** Pins the threads of the QEMU process {@code pid} as {@code def} says. */
    static void apply(DomainDef def, DomainMonitor mon, long pid) {
        if (!wanted(def)) {
            return;
        }
        var c = def.tuning().cputune();
        String vcpuDefault = def.vcpu().cpuset();
        Map<Integer, Long> vcpus = mon.vcpuThreadIds();
        Map<String, Long> iothreads = c.iothreadpins().isEmpty() ? Map.of() : mon.iothreadThreadIds();
        Set<Long> special = new HashSet<>(vcpus.values());
        special.addAll(iothreads.values());
        String emulator = c.emulatorpin() != null ? c.emulatorpin() : vcpuDefault;
        if (emulator != null) {
            BitSet set = parse(emulator);
            for (long tid : tasks(pid)) {
                if (!special.contains(tid)) {
                    pin(tid, set, "emulator thread " + tid);
                }
            }
        }
        vcpus.forEach((id, tid) -> {
            String set = c.vcpupins().getOrDefault(id, vcpuDefault);
            if (set != null) {
                pin(tid, parse(set), "vcpu " + id);
            }
        });
        c.iothreadpins().forEach((id, set) -> {
            Long tid = iothreads.get("iothread" + id);
            if (tid != null) { // pin only the IOThreads QEMU has
                pin(tid, parse(set), "iothread " + id);
            }
        });
    }

    static void pin(long tid, BitSet set, String what) {
        try {
            Affinity.set(tid, set);
        } catch (Affinity.AffinityException e) {
            if (e.errno() == 3) {
                return; // the thread ended meanwhile (a short-lived worker): nothing to pin
            }
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot set CPU affinity of " + what + ": " + e.getMessage(), e);
        }
    }

    /** The thread ids of process {@code pid}. */
    static List<Long> tasks(long pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return s.map(p -> Long.parseLong(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot list the threads of process " + pid + ": " + e.getMessage(), e);
        }
    }

    /** The online host CPUs ({@code /sys/devices/system/cpu/online}, else every available processor). */
    static BitSet onlineCpus() {
        try {
            return parse(Files.readString(Path.of("/sys/devices/system/cpu/online")).strip());
        } catch (IOException | RuntimeException e) {
            BitSet b = new BitSet();
            b.set(0, Runtime.getRuntime().availableProcessors());
            return b;
        }
    }

    /** A libvirt cpuset ("0-3,^2,8"). The model's rules checked its syntax at define time. */
    static BitSet parse(String set) {
        return io.jvirt.conf.CpuSet.parse(set);
    }

    /** A CPU set as a list ("0-1,3"), like {@code Cpus_allowed_list}. */
    static String format(BitSet b) {
        return io.jvirt.conf.CpuSet.format(b);
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
