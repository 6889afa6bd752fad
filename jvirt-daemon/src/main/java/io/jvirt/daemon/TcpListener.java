package io.jvirt.daemon;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * TCP listeners: plain (only with auth_tcp = "none", an explicit, documented opt-in to no
 * authentication) and TLS with x509 mutual authentication, the client's certificate signed by
 * the configured CA and, when tls_allowed_dn_list is set, its subject matching one of its
 * patterns.
 */
final class TcpListener implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(TcpListener.class.getName());
    private final ServerSocket server;

    private TcpListener(ServerSocket server) {
        this.server = server;
    }

    static TcpListener plain(DaemonConfig c, Clients clients) {
        if (!"none".equals(c.authTcp())) {
            throw new SystemException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.RPC,
                    "listen_tcp needs auth_tcp = \"none\" (unauthenticated, unsafe beyond a trusted network): "
                            + "jvirtd has no SASL; use TLS for remote access");
        }
        try {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(c.listenAddr()), c.tcpPort()));
            TcpListener l = new TcpListener(s);
            Thread.ofPlatform().name("jvirtd-accept-tcp").daemon().start(() -> l.acceptPlain(clients));
            LOG.log(System.Logger.Level.WARNING, "listening on {0}:{1} without authentication", c.listenAddr(),
                    String.valueOf(c.tcpPort()));
            return l;
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot listen on " + c.listenAddr() + ":" + c.tcpPort() + ": " + e.getMessage(), e);
        }
    }

    static TcpListener tls(DaemonConfig c, Clients clients) {
        // libvirt clients read the one-byte TLS confirmation right after the handshake, from a
        // non-blocking socket: a TLS 1.3 session ticket arriving first makes GnuTLS's read return
        // EAGAIN and virsh gives up ("Unable to read TLS confirmation"). libvirtd sends no
        // tickets; neither does jvirtd (read once, when the JDK's TLS configuration loads).
        if (System.getProperty("jdk.tls.server.newSessionTicketCount") == null) {
            System.setProperty("jdk.tls.server.newSessionTicketCount", "0");
        }
        Path pki = c.pki();
        try {
            SSLContext ctx = context(c.caCert(), pki.resolve("servercert.pem"), pki.resolve("private/serverkey.pem"));
            SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
            s.setReuseAddress(true);
            s.setNeedClientAuth(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(c.listenAddr()), c.tlsPort()));
            TcpListener l = new TcpListener(s);
            Thread.ofPlatform().name("jvirtd-accept-tls").daemon().start(() -> l.acceptTls(clients, c.tlsAllowedDn()));
            return l;
        } catch (IOException | GeneralSecurityException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot set up TLS on port " + c.tlsPort() + " (pki " + pki + "): " + e.getMessage(), e);
        }
    }

    /** A TLS context from PEM files: our key and certificate, and the CA that signs clients. */
    static SSLContext context(Path caFile, Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        List<X509Certificate> chain = io.jvirt.rpc.tls.PemFiles.certificates(certFile);
        ks.setKeyEntry("key", io.jvirt.rpc.tls.PemFiles.privateKey(keyFile), new char[0], chain.toArray(new X509Certificate[0]));
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        int i = 0;
        for (X509Certificate ca : io.jvirt.rpc.tls.PemFiles.certificates(caFile)) {
            ts.setCertificateEntry("ca" + i++, ca);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        javax.net.ssl.TrustManager[] tms = tmf.getTrustManagers();
        for (int t = 0; t < tms.length; t++) {
            if (tms[t] instanceof javax.net.ssl.X509ExtendedTrustManager x) {
                tms[t] = new NoHintTrustManager(x);
            }
        }
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tms, null);
        return ctx;
    }

    private void acceptPlain(Clients clients) {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                clients.accept(new SocketChannelish(s), false, s.getRemoteSocketAddress().toString());
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "tcp accept failed: " + e.getMessage());
                }
            }
        }
    }

    private void acceptTls(Clients clients, List<String> allowedDn) {
        while (!server.isClosed()) {
            try {
                SSLSocket s = (SSLSocket) server.accept();
                Thread.ofVirtual().start(() -> handshake(s, clients, allowedDn));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.log(System.Logger.Level.WARNING, "tls accept failed: " + e.getMessage());
                }
            }
        }
    }

    private static void handshake(SSLSocket s, Clients clients, List<String> allowedDn) {
        String from = s.getRemoteSocketAddress().toString();
        try {
            s.setSoTimeout(10_000);
            s.startHandshake();
            s.setSoTimeout(0);
            String dn = s.getSession().getPeerPrincipal().getName();
            if (!allowedDn.isEmpty() && allowedDn.stream().noneMatch(p -> DnMatch.matches(p, dn))) {
                LOG.log(System.Logger.Level.WARNING, "refusing TLS client {0}: DN ''{1}'' not in tls_allowed_dn_list", from, dn);
                s.close();
                return;
            }
            // libvirt's TLS confirmation: one byte, 1, once the client's certificate is accepted;
            // libvirt clients (and jvirt's) wait for it before sending anything
            s.getOutputStream().write(1);
            s.getOutputStream().flush();
            clients.accept(new SocketChannelish(s), false, from + " (" + dn + ")");
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "TLS handshake with {0} failed: {1}", from, e.getMessage());
            try {
                s.close();
            } catch (IOException ignored) {
                // gone
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing a TCP listener: " + e.getMessage());
        }
    }

    /** A socket's streams as the byte channel a server connection reads and writes. */
    static final class SocketChannelish implements java.nio.channels.ByteChannel {
        private final Socket socket;
        private final ReadableByteChannel in;
        private final WritableByteChannel out;

        SocketChannelish(Socket socket) throws IOException {
            this.socket = socket;
            this.in = Channels.newChannel(socket.getInputStream());
            this.out = Channels.newChannel(socket.getOutputStream());
        }

        @Override
        public int read(java.nio.ByteBuffer dst) throws IOException {
            return in.read(dst);
        }

        @Override
        public int write(java.nio.ByteBuffer src) throws IOException {
            return out.write(src);
        }

        @Override
        public boolean isOpen() {
            return !socket.isClosed();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
