package io.jvirt.it.remote;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.LifecycleDetail;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * qemu+tls against bin/jvirtd --listen with generated x509 material: a client certificate from
 * the daemon's CA is accepted, one from another CA refused; the server's certificate is checked
 * against the client's CA and the host unless no_verify=1. The real virsh connects the same way.
 */
@Tag("qemu")
class RemoteTlsIT {
    @TempDir
    Path tmp;
    Daemons.Running jvirtd;
    int port;
    TestPki.Issued ca;
    TestPki.Issued otherCa;

    @BeforeEach
    void start(org.junit.jupiter.api.TestInfo info) throws Exception {
        ca = TestPki.ca("jvirt test CA");
        otherCa = TestPki.ca("some other CA");
        Path serverPki = TestPki.writeServer(tmp.resolve("server-pki"), ca, TestPki.server(ca));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path conf = tmp.resolve("jvirtd.conf");
        Files.writeString(conf, """
                listen_tls = 1
                tls_port = %d
                listen_addr = "127.0.0.1"
                pki_dir = "%s"
                """.formatted(port, serverPki));
        // the virsh test reads the JDK's handshake trace to see which TLS version was negotiated
        Map<String, String> env = info.getTestMethod().orElseThrow().getName().equals("realVirshOverTls")
                ? Map.of("JVIRT_JAVA_OPTS", "-Djavax.net.debug=ssl:handshake") : Map.of();
        jvirtd = Daemons.jvirtd(tmp, env, "--config", conf.toString(), "--listen");
        TestGuest.await(() -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(30), "jvirtd's TLS port " + port);
    }

    @AfterEach
    void stop() {
        if (jvirtd != null) {
            jvirtd.stop();
        }
    }

    private String uri(String host, Path pki, String extra) {
        return "qemu+tls://" + host + ":" + port + "/session?pkipath=" + pki + extra;
    }

    @Test
    void clientCertificateFromTheCaIsAccepted() throws Exception {
        Path pki = TestPki.writeClient(tmp.resolve("client"), ca.cert(), TestPki.client(ca, "good client"));
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (Connect c = Connect.open(uri("127.0.0.1", pki, ""))) {
            assertEquals("QEMU", c.getType());
            c.addDomainEventListener(events::add);
            Domain d = c.defineXML(TestGuest.xml("tls", tmp.resolve("serial.log")));
            assertEquals("tls", c.lookupByName("tls").getName());
            d.undefine();
            TestGuest.await(() -> events.size() >= 2, Duration.ofSeconds(10), "events " + events);
            assertEquals(List.of(LifecycleDetail.DEFINED_ADDED, LifecycleDetail.UNDEFINED_REMOVED),
                    events.stream().map(e -> ((DomainEvent.Lifecycle) e).detail()).toList());
        }
        try (Connect c = Connect.open(uri("localhost", pki, ""))) {
            assertEquals(List.of(), c.listAllDomains(0), "the certificate also names localhost");
        }
    }

    @Test
    void clientCertificateFromAnotherCaIsRefused() throws Exception {
        Path pki = TestPki.writeClient(tmp.resolve("bad-client"), ca.cert(), TestPki.client(otherCa, "intruder"));
        LibvirtException e = assertThrows(LibvirtException.class, () -> Connect.open(uri("127.0.0.1", pki, "")));
        assertTrue(e.getMessage().contains("server verification (of our certificate or IP address) failed")
                || e.number() == ErrorNumber.AUTH_FAILED, e.toString());
        assertTrue(jvirtd.process().isAlive());
    }

    @Test
    void serverCertificateIsCheckedUnlessNoVerify() throws Exception {
        // trusts another CA: the daemon's certificate does not verify
        Path pki = TestPki.writeClient(tmp.resolve("wrong-trust"), otherCa.cert(), TestPki.client(ca, "client"));
        LibvirtException e = assertThrows(LibvirtException.class, () -> Connect.open(uri("127.0.0.1", pki, "")));
        assertEquals(ErrorNumber.AUTH_FAILED, e.number(), e.toString());
        try (Connect c = Connect.open(uri("127.0.0.1", pki, "&no_verify=1"))) {
            assertEquals("QEMU", c.getType());
        }
    }

    @Test
    void realVirshOverTls() throws Exception {
        Path pki = TestPki.writeClient(tmp.resolve("virsh-client"), ca.cert(), TestPki.client(ca, "virsh"));
        Process p = new ProcessBuilder("virsh", "-c", uri("127.0.0.1", pki, ""), "uri")
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + "\n--- jvirtd:\n" + jvirtd.logText());
        assertEquals(uri("127.0.0.1", pki, "") + "\n\n", out);
        // GnuTLS (virsh) answers a TLS 1.3 certificate request with its certificate (jvirtd's
        // request names no CA, see NoHintTrustManager)
        assertTrue(jvirtd.logText().contains("Negotiated protocol version: TLSv1.3"), "TLS 1.3 was used");
    }
}
