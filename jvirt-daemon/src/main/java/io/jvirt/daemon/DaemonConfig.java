package io.jvirt.daemon;

import io.jvirt.conf.ConfFile;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * jvirtd's settings: jvirtd.conf (libvirt's libvirtd.conf keys where they mean the same) with
 * command-line overrides applied by {@link Jvirtd}.
 *
 * @param session          per-user daemon (else system)
 * @param prefix           system mode: the root under which /etc, /run, /var live ("/" for real)
 * @param unixSockDir      where the sockets go (null: the mode's default)
 * @param libvirtSockets   use libvirt's socket names (libvirt-sock, libvirt-sock-ro) so unchanged
 *                         clients (virsh -c qemu:///system) find jvirtd
 * @param rwPerms          permissions of the read-write socket (system mode)
 * @param roPerms          permissions of the read-only socket (system mode)
 * @param listenTcp        open the plain TCP listener (unauthenticated: only with authTcp "none")
 * @param listenTls        open the TLS listener (x509 client certificates required)
 * @param listenAddr       address the TCP/TLS listeners bind ("0.0.0.0", "::", "127.0.0.1")
 * @param tcpPort          plain TCP port (libvirt: 16509)
 * @param tlsPort          TLS port (libvirt: 16514)
 * @param authTcp          "none" (explicitly allow unauthenticated TCP) or anything else (refuse)
 * @param pkiDir           CA, server cert and key in libvirt's layout (cacert.pem, servercert.pem,
 *                         private/serverkey.pem); null: the mode's default
 * @param tlsAllowedDn     if non-empty, only client certificates whose subject DN matches one of
 *                         these patterns ("*" wildcards) are accepted
 * @param maxClients       most concurrent clients; more are refused at accept
 * @param maxClientRequests most calls in progress per client
 * @param keepaliveInterval seconds between keepalive pings (-1 disables)
 * @param keepaliveCount   unanswered pings before a client is dropped
 */
public record DaemonConfig(boolean session, Path prefix, Path unixSockDir, boolean libvirtSockets, int rwPerms,
                           int roPerms, boolean listenTcp, boolean listenTls, String listenAddr, int tcpPort,
                           int tlsPort, String authTcp, Path pkiDir, List<String> tlsAllowedDn, int maxClients,
                           int maxClientRequests, int keepaliveInterval, int keepaliveCount) {

    static final Set<String> KNOWN = Set.of("unix_sock_dir", "unix_sock_rw_perms", "unix_sock_ro_perms",
            "listen_tcp", "listen_tls", "listen_addr", "tcp_port", "tls_port", "auth_tcp", "auth_tls",
            "auth_unix_rw", "auth_unix_ro", "key_file", "cert_file", "ca_file", "pki_dir", "tls_allowed_dn_list",
            "max_clients", "max_client_requests", "keepalive_interval", "keepalive_count", "log_level",
            "log_outputs", "libvirt_sockets", "prefix");

    /** Settings from a parsed jvirtd.conf for {@code session} or system mode. */
    public static DaemonConfig from(ConfFile f, boolean session, Path prefix) {
        String dir = f.string("unix_sock_dir", null);
        String pki = f.string("pki_dir", null);
        return new DaemonConfig(session, prefix, dir == null ? null : Path.of(dir), f.bool("libvirt_sockets", false),
                perms(f.string("unix_sock_rw_perms", "0600")), perms(f.string("unix_sock_ro_perms", "0666")),
                f.bool("listen_tcp", false), f.bool("listen_tls", false), f.string("listen_addr", "127.0.0.1"),
                (int) f.number("tcp_port", 16509), (int) f.number("tls_port", 16514), f.string("auth_tcp", "sasl"),
                pki == null ? null : Path.of(pki), f.list("tls_allowed_dn_list", List.of()),
                (int) f.number("max_clients", 5000), (int) f.number("max_client_requests", 5),
                (int) f.number("keepalive_interval", 5), (int) f.number("keepalive_count", 5));
    }

    static int perms(String octal) {
        return Integer.parseInt(octal, 8);
    }

    /** The directory holding the UNIX sockets. */
    public Path socketDir() {
        if (unixSockDir != null) {
            return unixSockDir;
        }
        if (session) {
            return runtimeDir().resolve(libvirtSockets ? "libvirt" : "jvirt");
        }
        return prefix.resolve(libvirtSockets ? "run/libvirt" : "run/jvirt");
    }

    public Path rwSocket() {
        return socketDir().resolve(libvirtSockets ? "libvirt-sock" : "jvirt-sock");
    }

    /** The read-only twin (system mode only). */
    public Path roSocket() {
        return socketDir().resolve(libvirtSockets ? "libvirt-sock-ro" : "jvirt-sock-ro");
    }

    /** $XDG_RUNTIME_DIR, or a private directory under /tmp when it is unset. */
    static Path runtimeDir() {
        String xdg = System.getenv("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        return Path.of("/tmp", "jvirt-runtime-" + System.getProperty("user.name"));
    }

    /** The x509 material directory. */
    public Path pki() {
        if (pkiDir != null) {
            return pkiDir;
        }
        return session ? Path.of(System.getProperty("user.home"), ".pki/libvirt") : prefix.resolve("etc/pki/libvirt");
    }

    public Path caCert() {
        return pkiDir != null ? pkiDir.resolve("cacert.pem")
                : session ? pki().resolve("cacert.pem") : prefix.resolve("etc/pki/CA/cacert.pem");
    }
}
