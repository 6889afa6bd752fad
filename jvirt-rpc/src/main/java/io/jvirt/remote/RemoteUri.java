package io.jvirt.remote;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.uri.ConnectUri;

import java.nio.file.Path;
import java.util.Set;

/**
 * How a remote URI is read: which transport, host, port and socket, and the name the server
 * gets in CONNECT_OPEN. The rules are libvirt's (remote-protocol.md 8.6): no transport and no
 * host means a UNIX socket, no transport with a host means TLS.
 */
record RemoteUri(ConnectUri uri, Kind kind, boolean readOnly) {
    enum Kind {
        UNIX, TCP, TLS, SSH, EXT
    }

    static final int TCP_PORT = 16509;
    static final int TLS_PORT = 16514;

    /** Parameters the client consumes; they are not passed on in the CONNECT_OPEN name. */
    static final Set<String> CLIENT_PARAMS = Set.of("name", "socket", "pkipath", "no_verify", "no_tty", "keyfile",
            "readonly", "command", "netcat", "proxy", "mode", "tls_priority", "authtype", "sshauth", "known_hosts",
            "known_hosts_verify", "keepalive_interval", "keepalive_count");

    static RemoteUri of(ConnectUri uri, int flags) {
        String t = uri.transport() == null || uri.transport().isEmpty() ? null : uri.transport();
        Kind kind = switch (t == null ? (uri.isLocal() ? "unix" : "tls") : t) {
            case "unix" -> Kind.UNIX;
            case "tcp" -> Kind.TCP;
            case "tls" -> Kind.TLS;
            case "ssh" -> Kind.SSH;
            case "ext" -> Kind.EXT;
            default -> throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.REMOTE,
                    "transport in URL not recognised (should be tls|unix|ssh|ext|tcp): " + t);
        };
        if (kind == Kind.UNIX && !uri.isLocal()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.REMOTE,
                    "using unix socket and remote server '" + uri.host() + "' is not supported.");
        }
        boolean ro = (flags & io.jvirt.Flags.Open.READONLY) != 0 || flag(uri, "readonly");
        return new RemoteUri(uri, kind, ro);
    }

    /** A boolean parameter: present with no value, "1", "yes" or "true". */
    static boolean flag(ConnectUri uri, String name) {
        return uri.param(name).map(v -> v.isEmpty() || v.equals("1") || v.equalsIgnoreCase("yes")
                || v.equalsIgnoreCase("true")).orElse(false);
    }

    String host() {
        return uri.host() == null ? "localhost" : stripBrackets(uri.host());
    }

    int port(int dflt) {
        return uri.port() > 0 ? uri.port() : dflt;
    }

    /** What CONNECT_OPEN carries: {@code name=} if given, else the URI without transport, host and client parameters. */
    String serverName() {
        return uri.param("name").orElseGet(() -> uri.nameForServer(CLIENT_PARAMS));
    }

    boolean system() {
        return uri.path().equals("/system") || uri.path().equals("/system/");
    }

    /**
     * The daemon's socket on the machine that runs it: {@code socket=}, else libvirt's default
     * for the path (system: /var/run/libvirt/libvirt-sock, its -ro twin when read-only; session:
     * $XDG_RUNTIME_DIR/libvirt/libvirt-sock, else ~/.cache/libvirt/libvirt-sock).
     */
    String socketPath(boolean local) {
        var given = uri.param("socket");
        if (given.isPresent()) {
            return given.get();
        }
        if (system() || !local) {
            // on a remote host (ssh) the system daemon's socket unless socket= says otherwise
            return readOnly ? "/var/run/libvirt/libvirt-sock-ro" : "/var/run/libvirt/libvirt-sock";
        }
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "libvirt", "libvirt-sock").toString();
        }
        return Path.of(System.getProperty("user.home"), ".cache", "libvirt", "libvirt-sock").toString();
    }

    private static String stripBrackets(String h) {
        return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
    }
}
