package io.jvirt.conf;

/**
 * {@code <vcpu placement='static' cpuset='..' current='N'>MAX</vcpu>}.
 *
 * @param max       the maximum number of vCPUs
 * @param current   vCPUs online at boot, or null (= max)
 * @param placement "static" or "auto", or null
 * @param cpuset    host CPUs the vCPUs may run on, or null
 */
public record VcpuDef(int max, Integer current, String placement, String cpuset) {
    public VcpuDef {
        if (max < 1) {
            throw new IllegalArgumentException("vcpu count must be at least 1, not " + max);
        }
    }

    public int effectiveCurrent() {
        return current == null ? max : current;
    }
}
