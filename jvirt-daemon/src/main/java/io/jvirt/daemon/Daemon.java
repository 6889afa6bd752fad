package io.jvirt.daemon;

import io.jvirt.daemon.dispatch.RemoteDispatch;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.RpcException;
import io.jvirt.qemu.driver.QemuConnect;
import io.jvirt.qemu.driver.QemuDriver;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.conn.ServerConfig;
import io.jvirt.spi.ConnectDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A running jvirtd: one {@link QemuDriver} (the same object embedded mode uses) behind libvirt's
 * remote protocol on its listeners. Closing stops listening, disconnects clients and closes the
 * driver, which leaves guests running for the next start to reattach.
 */
public final class Daemon implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(Daemon.class.getName());
    private final DaemonConfig config;
    private final QemuDriver driver;
    private final Clients clients;
    private final List<AutoCloseable> listeners = new ArrayList<>();
    private final String uri;

    private Daemon(DaemonConfig config, QemuDriver driver) {
        this.config = config;
        this.driver = driver;
        this.uri = config.session() ? "qemu:///session" : "qemu:///system";
        Dispatcher dispatcher = RemoteDispatch.build(this::openConnection);
        ServerConfig sc = ServerConfig.defaults().withMaxClientRequests(config.maxClientRequests());
        if (config.keepaliveInterval() > 0) {
            sc = sc.withKeepalive(Duration.ofSeconds(config.keepaliveInterval()), config.keepaliveCount());
        }
        this.clients = new Clients(dispatcher, sc, config.maxClients());
    }

    /** Opens the driver and starts every configured listener. */
    public static Daemon start(DaemonConfig config) {
        QemuDriver driver = QemuDriver.open(paths(config));
        Daemon d = new Daemon(config, driver);
        try {
            d.listen();
        } catch (RuntimeException e) {
            d.close();
            throw e;
        }
        return d;
    }

    static DriverPaths paths(DaemonConfig c) {
        if (!c.session()) {
            return DriverPaths.system(c.prefix());
        }
        String home = System.getProperty("user.home");
        Path config = xdg("XDG_CONFIG_HOME", Path.of(home, ".config"));
        Path cache = xdg("XDG_CACHE_HOME", Path.of(home, ".cache"));
        return DriverPaths.session(config, DaemonConfig.runtimeDir(), cache);
    }

    private static Path xdg(String var, Path dflt) {
        String v = System.getenv(var);
        return v == null || v.isBlank() ? dflt : Path.of(v);
    }

    private void listen() {
        if (config.session()) {
            listeners.add(UnixListener.open(config.rwSocket(), 0700, false, clients));
        } else {
            listeners.add(UnixListener.open(config.rwSocket(), config.rwPerms(), false, clients));
            listeners.add(UnixListener.open(config.roSocket(), config.roPerms(), true, clients));
        }
        if (config.listenTcp()) {
            listeners.add(TcpListener.plain(config, clients));
        }
        if (config.listenTls()) {
            listeners.add(TcpListener.tls(config, clients));
        }
    }

    /** CONNECT_OPEN: this daemon serves its own mode's URI (and the client's default, empty name). */
    private ConnectDriver openConnection(String name) {
        if (name != null && !name.isEmpty() && !name.equals(uri) && !name.equals(uri + "/")) {
            throw new RpcException(ErrorNumber.NO_CONNECT, ErrorDomain.RPC,
                    "no connection driver available for " + name + " (jvirtd serves " + uri + ")");
        }
        return new QemuConnect(driver, uri, c -> { });
    }

    public DaemonConfig config() {
        return config;
    }

    public int clientCount() {
        return clients.count();
    }

    /** Stops listening, disconnects clients, closes the driver (guests keep running). Idempotent. */
    @Override
    public synchronized void close() {
        for (AutoCloseable l : listeners) {
            try {
                l.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing a listener: " + e.getMessage());
            }
        }
        listeners.clear();
        clients.closeAll();
        driver.close();
    }
}
