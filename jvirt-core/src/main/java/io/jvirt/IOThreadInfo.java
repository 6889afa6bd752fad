package io.jvirt;

import java.util.BitSet;

/**
 * One IOThread of a domain (virDomainIOThreadInfo).
 *
 * @param id   the IOThread's id ({@code <iothread id>})
 * @param cpus the host CPUs it may run on
 */
public record IOThreadInfo(int id, BitSet cpus) {
    public IOThreadInfo {
        cpus = (BitSet) cpus.clone();
    }

    @Override
    public BitSet cpus() {
        return (BitSet) cpus.clone();
    }
}
