package io.jvirt;

/**
 * What {@code virDomainGetInfo} returns.
 *
 * @param state     the current state
 * @param maxMemKiB the maximum memory in KiB
 * @param memoryKiB the current memory in KiB
 * @param nrVirtCpu the number of virtual CPUs
 * @param cpuTimeNs CPU time used, in nanoseconds (0 when inactive)
 */
public record DomainInfo(DomainState state, long maxMemKiB, long memoryKiB, int nrVirtCpu, long cpuTimeNs) {
}
