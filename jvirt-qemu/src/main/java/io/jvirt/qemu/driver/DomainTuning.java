package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.TunableGroup;
import io.jvirt.TypedParameter;
import io.jvirt.conf.ByteSize;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.cgroup.DomainCgroup;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * memtune, schedinfo, blkiotune and numatune: the tuning parameter groups read from and written
 * to a running guest's cgroup ({@link GuestCgroups}) and/or its definitions, in libvirt's
 * parameter names, types and order.
 */
final class DomainTuning {
    static final List<String> MEMORY = List.of("hard_limit", "soft_limit", "swap_hard_limit");
    /** Scheduler parameter to its {@code <cputune>} element. */
    static final Map<String, String> SCHEDULER = linked("cpu_shares", "shares", "vcpu_period", "period",
            "vcpu_quota", "quota", "emulator_period", "emulator_period", "emulator_quota", "emulator_quota",
            "global_period", "global_period", "global_quota", "global_quota", "iothread_period", "iothread_period",
            "iothread_quota", "iothread_quota");
    static final List<String> BLKIO = List.of("weight", "device_weight", "device_read_iops_sec",
            "device_write_iops_sec", "device_read_bytes_sec", "device_write_bytes_sec");
    static final List<String> NUMA_MODES = List.of("strict", "preferred", "interleave", "restrictive");
    private static final long QUOTA_MAX = 17592186044415L;

    private final QemuDriver driver;

    DomainTuning(QemuDriver driver) {
        this.driver = driver;
    }

    List<TypedParameter> get(DomainObj d, TunableGroup group, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, group.getter());
        if ((flags & Flags.Affect.LIVE) != 0 && (flags & Flags.Affect.CONFIG) != 0) {
            throw invalidArg("Flags 'live' and 'config' are mutually exclusive");
        }
        boolean live = DomainMemory.Affect.resolve(d, flags)[0];
        DomainDef def = live ? d.liveDef() : d.persistentDef();
        DomainCgroup cg = live ? cgroup(d, def, controller(group)) : null;
        List<TypedParameter> out = new ArrayList<>();
        switch (group) {
            case MEMORY -> MEMORY.forEach(k -> out.add(TypedParameter.ofULong(k, live ? cg.memory(k)
                    : def.tuning().memtune().containsKey(k) ? def.tuning().memtune().get(k).kib()
                    : DomainCgroup.UNLIMITED_KIB)));
            case SCHEDULER -> SCHEDULER.forEach((param, element) -> {
                long v = live ? liveScheduler(cg, def, param) : def.tuning().cputune().values().getOrDefault(element, 0L);
                out.add(param.endsWith("_quota") ? TypedParameter.ofLong(param, v) : TypedParameter.ofULong(param, v));
            });
            case BLKIO -> {
                TuningDef.Blkiotune b = def.tuning().blkiotune();
                out.add(TypedParameter.ofUInt("weight", (int) (live && b.weight() != null ? cg.blkioWeight()
                        : b.weight() == null ? 0 : b.weight())));
                for (String knob : DomainCgroup.DEVICE_KNOBS) {
                    List<String> parts = new ArrayList<>();
                    for (TuningDef.Blkiotune.Device dev : b.devices()) {
                        Long v = live ? cg.devices(knob).get(BlockDevices.majMin(Path.of(dev.path())))
                                : dev.values().get(knob);
                        if (v != null && v != 0) {
                            parts.add(dev.path() + "," + v);
                        }
                    }
                    out.add(TypedParameter.ofString("device_" + knob, String.join(",", parts)));
                }
            }
            case NUMA -> {
                // a live guest placed by numad: its nodeset, as libvirt reports it
                TuningDef.Numatune n = (live ? NumaPlacement.apply(def, d.autoNodeset()) : def).tuning().numatune();
                String mode = n.mode() == null ? "strict" : n.mode();
                String set = live && n.nodeset() != null && cg.has("cpuset") && !mode.equals("interleave")
                        && !mode.equals("preferred") ? cg.mems() : n.nodeset() == null ? "" : n.nodeset();
                out.add(TypedParameter.ofInt("numa_mode", NUMA_MODES.indexOf(mode)));
                out.add(TypedParameter.ofString("numa_nodeset", set));
            }
        }
        return out;
    }

    void set(DomainObj d, TunableGroup group, List<TypedParameter> params, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, group.setter());
        List<String> known = switch (group) {
            case MEMORY -> List.of("hard_limit", "soft_limit", "swap_hard_limit", "min_guarantee");
            case SCHEDULER -> List.copyOf(SCHEDULER.keySet());
            case BLKIO -> BLKIO;
            case NUMA -> List.of("numa_mode", "numa_nodeset");
        };
        for (TypedParameter p : params) {
            if (!known.contains(p.field())) {
                throw invalidArg("parameter '" + p.field() + "' not supported");
            }
        }
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, group.setter(), QemuDriver.JOB_WAIT)) {
            boolean[] target = DomainMemory.Affect.resolve(d, flags);
            if (target[0]) {
                DomainDef live = d.liveDef();
                DomainCgroup cg = cgroup(d, live, controller(group));
                TuningDef t = apply(live, group, params, cg);
                d.setLiveDef(live.withTuning(t));
                driver.status.save(d);
            }
            if (target[1]) {
                DomainDef persistent = d.persistentDef();
                DomainDef updated = persistent.withTuning(apply(persistent, group, params, null));
                QemuValidator.validate(updated, driver.caps);
                driver.configs.save(updated);
                d.setPersistentDef(updated);
            }
        }
    }

    /** The tuning of {@code def} with {@code params} applied; written to {@code cg} too when given. */
    private static TuningDef apply(DomainDef def, TunableGroup group, List<TypedParameter> params, DomainCgroup cg) {
        TuningDef t = def.tuning();
        return switch (group) {
            case MEMORY -> {
                Map<String, ByteSize> m = new LinkedHashMap<>(t.memtune());
                Map<String, Long> changed = new LinkedHashMap<>();
                for (TypedParameter p : params) {
                    if (p.field().equals("min_guarantee")) {
                        throw new io.jvirt.error.ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED,
                                ErrorDomain.QEMU, "Parameter 'min_guarantee' not supported by QEMU.");
                    }
                    long kib = p.asLong();
                    changed.put(p.field(), Math.min(kib, DomainCgroup.UNLIMITED_KIB));
                    if (kib >= DomainCgroup.UNLIMITED_KIB) {
                        m.remove(p.field());
                    } else {
                        m.put(p.field(), ByteSize.ofKiB(kib));
                    }
                }
                long hard = m.containsKey("hard_limit") ? m.get("hard_limit").kib() : DomainCgroup.UNLIMITED_KIB;
                long swap = m.containsKey("swap_hard_limit") ? m.get("swap_hard_limit").kib() : DomainCgroup.UNLIMITED_KIB;
                long soft = m.containsKey("soft_limit") ? m.get("soft_limit").kib() : DomainCgroup.UNLIMITED_KIB;
                if (hard > swap) {
                    throw invalidArg("memory hard_limit tunable value must be lower than or equal to swap_hard_limit");
                }
                if (soft != DomainCgroup.UNLIMITED_KIB && soft > hard) {
                    throw invalidArg("memory soft_limit tunable value must be lower than or equal to hard_limit");
                }
                Map<String, ByteSize> ordered = new LinkedHashMap<>();
                TuningDef.MEMTUNE_ORDER.forEach(k -> {
                    if (m.containsKey(k)) {
                        ordered.put(k, m.get(k));
                    }
                });
                if (cg != null) {
                    GuestCgroups.setMemory(cg, changed);
                }
                yield t.withMemtune(ordered);
            }
            case SCHEDULER -> {
                Map<String, Long> v = new LinkedHashMap<>(t.cputune().values());
                params.forEach(p -> checkScheduler(p.field(), p.asLong())); // all checked before any is written
                for (TypedParameter p : params) {
                    long value = p.asLong();
                    String element = SCHEDULER.get(p.field());
                    if (value == 0 && !p.field().equals("cpu_shares")) {
                        v.remove(element);
                    } else {
                        v.put(element, value);
                    }
                    if (cg != null) {
                        applyScheduler(cg, p.field(), value);
                    }
                }
                Map<String, Long> ordered = new LinkedHashMap<>();
                TuningDef.CPUTUNE_ORDER.forEach(k -> {
                    if (v.containsKey(k)) {
                        ordered.put(k, v.get(k));
                    }
                });
                yield t.withCputune(t.cputune().withValues(ordered));
            }
            case BLKIO -> t.withBlkiotune(blkio(t.blkiotune(), params, cg));
            case NUMA -> t.withNumatune(numa(t.numatune(), params, cg));
        };
    }

    private static void checkScheduler(String param, long value) {
        if (param.equals("cpu_shares") && (value < 2 || value > 262144)) {
            throw invalidArg("value of 'cpu_shares' is out of range [2, 262144]");
        }
        if (param.endsWith("_period") && value != 0 && (value < 1000 || value > 1000000)) {
            throw invalidArg("value of '" + param + "' is out of range [1000, 1000000]");
        }
        if (param.endsWith("_quota") && value != 0 && value != -1 && (value < 1000 || value > QUOTA_MAX)) {
            throw invalidArg("value of '" + param + "' is out of range [1000, " + QUOTA_MAX + "]");
        }
    }

    private static void applyScheduler(DomainCgroup cg, String param, long value) {
        if (param.equals("cpu_shares")) {
            cg.setShares(value);
            return;
        }
        boolean period = param.endsWith("_period");
        long v = value == 0 ? (period ? 100000 : -1) : value;
        String kind = param.substring(0, param.indexOf('_'));
        List<String> targets = switch (kind) {
            case "global" -> java.util.Collections.singletonList(null);
            case "emulator" -> List.of("emulator");
            default -> cg.childNames().stream().filter(c -> c.startsWith(kind)).toList();
        };
        for (String sub : targets) {
            cg.setBandwidth(sub, period ? v : null, period ? null : v);
        }
    }

    private static long liveScheduler(DomainCgroup cg, DomainDef def, String param) {
        if (param.equals("cpu_shares")) {
            return cg.shares();
        }
        String kind = param.substring(0, param.indexOf('_'));
        String sub = switch (kind) {
            case "global" -> null;
            case "emulator" -> "emulator";
            default -> cg.childNames().stream().filter(c -> c.startsWith(kind)).sorted().findFirst().orElse("");
        };
        if ("".equals(sub) || (sub != null && !cg.hasChild(sub))) {
            return 0;
        }
        long[] pq = cg.bandwidth(sub);
        return param.endsWith("_period") ? pq[0] : pq[1];
    }

    /** One per-device change: knob ("read_bytes_sec" ...), device path and number, value (0 clears). */
    private record DeviceChange(String knob, String path, String majMin, long value) {
    }

    private static TuningDef.Blkiotune blkio(TuningDef.Blkiotune b, List<TypedParameter> params, DomainCgroup cg) {
        Integer weight = b.weight();
        Map<String, Map<String, Long>> devices = new LinkedHashMap<>();
        b.devices().forEach(dv -> devices.put(dv.path(), new LinkedHashMap<>(dv.values())));
        List<DeviceChange> changes = new ArrayList<>();
        for (TypedParameter p : params) { // everything is checked before anything is written
            if (p.field().equals("weight")) {
                long w = p.asLong();
                if (w < 100 || w > 1000) {
                    throw invalidArg("weight " + w + " is out of range 100-1000");
                }
                weight = (int) w;
                continue;
            }
            String knob = p.field().substring("device_".length());
            String[] f = p.asText().isBlank() ? new String[0] : p.asText().split(",");
            if (f.length % 2 != 0) {
                throw invalidArg("unable to parse blkio device '" + p.asText() + "' (use path,value[,path,value...])");
            }
            for (int i = 0; i < f.length; i += 2) {
                String path = f[i].strip();
                long value;
                try {
                    value = Long.parseLong(f[i + 1].strip());
                } catch (NumberFormatException e) {
                    throw invalidArg("invalid value '" + f[i + 1] + "' for blkio device " + path);
                }
                if (knob.equals("weight") && value != 0 && (value < 100 || value > 1000)) {
                    throw invalidArg("device weight " + value + " is out of range 100-1000");
                }
                changes.add(new DeviceChange(knob, path, BlockDevices.majMin(Path.of(path)), value));
            }
        }
        if (cg != null && weight != null && !weight.equals(b.weight())) {
            cg.setBlkioWeight(weight);
        }
        for (DeviceChange c : changes) {
            if (cg != null) {
                cg.setDevice(c.majMin(), c.knob(), c.value());
            }
            Map<String, Long> vals = devices.computeIfAbsent(c.path(), k -> new LinkedHashMap<>());
            if (c.value() == 0) {
                vals.remove(c.knob());
            } else {
                vals.put(c.knob(), c.value());
            }
        }
        List<TuningDef.Blkiotune.Device> out = new ArrayList<>();
        devices.forEach((path, vals) -> {
            if (!vals.isEmpty()) {
                Map<String, Long> ordered = new LinkedHashMap<>();
                TuningDef.Blkiotune.Device.ORDER.forEach(k -> {
                    if (vals.containsKey(k)) {
                        ordered.put(k, vals.get(k));
                    }
                });
                out.add(new TuningDef.Blkiotune.Device(path, ordered));
            }
        });
        return new TuningDef.Blkiotune(weight, out);
    }

    private static TuningDef.Numatune numa(TuningDef.Numatune n, List<TypedParameter> params, DomainCgroup cg) {
        String mode = n.mode();
        String nodeset = n.nodeset();
        for (TypedParameter p : params) {
            if (p.field().equals("numa_mode")) {
                int m = (int) p.asLong();
                if (m < 0 || m >= NUMA_MODES.size()) {
                    throw invalidArg("unsupported numatune mode: '" + m + "'");
                }
                String want = NUMA_MODES.get(m);
                if (cg != null && !want.equals(n.mode() == null ? "strict" : n.mode())) {
                    throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                            "can't change numatune mode for running domain");
                }
                mode = want;
            } else {
                nodeset = p.asText();
                java.util.BitSet want = CpuPinning.parse(nodeset);
                want.andNot(CpuPinning.parse(GuestCgroups.hostNodes()));
                if (!want.isEmpty()) {
                    throw invalidArg("NUMA node " + want.nextSetBit(0) + " is unavailable");
                }
            }
        }
        String effective = mode == null ? "strict" : mode;
        if (cg != null && nodeset != null && !nodeset.equals(n.nodeset())) {
            if (!effective.equals("strict") && !effective.equals("restrictive")) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "change of nodeset for running domain requires strict or restrictive numa mode");
            }
            cg.setMems(nodeset);
        }
        return new TuningDef.Numatune(mode, nodeset, nodeset != null ? "static" : n.placement(), n.memnodes());
    }

    private static String controller(TunableGroup g) {
        return switch (g) {
            case MEMORY -> "memory";
            case SCHEDULER -> "cpu";
            case BLKIO -> "blkio";
            case NUMA -> "cpuset";
        };
    }

    private DomainCgroup cgroup(DomainObj d, DomainDef live, String controller) {
        if (!driver.cgroups.available(controller)) {
            if (controller.equals("cpuset")) {
                return driver.cgroups.group(live, d.id()); // numatune reads fall back to the definition
            }
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "cgroup " + controller.toUpperCase(java.util.Locale.ROOT) + " controller is not mounted");
        }
        return driver.cgroups.group(live, d.id());
    }

    private static InvalidArgException invalidArg(String msg) {
        return new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, msg);
    }

    private static Map<String, String> linked(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
