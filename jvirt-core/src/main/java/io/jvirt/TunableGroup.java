package io.jvirt;

/**
 * The groups of domain tuning parameters read and written as typed parameters, each with the
 * libvirt calls it stands for.
 */
public enum TunableGroup {
    /** {@code virDomainGet/SetMemoryParameters}: hard_limit, soft_limit, swap_hard_limit (KiB). */
    MEMORY("virDomainGetMemoryParameters", "virDomainSetMemoryParameters"),
    /** {@code virDomainGet/SetSchedulerParametersFlags}: cpu_shares, vcpu/emulator/global/iothread period and quota. */
    SCHEDULER("virDomainGetSchedulerParametersFlags", "virDomainSetSchedulerParametersFlags"),
    /** {@code virDomainGet/SetBlkioParameters}: weight and the per-device lists. */
    BLKIO("virDomainGetBlkioParameters", "virDomainSetBlkioParameters"),
    /** {@code virDomainGet/SetNumaParameters}: numa_mode, numa_nodeset. */
    NUMA("virDomainGetNumaParameters", "virDomainSetNumaParameters");

    private final String getter;
    private final String setter;

    TunableGroup(String getter, String setter) {
        this.getter = getter;
        this.setter = setter;
    }

    public String getter() {
        return getter;
    }

    public String setter() {
        return setter;
    }
}
