package io.jvirt.qemu.driver;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverFactory;
import io.jvirt.uri.ConnectUri;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Opens {@code qemu:///embed?root=/abs/dir}: the QEMU driver in this process, no daemon. One
 * {@link QemuDriver} per root per JVM, shared by every connection to that root and closed
 * with the last one; different roots run side by side. Another process holding the root's
 * lock makes open fail at once, naming that process.
 *
 * <p>At JVM exit (normal, SIGINT, SIGTERM) drivers still open are closed: autodestroy guests
 * are destroyed, all others keep running and are reattached by the next open.
 */
public final class EmbeddedDriverFactory implements DriverFactory {
    private static final Map<Path, Shared> DRIVERS = new HashMap<>();
    private static boolean hookInstalled;

    private static final class Shared {
        final QemuDriver driver;
        int refs;

        Shared(QemuDriver driver) {
            this.driver = driver;
        }
    }

    @Override
    public boolean accepts(ConnectUri uri) {
        return "qemu".equals(uri.driver()) && (uri.transport() == null || uri.transport().isEmpty())
                && (uri.host() == null || uri.host().isEmpty()) && "/embed".equals(uri.path());
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public ConnectDriver open(ConnectUri uri, int flags) {
        String root = uri.param("root").orElseThrow(() -> new InvalidArgException(ErrorNumber.INVALID_ARG,
                ErrorDomain.QEMU, "root parameter required for embedded driver URI " + uri));
        for (String p : uri.params().keySet()) {
            if (!Set.of("root").contains(p)) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                        "unknown parameter '" + p + "' in embedded driver URI " + uri);
            }
        }
        DriverPaths paths = DriverPaths.embedded(root);
        QemuDriver driver = acquire(paths);
        String canonical = "qemu:///embed?root=" + paths.root();
        return new QemuConnect(driver, canonical, c -> release(paths.root()));
    }

    private static synchronized QemuDriver acquire(DriverPaths paths) {
        Shared s = DRIVERS.get(paths.root());
        if (s == null) {
            s = new Shared(QemuDriver.open(paths));
            DRIVERS.put(paths.root(), s);
            installHook();
        }
        s.refs++;
        return s.driver;
    }

    private static void release(Path root) {
        QemuDriver toClose = null;
        synchronized (EmbeddedDriverFactory.class) {
            Shared s = DRIVERS.get(root);
            if (s != null && --s.refs == 0) {
                DRIVERS.remove(root);
                toClose = s.driver;
            }
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    private static void installHook() {
        if (hookInstalled) {
            return;
        }
        hookInstalled = true;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            java.util.List<QemuDriver> open;
            synchronized (EmbeddedDriverFactory.class) {
                open = DRIVERS.values().stream().map(s -> s.driver).toList();
                DRIVERS.clear();
            }
            open.forEach(QemuDriver::close);
        }, "jvirt-embedded-shutdown"));
    }
}
