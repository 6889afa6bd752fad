package io.jvirt.conf;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Resource tuning: {@code <vcpus>}, {@code <iothreads>}/{@code <iothreadids>}, {@code <cputune>},
 * {@code <memtune>}, {@code <blkiotune>}, {@code <numatune>} and {@code <resource>}.
 *
 * @param iothreads         the IOThread count, or null
 * @param iothreadIds       explicit IOThread ids
 * @param vcpus             per-vCPU state ({@code <vcpus><vcpu id enabled hotpluggable order/>})
 * @param cputune           CPU scheduling and pinning
 * @param memtune           memory limits (element name to size, in libvirt's order)
 * @param blkiotune         block I/O weights and throttles
 * @param numatune          host NUMA policy
 * @param resourcePartition {@code <resource><partition>}, or null
 */
public record TuningDef(Integer iothreads, List<Integer> iothreadIds, List<Vcpu> vcpus, Cputune cputune,
                        Map<String, ByteSize> memtune, Blkiotune blkiotune, Numatune numatune,
                        String resourcePartition) {
    public static final List<String> MEMTUNE_ORDER = List.of("hard_limit", "soft_limit", "min_guarantee",
            "swap_hard_limit");
    public static final List<String> CPUTUNE_ORDER = List.of("shares", "period", "quota", "global_period",
            "global_quota", "emulator_period", "emulator_quota", "iothread_period", "iothread_quota");
    public static final TuningDef NONE = new TuningDef(null, List.of(), List.of(), Cputune.NONE, Map.of(),
            Blkiotune.NONE, Numatune.NONE, null);

    public TuningDef {
        iothreadIds = List.copyOf(iothreadIds);
        vcpus = List.copyOf(vcpus);
        Objects.requireNonNull(cputune, "cputune");
        memtune = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(memtune));
        Objects.requireNonNull(blkiotune, "blkiotune");
        Objects.requireNonNull(numatune, "numatune");
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public TuningDef withMemtune(Map<String, ByteSize> m) {
        return new TuningDef(iothreads, iothreadIds, vcpus, cputune, m, blkiotune, numatune, resourcePartition);
    }

    public TuningDef withCputune(Cputune c) {
        return new TuningDef(iothreads, iothreadIds, vcpus, c, memtune, blkiotune, numatune, resourcePartition);
    }

    public TuningDef withBlkiotune(Blkiotune b) {
        return new TuningDef(iothreads, iothreadIds, vcpus, cputune, memtune, b, numatune, resourcePartition);
    }

    public TuningDef withNumatune(Numatune n) {
        return new TuningDef(iothreads, iothreadIds, vcpus, cputune, memtune, blkiotune, n, resourcePartition);
    }

    /** With exactly the IOThreads {@code ids}, listed in {@code <iothreadids>} (none: neither element). */
    public TuningDef withIothreadIds(List<Integer> ids) {
        return new TuningDef(ids.isEmpty() ? null : ids.size(), ids, vcpus, cputune, memtune, blkiotune, numatune,
                resourcePartition);
    }

    public TuningDef withVcpus(List<Vcpu> v) {
        return new TuningDef(iothreads, iothreadIds, v, cputune, memtune, blkiotune, numatune, resourcePartition);
    }

    /**
     * The IOThreads the domain has, as libvirt numbers them: the {@code <iothreadids>} in order,
     * then the lowest unused ids until {@code <iothreads>} are there.
     */
    public List<Integer> effectiveIothreadIds() {
        var ids = new java.util.LinkedHashSet<>(iothreadIds);
        int count = iothreads == null ? 0 : iothreads;
        for (int next = 1; ids.size() < count; next++) {
            ids.add(next);
        }
        return List.copyOf(ids);
    }

    /** One {@code <vcpus><vcpu/>} entry. */
    public record Vcpu(int id, boolean enabled, Boolean hotpluggable, Integer order) {
    }

    /**
     * {@code <cputune>}.
     *
     * @param values    the numeric knobs by element name ({@link #CPUTUNE_ORDER})
     * @param vcpupins  vCPU id to host cpuset
     * @param emulatorpin host cpuset of the emulator threads, or null
     * @param iothreadpins IOThread id to host cpuset
     * @param scheds   {@code <vcpusched>}, {@code <iothreadsched>}, {@code <emulatorsched>} in that order
     */
    public record Cputune(Map<String, Long> values, Map<Integer, String> vcpupins, String emulatorpin,
                          Map<Integer, String> iothreadpins, List<Sched> scheds) {
        public static final Cputune NONE = new Cputune(Map.of(), Map.of(), null, Map.of(), List.of());

        public Cputune {
            scheds = List.copyOf(scheds);
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            vcpupins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(vcpupins));
            iothreadpins = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(iothreadpins));
        }

        public boolean isEmpty() {
            return equals(NONE);
        }

        public Cputune withValues(Map<String, Long> v) {
            return new Cputune(v, vcpupins, emulatorpin, iothreadpins, scheds);
        }

        /** With vCPU {@code vcpu} pinned to {@code cpuset} (null: unpinned). */
        public Cputune withVcpupin(int vcpu, String cpuset) {
            return new Cputune(values, pinned(vcpupins, vcpu, cpuset), emulatorpin, iothreadpins, scheds);
        }

        private static Map<Integer, String> pinned(Map<Integer, String> pins, int id, String cpuset) {
            java.util.TreeMap<Integer, String> out = new java.util.TreeMap<>(pins);
            if (cpuset == null) {
                out.remove(id);
            } else {
                out.put(id, cpuset);
            }
            return out;
        }

        public Cputune withEmulatorpin(String cpuset) {
            return new Cputune(values, vcpupins, cpuset, iothreadpins, scheds);
        }

        /** With IOThread {@code id} pinned to {@code cpuset} (null: unpinned). */
        public Cputune withIothreadpin(int id, String cpuset) {
            return new Cputune(values, vcpupins, emulatorpin, pinned(iothreadpins, id, cpuset), scheds);
        }
    }

    /**
     * A scheduler setting for threads of one kind.
     *
     * @param kind      vcpusched, iothreadsched or emulatorsched
     * @param ids       the vcpus / iothreads attribute (a set like "0-3,^2"), or null
     * @param scheduler batch, idle, fifo or rr
     * @param priority  the real-time priority (fifo, rr), or null
     */
    public record Sched(String kind, String ids, String scheduler, Integer priority) {
    }

    /** {@code <blkiotune>}: a weight and per-device settings. */
    public record Blkiotune(Integer weight, List<Device> devices) {
        public static final Blkiotune NONE = new Blkiotune(null, List.of());

        public Blkiotune {
            devices = List.copyOf(devices);
        }

        /** {@code <device><path/>...}: values by element name (weight, read_bytes_sec ...). */
        public record Device(String path, Map<String, Long> values) {
            public static final List<String> ORDER = List.of("weight", "read_iops_sec", "write_iops_sec",
                    "read_bytes_sec", "write_bytes_sec");

            public Device {
                values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            }
        }
    }

    /**
     * {@code <numatune>}.
     *
     * @param mode      memory mode (strict, preferred, interleave, restrictive), or null
     * @param nodeset   host nodes, or null
     * @param placement static or auto, or null
     * @param memnodes  per guest cell policies
     */
    public record Numatune(String mode, String nodeset, String placement, List<Memnode> memnodes) {
        public static final Numatune NONE = new Numatune(null, null, null, List.of());

        public Numatune {
            memnodes = List.copyOf(memnodes);
        }

        public boolean hasMemory() {
            return mode != null || nodeset != null || placement != null;
        }

        /** {@code <memnode cellid mode nodeset/>}. */
        public record Memnode(int cellid, String mode, String nodeset) {
        }
    }
}
