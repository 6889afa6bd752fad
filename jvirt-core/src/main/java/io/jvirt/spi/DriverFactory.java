package io.jvirt.spi;

import io.jvirt.uri.ConnectUri;

/**
 * Opens connections for the URIs it understands. Found with {@link java.util.ServiceLoader}:
 * the embedded QEMU driver claims {@code qemu:///embed}, the remote driver claims daemon URIs.
 */
public interface DriverFactory {
    /** Whether this factory opens {@code uri}. */
    boolean accepts(ConnectUri uri);

    /** Lower runs first when several factories accept a URI. */
    default int priority() {
        return 100;
    }

    /** Opens a connection; flags are {@link io.jvirt.Flags.Open} bits. */
    ConnectDriver open(ConnectUri uri, int flags);
}
