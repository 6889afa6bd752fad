package io.jvirt.qemu.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The host's NUMA cells and CPUs as sysfs describes them ({@code /sys/devices/system/node} and
 * {@code /sys/devices/system/cpu/cpuN/topology}). Without NUMA information in sysfs, one cell
 * holds every online CPU and the memory of {@code /proc/meminfo}.
 *
 * @param cells the NUMA cells, by id
 */
public record HostTopology(List<Cell> cells) {

    /** A NUMA cell; {@code memoryKiB} from its meminfo. */
    public record Cell(int id, long memoryKiB, List<Cpu> cpus) {
    }

    /** An online CPU; {@code siblings} is its thread_siblings_list ("0" or "0,8"). */
    public record Cpu(int id, int socketId, int dieId, int coreId, String siblings) {
    }

    /** Reads the topology under {@code root} ("/" for the real host). */
    public static HostTopology read(Path root) {
        Path cpuDir = root.resolve("sys/devices/system/cpu");
        String online = ProcFiles.read(cpuDir.resolve("online"));
        TreeSet<Integer> onlineCpus = online == null ? new TreeSet<>() : ProcFiles.cpuList(online);
        if (onlineCpus.isEmpty()) {
            int n = Runtime.getRuntime().availableProcessors();
            for (int i = 0; i < n; i++) {
                onlineCpus.add(i);
            }
        }
        List<Cell> cells = new ArrayList<>();
        Set<Integer> placed = new HashSet<>();
        for (int node : nodes(root.resolve("sys/devices/system/node"))) {
            Path nd = root.resolve("sys/devices/system/node/node" + node);
            String list = ProcFiles.read(nd.resolve("cpulist"));
            String mem = ProcFiles.read(nd.resolve("meminfo"));
            long kib = mem == null ? 0 : ProcFiles.meminfo(mem).getOrDefault("MemTotal", 0L);
            List<Cpu> cpus = new ArrayList<>();
            for (int id : list == null ? new TreeSet<Integer>() : ProcFiles.cpuList(list)) {
                if (onlineCpus.contains(id)) {
                    cpus.add(cpu(cpuDir, id));
                    placed.add(id);
                }
            }
            cells.add(new Cell(node, kib, cpus));
        }
        if (cells.isEmpty()) {
            String mem = ProcFiles.read(root.resolve("proc/meminfo"));
            long kib = mem == null ? 0 : ProcFiles.meminfo(mem).getOrDefault("MemTotal", 0L);
            cells.add(new Cell(0, kib, onlineCpus.stream().map(id -> cpu(cpuDir, id)).toList()));
        }
        return new HostTopology(List.copyOf(cells));
    }

    private static List<Integer> nodes(Path nodeDir) {
        if (!Files.isDirectory(nodeDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(nodeDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.matches("node\\d+"))
                    .map(n -> Integer.parseInt(n.substring(4))).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static Cpu cpu(Path cpuDir, int id) {
        Path t = cpuDir.resolve("cpu" + id + "/topology");
        String siblings = ProcFiles.read(t.resolve("thread_siblings_list"));
        return new Cpu(id, ProcFiles.readInt(t.resolve("physical_package_id"), 0),
                ProcFiles.readInt(t.resolve("die_id"), 0), ProcFiles.readInt(t.resolve("core_id"), id),
                siblings == null ? Integer.toString(id) : siblings);
    }

    public int onlineCpus() {
        return cells.stream().mapToInt(c -> c.cpus().size()).sum();
    }

    public long memoryKiB() {
        return cells.stream().mapToLong(Cell::memoryKiB).sum();
    }

    /**
     * {@code {sockets per cell, cores per socket, threads per core}}, the largest of each seen; when
     * cells x sockets x cores x threads does not give the CPU count (an asymmetric host), the flat
     * answer {@code {1, cpus, 1}} in one cell, as virNodeGetInfo documents.
     */
    int[] shape() {
        int sockets = 0;
        int cores = 0;
        int threads = 0;
        for (Cell c : cells) {
            Map<Integer, Set<Integer>> coresBySocket = new HashMap<>();
            Map<String, Integer> threadsByCore = new HashMap<>();
            for (Cpu cpu : c.cpus()) {
                coresBySocket.computeIfAbsent(cpu.socketId(), k -> new HashSet<>()).add(cpu.dieId() * 100000 + cpu.coreId());
                threadsByCore.merge(cpu.socketId() + "/" + cpu.dieId() + "/" + cpu.coreId(), 1, Integer::sum);
            }
            sockets = Math.max(sockets, coresBySocket.size());
            for (Set<Integer> s : coresBySocket.values()) {
                cores = Math.max(cores, s.size());
            }
            for (int t : threadsByCore.values()) {
                threads = Math.max(threads, t);
            }
        }
        return new int[] {sockets, cores, threads};
    }
}
