package io.jvirt.conf;

import java.util.List;
import java.util.Objects;

/**
 * {@code <cpu>}.
 *
 * @param mode       "custom", "host-model", "host-passthrough", "maximum", or null
 * @param match      "minimum", "exact", "strict", or null
 * @param check      "none", "partial", "full", or null
 * @param migratable {@code migratable='on|off'} (host-passthrough, maximum), or null
 * @param model      the CPU model name, or null
 * @param fallback   "allow" or "forbid", or null
 * @param vendorId   {@code <model vendor_id=...>}, or null
 * @param vendor     {@code <vendor>}, or null
 * @param topology   the topology, or null
 * @param cache      {@code <cache level mode/>}, or null
 * @param features   feature policies in document order
 * @param numa       guest NUMA cells
 * @param maxphysaddr {@code <maxphysaddr mode='emulate|passthrough' bits/>}, or null
 */
public record CpuDef(String mode, String match, String check, Boolean migratable, String model, String fallback,
                     String vendorId, String vendor, Topology topology, Cache cache, List<Feature> features,
                     List<NumaCell> numa, MaxPhysAddr maxphysaddr) {
    public static final CpuDef NONE = new CpuDef(null, null, null, null, null, null, null, null, null, null,
            List.of(), List.of(), null);

    public CpuDef {
        features = List.copyOf(features);
        numa = List.copyOf(numa);
    }

    public CpuDef(String mode, String match, String check, String model, String fallback, Integer sockets,
                  Integer cores, Integer threads) {
        this(mode, match, check, null, model, fallback, null, null,
                sockets == null ? null : new Topology(sockets, null, null, cores, threads), null, List.of(),
                List.of(), null);
    }

    /** {@code <topology sockets dies clusters cores threads/>}; dies and clusters may be absent. */
    public record Topology(int sockets, Integer dies, Integer clusters, int cores, int threads) {
        public long total() {
            return (long) sockets * (dies == null ? 1 : dies) * (clusters == null ? 1 : clusters) * cores * threads;
        }
    }

    /** {@code <cache level='3' mode='emulate|passthrough|disable'/>}. */
    public record Cache(Integer level, String mode) {
    }

    /** {@code <maxphysaddr>}: how many physical address bits the guest sees. */
    public record MaxPhysAddr(String mode, Integer bits) {
    }

    /** {@code <feature policy='force|require|optional|disable|forbid' name=.../>}. */
    public record Feature(String policy, String name) {
    }

    /**
     * A guest NUMA {@code <cell>}.
     *
     * @param id        cell id, or null (libvirt numbers in order)
     * @param cpus      vCPU set, or null
     * @param memory    size
     * @param memAccess "shared" or "private", or null
     * @param discard   {@code discard='yes|no'}, or null
     * @param distances sibling id to distance, in document order
     */
    public record NumaCell(Integer id, String cpus, ByteSize memory, String memAccess, Boolean discard,
                           java.util.Map<Integer, Integer> distances) {
        public NumaCell {
            Objects.requireNonNull(memory, "memory");
            distances = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(distances));
        }
    }

    public Integer sockets() {
        return topology == null ? null : topology.sockets();
    }

    public Integer cores() {
        return topology == null ? null : topology.cores();
    }

    public Integer threads() {
        return topology == null ? null : topology.threads();
    }

    public boolean isEmpty() {
        return this.equals(NONE);
    }
}
