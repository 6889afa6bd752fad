package io.jvirt.remote;

import io.jvirt.rpc.tls.PemFiles;

import io.jvirt.error.AuthException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.SystemException;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Opens the byte stream of each transport the way libvirt's client does (remote-protocol.md 8). */
final class Transports {
    private Transports() {
    }

    static Transport open(RemoteUri r) {
        return switch (r.kind()) {
            case UNIX -> unix(Path.of(r.socketPath(true)));
            case TCP -> tcp(r.host(), r.port(RemoteUri.TCP_PORT));
            case TLS -> tls(r);
            case SSH -> process(SshCommand.build(r), "ssh to " + r.host());
            case EXT -> process(List.of(r.uri().param("command").orElseThrow(() -> new io.jvirt.error.InvalidArgException(
                    ErrorNumber.INVALID_ARG, ErrorDomain.REMOTE, "remote ext transport requires a command= parameter"))),
                    "command");
        };
    }

    static Transport unix(Path socket) {
        try {
            SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket));
            return new Transport(channelIn(ch), channelOut(ch), ch, socket.toString());
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "Failed to connect socket to '" + socket + "': " + reason(e), e);
        }
    }

    static Transport tcp(String host, int port) {
        try {
            SocketChannel ch = SocketChannel.open(new InetSocketAddress(host, port));
            ch.socket().setTcpNoDelay(true);
            return new Transport(channelIn(ch), channelOut(ch), ch, host + ":" + port);
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "unable to connect to server at '" + host + ":" + port + "': " + reason(e), e);
        }
    }

    /**
     * TLS with x509: our client certificate (if present) and the CA that must have signed the
     * server's; unless {@code no_verify}, the server's certificate must also name the host. After
     * the handshake the server sends one byte, 1, once it has accepted our certificate.
     */
    static Transport tls(RemoteUri r) {
        String host = r.host();
        int port = r.port(RemoteUri.TLS_PORT);
        boolean noVerify = RemoteUri.flag(r.uri(), "no_verify");
        SSLContext ctx = TlsFiles.locate(r.uri().param("pkipath").orElse(null)).context(noVerify);
        Socket raw = null;
        try {
            raw = new Socket();
            raw.connect(new InetSocketAddress(host, port));
            raw.setTcpNoDelay(true);
        } catch (IOException e) {
            close(raw);
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "unable to connect to server at '" + host + ":" + port + "': " + reason(e), e);
        }
        SSLSocket s = null;
        try {
            s = (SSLSocket) ctx.getSocketFactory().createSocket(raw, host, port, true);
            s.setUseClientMode(true);
            SSLParameters p = s.getSSLParameters();
            if (!noVerify) {
                p.setEndpointIdentificationAlgorithm("HTTPS");
            }
            if (!host.matches("[0-9.]+|.*:.*")) {
                p.setServerNames(List.of(new SNIHostName(host)));
            }
            s.setSSLParameters(p);
            s.setSoTimeout(30_000);
            s.startHandshake();
        } catch (IOException e) {
            close(s != null ? s : raw);
            throw new AuthException(ErrorNumber.AUTH_FAILED, ErrorDomain.RPC,
                    "Failed to verify peer's certificate (" + host + ":" + port + "): " + reason(e));
        }
        try {
            int confirm = s.getInputStream().read();
            if (confirm != 1) {
                throw new IOException(confirm < 0 ? "connection closed" : "unexpected byte " + confirm);
            }
            s.setSoTimeout(0);
            return new Transport(s.getInputStream(), s.getOutputStream(), s, host + ":" + port + " (TLS)");
        } catch (IOException e) {
            close(s);
            throw new LibvirtException(ErrorNumber.RPC, ErrorDomain.RPC,
                    "server verification (of our certificate or IP address) failed: " + reason(e));
        }
    }

    /** A child process whose stdin/stdout are the stream; its stderr goes to ours, as with libvirt. */
    static Transport process(List<String> cmd, String what) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
            Process p = pb.start();
            return new Transport(p.getInputStream(), p.getOutputStream(), () -> {
                p.getOutputStream().close();
                p.destroy();
                try {
                    if (!p.waitFor(2, java.util.concurrent.TimeUnit.SECONDS)) {
                        p.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, what + " (pid " + p.pid() + ")");
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                    "cannot run " + String.join(" ", cmd) + ": " + reason(e), e);
        }
    }

    private static String reason(Exception e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException || (m != null && m.contains("No such file"))) {
            return "No such file or directory";
        }
        if (e instanceof java.net.ConnectException) {
            return "Connection refused";
        }
        return m == null ? e.toString() : m;
    }

    private static void close(java.io.Closeable c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException ignored) {
                // already failing
            }
        }
    }

    /** Blocking reads without the lock Channels.newInputStream shares with writes. */
    private static InputStream channelIn(SocketChannel ch) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] b = new byte[1];
                return read(b, 0, 1) < 0 ? -1 : b[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : ch.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    private static OutputStream channelOut(SocketChannel ch) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer bb = ByteBuffer.wrap(b, off, len);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
            }
        };
    }

    /**
     * The client's x509 files: with {@code pkipath} all from that directory; otherwise a
     * non-root user's ~/.pki/libvirt files where present, else the system ones
     * (/etc/pki/CA/cacert.pem, /etc/pki/libvirt/clientcert.pem, /etc/pki/libvirt/private/clientkey.pem).
     */
    record TlsFiles(Path caCert, Path clientCert, Path clientKey) {
        static TlsFiles locate(String pkipath) {
            if (pkipath != null) {
                Path d = Path.of(pkipath);
                return new TlsFiles(d.resolve("cacert.pem"), d.resolve("clientcert.pem"), d.resolve("clientkey.pem"));
            }
            Path ca = Path.of("/etc/pki/CA/cacert.pem");
            Path cert = Path.of("/etc/pki/libvirt/clientcert.pem");
            Path key = Path.of("/etc/pki/libvirt/private/clientkey.pem");
            if (!isRoot()) {
                Path user = Path.of(System.getProperty("user.home"), ".pki", "libvirt");
                ca = Files.exists(user.resolve("cacert.pem")) ? user.resolve("cacert.pem") : ca;
                cert = Files.exists(user.resolve("clientcert.pem")) ? user.resolve("clientcert.pem") : cert;
                key = Files.exists(user.resolve("clientkey.pem")) ? user.resolve("clientkey.pem") : key;
            }
            return new TlsFiles(ca, cert, key);
        }

        private static boolean isRoot() {
            try {
                return ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid")) == 0;
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return "root".equals(System.getProperty("user.name"));
            }
        }

        SSLContext context(boolean noVerify) {
            try {
                KeyManager[] km = null;
                if (Files.exists(clientCert) && Files.exists(clientKey)) {
                    KeyStore ks = KeyStore.getInstance("PKCS12");
                    ks.load(null, null);
                    ks.setKeyEntry("client", PemFiles.privateKey(clientKey), new char[0],
                            PemFiles.certificates(clientCert).toArray(new X509Certificate[0]));
                    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    kmf.init(ks, new char[0]);
                    km = kmf.getKeyManagers();
                } else if (Files.exists(clientCert) != Files.exists(clientKey)) {
                    throw new GeneralSecurityException("found " + (Files.exists(clientCert) ? clientCert : clientKey)
                            + " but not " + (Files.exists(clientCert) ? clientKey : clientCert));
                }
                TrustManager[] tm;
                if (noVerify) {
                    tm = new TrustManager[] {new AnyServer()};
                } else {
                    if (!Files.exists(caCert)) {
                        throw new GeneralSecurityException("Cannot access CA certificate '" + caCert
                                + "': No such file or directory");
                    }
                    KeyStore ts = KeyStore.getInstance("PKCS12");
                    ts.load(null, null);
                    List<X509Certificate> cas = new ArrayList<>(PemFiles.certificates(caCert));
                    for (int i = 0; i < cas.size(); i++) {
                        ts.setCertificateEntry("ca" + i, cas.get(i));
                    }
                    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                    tmf.init(ts);
                    tm = tmf.getTrustManagers();
                }
                SSLContext ctx = SSLContext.getInstance("TLS");
                ctx.init(km, tm, null);
                return ctx;
            } catch (IOException | GeneralSecurityException e) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.RPC,
                        "unable to load TLS credentials: " + e.getMessage(), e);
            }
        }
    }

    /** no_verify=1: the server's certificate is not checked (ours still is, by the server). */
    private static final class AnyServer implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            throw new UnsupportedOperationException("client side only");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // accepted unchecked, as asked
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
