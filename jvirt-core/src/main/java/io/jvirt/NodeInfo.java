package io.jvirt;

/**
 * What {@code virNodeGetInfo} returns: the host's processors and memory.
 *
 * @param model     the CPU architecture ("x86_64")
 * @param memoryKiB memory size in KiB
 * @param cpus      the number of online CPUs
 * @param mhz       the CPU frequency in MHz
 * @param nodes     the number of NUMA cells (1 when the topology does not add up)
 * @param sockets   CPU sockets per NUMA cell
 * @param cores     cores per socket
 * @param threads   threads per core
 */
public record NodeInfo(String model, long memoryKiB, int cpus, int mhz, int nodes, int sockets, int cores,
                       int threads) {
}
