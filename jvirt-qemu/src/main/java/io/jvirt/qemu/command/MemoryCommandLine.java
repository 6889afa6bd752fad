package io.jvirt.qemu.command;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.CpuDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.MemoryBackingDef;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Guest memory as libvirt builds it: {@code -m} (with hotplug slots and maximum), the RAM backend
 * object when {@code <memoryBacking>} asks for one ({@code pc.ram}, named on {@code -machine
 * memory-backend}), {@code -overcommit mem-lock}, and guest NUMA: one backend object
 * ({@code ram-nodeN}) and one {@code -numa node} per cell, then {@code -numa dist} per distance.
 * A file-backed RAM's file is in the domain's runtime directory (libvirt: memory_backing_dir); RAM
 * on huge pages is a file in the directory the driver made for it on a hugetlbfs
 * ({@link LaunchContext#hugepageDirs()}), preallocated unless the allocation is on demand.
 */
public final class MemoryCommandLine {
    public static final String SYSTEM_RAM = "pc.ram";

    private MemoryCommandLine() {
    }

    /** The id of guest NUMA cell {@code i}'s RAM backend. */
    public static String cellBackendId(int i) {
        return "ram-node" + i;
    }

    /** Whether {@code <memoryBacking>} needs guest RAM in a backend object of its own. */
    public static boolean needsBackend(MemoryBackingDef b) {
        return b.sourceType() != null || b.accessMode() != null || b.hugepages() || b.discard()
                || "immediate".equals(b.allocationMode()) || b.allocationThreads() != null;
    }

    /**
     * Whether a guest without NUMA cells has its RAM in a backend object ({@code pc.ram}): when
     * {@code <memoryBacking>} needs one, or when {@code <numatune>} asks for an interleave or
     * preferred policy, which QEMU sets on that backend (strict binding is the cpuset cgroup's).
     */
    static boolean systemBackend(DomainDef def) {
        if (!def.cpu().numa().isEmpty()) {
            return false;
        }
        var n = def.tuning().numatune();
        return needsBackend(def.memory().backing()) || n.nodeset() != null
                && ("interleave".equals(n.mode()) || "preferred".equals(n.mode()));
    }

    /** The {@code -machine} properties for memory: dump-guest-core, mem-merge, memory-backend. */
    static void machineProps(JsonProps.Builder m, DomainDef def) {
        var mem = def.memory();
        m.put("dump-guest-core", Boolean.TRUE.equals(mem.dumpCore()));
        if (mem.backing().nosharepages()) {
            m.put("mem-merge", false);
        }
        if (systemBackend(def)) {
            m.put("memory-backend", SYSTEM_RAM);
        }
    }

    /** The boot-time RAM: the sum of the NUMA cells when there are cells (libvirt makes them agree). */
    static ByteSize initialMemory(DomainDef def) {
        List<CpuDef.NumaCell> cells = def.cpu().numa();
        if (cells.isEmpty()) {
            return def.memory().memory();
        }
        return new ByteSize(cells.stream().mapToLong(c -> c.memory().bytes()).sum());
    }

    /** {@code -m}, the system RAM backend and {@code -overcommit}. */
    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        var mem = def.memory();
        JsonProps.Builder m = JsonProps.builder().put("size", initialMemory(def).kib() + "k");
        if (mem.maxMemory() != null) {
            m.put("slots", mem.maxSlots()).put("maxmem", mem.maxMemory().kib() + "k");
        }
        a.add("-m", m.build().toKeyValue(null));
        if (systemBackend(def)) {
            a.json("-object", withHostNodes(backend(def, ctx, SYSTEM_RAM, initialMemory(def), null, null, true),
                    def.tuning().numatune(), -1));
        }
        a.add("-overcommit", "mem-lock=" + (mem.backing().locked() ? "on" : "off"));
    }

    /** Guest NUMA: per cell a backend and a node, then the distances. */
    static void numa(Argv a, DomainDef def, LaunchContext ctx) {
        List<CpuDef.NumaCell> cells = def.cpu().numa();
        for (int i = 0; i < cells.size(); i++) {
            CpuDef.NumaCell c = cells.get(i);
            String id = cellBackendId(i);
            a.json("-object", withHostNodes(backend(def, ctx, id, c.memory(), c.memAccess(), c.discard(), false),
                    def.tuning().numatune(), i));
            StringBuilder node = new StringBuilder("node,nodeid=").append(i);
            if (c.cpus() != null) {
                for (String range : ranges(c.cpus())) {
                    node.append(",cpus=").append(range);
                }
            }
            a.add("-numa", node.append(",memdev=").append(id).toString());
        }
        for (int i = 0; i < cells.size(); i++) {
            for (var d : cells.get(i).distances().entrySet()) {
                a.add("-numa", "dist,src=" + i + ",dst=" + d.getKey() + ",val=" + d.getValue());
            }
        }
    }

    /**
     * A RAM backend object: memfd for {@code <source type='memfd'>} (on huge pages when
     * {@link LaunchContext#hugepageKiB()} names it), a file for
     * {@code type='file'} or shared access of anonymous memory, else plain RAM; shared access
     * from the cell or else {@code <access>}, discard, preallocation for immediate allocation.
     */
    static JsonProps backend(DomainDef def, LaunchContext ctx, String id, ByteSize size, String cellAccess,
                             Boolean cellDiscard, boolean systemMemory) {
        MemoryBackingDef b = def.memory().backing();
        String access = cellAccess != null ? cellAccess : b.accessMode();
        boolean discard = cellDiscard != null ? cellDiscard : b.discard();
        String source = b.sourceType() == null ? "anonymous" : b.sourceType();
        JsonProps.Builder p = JsonProps.builder();
        java.nio.file.Path hugepages = ctx.hugepageDirs().get(id);
        Long pageKiB = ctx.hugepageKiB().get(id);
        if (source.equals("memfd") && hugepages == null) {
            p.put("qom-type", "memory-backend-memfd").put("id", id);
            if (pageKiB != null) {
                p.put("hugetlb", true).put("hugetlbsize", pageKiB * 1024);
            }
        } else if (hugepages != null || source.equals("file") || access != null) {
            p.put("qom-type", "memory-backend-file").put("id", id).put("mem-path",
                    (hugepages != null ? hugepages : ctx.domainDir().resolve(id)).toString());
            if (discard) {
                p.put("discard-data", true);
            }
        } else {
            p.put("qom-type", "memory-backend-ram").put("id", id);
        }
        if (access != null) {
            p.put("share", access.equals("shared"));
        }
        if (systemMemory) {
            p.put("x-use-canonical-path-for-ramblock-id", false);
        }
        if ("immediate".equals(b.allocationMode()) || pageKiB != null && !"ondemand".equals(b.allocationMode())) {
            p.put("prealloc", true);
            p.put("prealloc-threads", b.allocationThreads());
        }
        return p.put("size", size.bytes()).build();
    }

    /**
     * A cell's backend (cell -1: the system RAM) bound to host NUMA nodes by its {@code <memnode>},
     * else by the domain's {@code <numatune><memory>}; mode strict is policy bind, restrictive sets
     * no policy (the cpuset cgroup alone restricts it).
     */
    static JsonProps withHostNodes(JsonProps backend, TuningDef.Numatune numa, int cell) {
        String mode = numa.mode() == null ? "strict" : numa.mode();
        String set = numa.nodeset();
        for (TuningDef.Numatune.Memnode m : numa.memnodes()) {
            if (m.cellid() == cell) {
                mode = m.mode() == null ? "strict" : m.mode();
                set = m.nodeset();
            }
        }
        if (set == null || mode.equals("restrictive")) {
            return backend;
        }
        String nodeset = set;
        String policy = mode.equals("strict") ? "bind" : mode;
        JsonProps.Builder b = JsonProps.builder();
        backend.asMap().forEach((k, v) -> {
            if (k.equals("size")) {
                b.put("host-nodes", hostNodes(nodeset)).put("policy", policy);
            }
            b.put(k, v);
        });
        return b.build();
    }

    private static List<Integer> hostNodes(String set) {
        return io.jvirt.conf.CpuSet.parse(set).stream().boxed().toList();
    }

    /** A cpuset ("0-3,^2,5") as its ascending ranges ("0-1", "3", "5"). */
    public static List<String> ranges(String set) {
        TreeSet<Integer> cpus = new TreeSet<>();
        for (String part : set.split(",")) {
            String s = part.strip();
            boolean not = s.startsWith("^");
            if (not) {
                s = s.substring(1);
            }
            String[] lh = s.split("-");
            int lo = Integer.parseInt(lh[0].strip());
            int hi = lh.length > 1 ? Integer.parseInt(lh[1].strip()) : lo;
            for (int c = lo; c <= hi; c++) {
                if (not) {
                    cpus.remove(c);
                } else {
                    cpus.add(c);
                }
            }
        }
        List<String> out = new ArrayList<>();
        Integer start = null;
        Integer prev = null;
        for (int c : cpus) {
            if (start == null) {
                start = c;
            } else if (c != prev + 1) {
                out.add(start.equals(prev) ? "" + start : start + "-" + prev);
                start = c;
            }
            prev = c;
        }
        if (start != null) {
            out.add(start.equals(prev) ? "" + start : start + "-" + prev);
        }
        return out;
    }
}
