package io.jvirt.remote;

import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverFactory;
import io.jvirt.uri.ConnectUri;

/**
 * Claims every {@code qemu} URI except the embedded driver's {@code qemu:///embed}:
 * {@code qemu:///system}, {@code qemu:///session}, {@code qemu+unix}, {@code qemu+tcp},
 * {@code qemu+tls}, {@code qemu://host/...} (TLS), {@code qemu+ssh} and {@code qemu+ext}.
 */
public final class RemoteDriverFactory implements DriverFactory {
    @Override
    public boolean accepts(ConnectUri uri) {
        if (!"qemu".equals(uri.driver())) {
            return false;
        }
        boolean embed = (uri.transport() == null || uri.transport().isEmpty()) && uri.isLocal()
                && uri.path().equals("/embed");
        return !embed;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public ConnectDriver open(ConnectUri uri, int flags) {
        return RemoteConnect.open(RemoteUri.of(uri, flags));
    }
}
