package io.jvirt.conf.device;

import java.util.List;

/**
 * A disk's {@code <source>} and the storage behind it.
 *
 * @param path          file, block device or directory (per disk type), or null
 * @param startupPolicy mandatory, requisite, optional, or null
 * @param protocol      network protocol (nbd, iscsi, rbd, http, https, gluster ...), or null
 * @param name          the network volume/export name, or null
 * @param hosts         network hosts
 * @param pool          volume pool (type='volume'), or null
 * @param volume        volume name (type='volume'), or null
 * @param auth          {@code <auth>} of a network source, or null
 * @param backingStore  the image this one is layered on: null when not written (unknown, probed
 *                      at start), {@link BackingStoreDef#NONE} for an explicit empty element
 */
public record DiskSourceDef(String path, String startupPolicy, String protocol, String name, List<Host> hosts,
                            String pool, String volume, Auth auth, BackingStoreDef backingStore) {
    public static final DiskSourceDef NONE = new DiskSourceDef(null, null, null, null, List.of(), null, null, null,
            null);

    public DiskSourceDef {
        hosts = List.copyOf(hosts);
    }

    /** {@code <host name port transport socket/>}. */
    public record Host(String name, Integer port, String transport, String socket) {
    }

    /** {@code <auth username><secret type='ceph|iscsi' uuid|usage/></auth>}. */
    public record Auth(String username, String secretType, String secretUuid, String secretUsage) {
    }

    /** The {@code <source>} element proper: everything but the backing chain. */
    public boolean isEmpty() {
        return path == null && startupPolicy == null && protocol == null && name == null && hosts.isEmpty()
                && pool == null && volume == null && auth == null;
    }

    public DiskSourceDef withBacking(BackingStoreDef b) {
        return new DiskSourceDef(path, startupPolicy, protocol, name, hosts, pool, volume, auth, b);
    }

    public DiskSourceDef withPath(String p) {
        return new DiskSourceDef(p, startupPolicy, protocol, name, hosts, pool, volume, auth, backingStore);
    }
}
