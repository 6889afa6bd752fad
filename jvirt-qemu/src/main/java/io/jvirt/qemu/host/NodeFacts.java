package io.jvirt.qemu.host;

import io.jvirt.NodeInfo;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.SystemException;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * virNodeGetInfo and virNodeGetMemoryStats from /proc and sysfs under a root ("/" for the real
 * host; tests use a fixture tree).
 */
public final class NodeFacts {
    /** virNodeGetMemoryStats' cellNum for "the whole host". */
    public static final int ALL_CELLS = -1;
    private final Path root;

    public NodeFacts(Path root) {
        this.root = root;
    }

    public static NodeFacts host() {
        return new NodeFacts(Path.of("/"));
    }

    /**
     * The node info: model is the host architecture, memory the sum of the NUMA cells' memory
     * (/proc/meminfo's MemTotal without NUMA), CPUs the online ones, MHz from /proc/cpuinfo.
     */
    public NodeInfo nodeInfo(String arch) {
        HostTopology t = HostTopology.read(root);
        String cpuinfo = ProcFiles.read(root.resolve("proc/cpuinfo"));
        int mhz = cpuinfo == null ? 0 : ProcFiles.cpuMhz(cpuinfo);
        int cpus = t.onlineCpus();
        int nodes = t.cells().size();
        int[] s = t.shape();
        if (nodes * s[0] * s[1] * s[2] != cpus) {
            return new NodeInfo(arch, t.memoryKiB(), cpus, mhz, 1, 1, cpus, 1);
        }
        return new NodeInfo(arch, t.memoryKiB(), cpus, mhz, nodes, s[0], s[1], s[2]);
    }

    public HostTopology topology() {
        return HostTopology.read(root);
    }

    /**
     * Memory statistics in KiB: total, free, buffers, cached for the host (cellNum -1); total and
     * free for one NUMA cell.
     */
    public Map<String, Long> memoryStats(int cellNum) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (cellNum == ALL_CELLS) {
            String text = ProcFiles.read(root.resolve("proc/meminfo"));
            if (text == null) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.NONE,
                        "cannot read " + root.resolve("proc/meminfo"), null);
            }
            Map<String, Long> m = ProcFiles.meminfo(text);
            out.put("total", m.getOrDefault("MemTotal", 0L));
            out.put("free", m.getOrDefault("MemFree", 0L));
            out.put("buffers", m.getOrDefault("Buffers", 0L));
            out.put("cached", m.getOrDefault("Cached", 0L));
            return out;
        }
        String text = ProcFiles.read(root.resolve("sys/devices/system/node/node" + cellNum + "/meminfo"));
        if (cellNum < 0 || text == null) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.NONE,
                    "cellNum in virNodeGetMemoryStats must be less than or equal to "
                            + (HostTopology.read(root).cells().size() - 1));
        }
        Map<String, Long> m = ProcFiles.meminfo(text);
        out.put("total", m.getOrDefault("MemTotal", 0L));
        out.put("free", m.getOrDefault("MemFree", 0L));
        return out;
    }
}
