package io.jvirt.conf.device;

import java.util.List;

/**
 * A disk's {@code <source>}.
 *
 * @param path          file, block device or directory (per disk type), or null
 * @param startupPolicy mandatory, requisite, optional, or null
 * @param protocol      network protocol (nbd, iscsi, rbd, http, https, gluster ...), or null
 * @param name          the network volume/export name, or null
 * @param hosts         network hosts
 * @param pool          volume pool (type='volume'), or null
 * @param volume        volume name (type='volume'), or null
 */
public record DiskSourceDef(String path, String startupPolicy, String protocol, String name, List<Host> hosts,
                            String pool, String volume) {
    public static final DiskSourceDef NONE = new DiskSourceDef(null, null, null, null, List.of(), null, null);

    public DiskSourceDef {
        hosts = List.copyOf(hosts);
    }

    /** {@code <host name port transport socket/>}. */
    public record Host(String name, Integer port, String transport, String socket) {
    }

    public boolean isEmpty() {
        return equals(NONE);
    }

    public DiskSourceDef withPath(String p) {
        return new DiskSourceDef(p, startupPolicy, protocol, name, hosts, pool, volume);
    }
}
