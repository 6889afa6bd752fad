package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.JsonNode;
import io.jvirt.Flags;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.VcpuDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

import java.util.ArrayList;
import java.util.List;

/**
 * setvcpus / vcpucount. Live: vCPUs are plugged into QEMU's free CPU slots (device_add) and
 * unplugged (device_del, the guest must release them); the maximum is fixed while running.
 */
final class DomainVcpus {
    private static final java.time.Duration UNPLUG_WAIT = java.time.Duration.ofSeconds(20); // a TCG guest on a busy host is slow to eject
    private final QemuDriver driver;

    DomainVcpus(QemuDriver driver) {
        this.driver = driver;
    }

    int get(DomainObj d, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG | Flags.Vcpu.MAXIMUM, "qemuDomainGetVcpusFlags");
        boolean[] t = DomainMemory.Affect.resolve(d, flags & ~Flags.Vcpu.MAXIMUM);
        VcpuDef v = (t[0] ? d.liveDef() : d.persistentDef()).vcpu();
        return (flags & Flags.Vcpu.MAXIMUM) != 0 ? v.max() : v.effectiveCurrent();
    }

    void set(DomainObj d, int n, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG | Flags.Vcpu.MAXIMUM | Flags.Vcpu.GUEST
                | Flags.Vcpu.HOTPLUGGABLE, "qemuDomainSetVcpusFlags");
        if ((flags & Flags.Vcpu.GUEST) != 0) {
            throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "setting vCPUs in the guest needs the guest agent, which jvirt does not support yet");
        }
        if (n < 1) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "requested vcpus must be at least 1");
        }
        boolean maximum = (flags & Flags.Vcpu.MAXIMUM) != 0;
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "setvcpus", QemuDriver.JOB_WAIT)) {
            boolean[] t = DomainMemory.Affect.resolve(d, flags & (Flags.Affect.LIVE | Flags.Affect.CONFIG));
            if (t[0] && maximum) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "cannot change the maximum vcpu count of a running domain");
            }
            DomainDef config = t[1] ? withCount(d.persistentDef(), n, maximum) : null;
            if (t[0]) {
                DomainDef live = d.liveDef();
                if (n > live.vcpu().max()) {
                    throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                            "requested vcpus is greater than max allowable vcpus for the live domain: " + n + " > "
                                    + live.vcpu().max());
                }
                DomainMonitor mon = DomainStopper.monitorOf(d);
                java.util.Set<Integer> before = mon.vcpuThreadIds().keySet();
                plug(mon, n);
                java.util.Set<Integer> after = mon.vcpuThreadIds().keySet();
                DomainDef out = live.tuning().vcpus().isEmpty() ? withCount(live, n, false)
                        : VcpuHotplug.fromSlots(live, VcpuHotplug.slots(mon));
                placeThreads(d, out, after.stream().filter(i -> !before.contains(i)).toList(),
                        before.stream().filter(i -> !after.contains(i)).toList());
                d.setLiveDef(out);
                driver.status.save(d);
            }
            if (config != null) {
                driver.configs.save(config);
                d.setPersistentDef(config);
            }
        }
    }

    private static DomainDef withCount(DomainDef def, int n, boolean maximum) {
        VcpuDef v = def.vcpu();
        VcpuDef out;
        if (maximum) {
            int cur = Math.min(v.effectiveCurrent(), n);
            out = new VcpuDef(n, cur == n ? null : cur, v.placement(), v.cpuset());
            if (!def.tuning().vcpus().isEmpty()) { // per-vCPU state for the new maximum: extra vCPUs come disabled
                List<io.jvirt.conf.TuningDef.Vcpu> list = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    int id = i;
                    list.add(def.tuning().vcpus().stream().filter(x -> x.id() == id).findFirst()
                            .orElse(new io.jvirt.conf.TuningDef.Vcpu(id, false, true, null)));
                }
                return VcpuHotplug.withEnabled(def.withVcpu(out).withTuning(def.tuning().withVcpus(list)), cur);
            }
        } else {
            if (n > v.max()) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                        "requested vcpus is greater than max allowable vcpus for the persistent domain: " + n + " > "
                                + v.max());
            }
            out = new VcpuDef(v.max(), n == v.max() ? null : n, v.placement(), v.cpuset());
        }
        return VcpuHotplug.withEnabled(def.withVcpu(out), n);
    }

    /** Plugs or unplugs vCPUs until QEMU runs {@code n}. */
    private static void plug(DomainMonitor mon, int n) {
        int now = mon.vcpuCount();
        List<JsonNode> slots = VcpuHotplug.slots(mon);
        if (n > now) {
            int need = n - now;
            for (JsonNode s : slots) {
                if (need == 0) {
                    break;
                }
                if (s.has("qom-path")) {
                    continue; // plugged
                }
                mon.deviceAdd(VcpuHotplug.device(s));
                need--;
            }
        } else if (n < now) {
            int extra = now - n;
            for (int i = slots.size() - 1; i >= 0 && extra > 0; i--) {
                String path = slots.get(i).path("qom-path").asText("");
                if (path.startsWith("/machine/peripheral/vcpu")) { // only what was plugged in can come out
                    mon.deviceDel(path.substring("/machine/peripheral/".length()));
                    extra--;
                }
            }
            if (extra > 0) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "only hotplugged vcpus can be unplugged: cannot go below the boot count");
            }
            await(() -> mon.vcpuCount() <= n);
        }
    }

    /** Waits until the guest has released the vCPUs {@code ids} (CPU slot indexes) it was asked to. */
    void awaitUnplug(DomainMonitor mon, List<Integer> ids) {
        await(() -> {
            List<JsonNode> slots = VcpuHotplug.slots(mon);
            return ids.stream().noneMatch(i -> VcpuHotplug.plugged(slots.get(i)));
        });
    }

    private static void await(java.util.function.BooleanSupplier released) {
        long end = System.nanoTime() + UNPLUG_WAIT.toNanos();
        while (!released.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "the guest did not release the vcpus within " + UNPLUG_WAIT.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "interrupted while waiting for the guest to release the vcpus");
            }
        }
    }

    /**
     * A plugged vCPU's thread joins its {@code vcpuN} cgroup with the vCPU bandwidth and is pinned
     * as {@code def} says; an unplugged vCPU's group goes away.
     */
    void placeThreads(DomainObj d, DomainDef def, List<Integer> added, List<Integer> removed) {
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        java.util.Map<Integer, Long> tids = added.isEmpty() ? java.util.Map.of()
                : DomainStopper.monitorOf(d).vcpuThreadIds();
        java.util.Optional<io.jvirt.qemu.cgroup.DomainCgroup> group = driver.cgroups.cpuGroup(def, d.id());
        var cputune = def.tuning().cputune();
        String cpuset = NumaPlacement.apply(def, d.autoNodeset()).vcpu().cpuset(); // numad's CPUs when auto
        for (int id : added) {
            Long tid = tids.get(id);
            if (tid == null) {
                continue;
            }
            group.ifPresent(g -> {
                g.moveThreads("vcpu" + id, List.of(tid));
                g.setBandwidth("vcpu" + id, cputune.values().get("period"), cputune.values().get("quota"));
            });
            String set = cputune.vcpupins().getOrDefault(id, cpuset);
            if (set != null) {
                CpuPinning.pin(tid, CpuPinning.parse(set), "vcpu " + id);
            }
        }
        group.ifPresent(g -> removed.forEach(id -> g.removeChild("vcpu" + id)));
    }
}
