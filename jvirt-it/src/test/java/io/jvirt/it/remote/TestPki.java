package io.jvirt.it.remote;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;

/** Test x509 material made with BouncyCastle, written in libvirt's pki layout. */
final class TestPki {
    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    /** A key and its certificate. */
    record Issued(KeyPair key, X509Certificate cert) {
    }

    private TestPki() {
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    static Issued ca(String cn) throws Exception {
        KeyPair k = rsa();
        X500Name name = new X500Name("CN=" + cn + ",O=jvirt tests");
        X509v3CertificateBuilder b = builder(name, name, k);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        return new Issued(k, sign(b, k));
    }

    /** A server certificate for 127.0.0.1 and localhost. */
    static Issued server(Issued ca) throws Exception {
        KeyPair k = rsa();
        X509v3CertificateBuilder b = builder(subject(ca), new X500Name("CN=localhost,O=jvirt tests"), k);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
            new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")}));
        return new Issued(k, sign(b, ca.key()));
    }

    static Issued client(Issued ca, String cn) throws Exception {
        KeyPair k = rsa();
        X509v3CertificateBuilder b = builder(subject(ca), new X500Name("CN=" + cn + ",O=jvirt tests"), k);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
        return new Issued(k, sign(b, ca.key()));
    }

    /** jvirtd's / libvirtd's layout: cacert.pem, servercert.pem, private/serverkey.pem. */
    static Path writeServer(Path dir, Issued ca, Issued server) throws IOException {
        Files.createDirectories(dir.resolve("private"));
        Files.writeString(dir.resolve("cacert.pem"), pem(ca.cert()));
        Files.writeString(dir.resolve("servercert.pem"), pem(server.cert()));
        Files.writeString(dir.resolve("private/serverkey.pem"), pem(server.key()));
        return dir;
    }

    /** A client's pkipath: cacert.pem (whom to trust), clientcert.pem, clientkey.pem (PKCS#1, as certtool writes). */
    static Path writeClient(Path dir, X509Certificate trusted, Issued client) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cacert.pem"), pem(trusted));
        Files.writeString(dir.resolve("clientcert.pem"), pem(client.cert()));
        Files.writeString(dir.resolve("clientkey.pem"), pem(client.key()));
        return dir;
    }

    private static X500Name subject(Issued ca) throws Exception {
        return new X509CertificateHolder(ca.cert().getEncoded()).getSubject();
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair k) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(2))), subject, k.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, KeyPair signer) throws Exception {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(signer.getPrivate())));
    }

    private static String pem(Object o) throws IOException {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter p = new JcaPEMWriter(w)) {
            p.writeObject(o instanceof KeyPair kp ? kp : o);
        }
        return w.toString();
    }
}
