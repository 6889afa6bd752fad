package io.jvirt.rpc.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the PEM files of libvirt's pki layout: certificates, PKCS#8 keys and PKCS#1 RSA keys. */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private PemFiles() {
    }

    public static List<X509Certificate> certificates(Path file) throws IOException, GeneralSecurityException {
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        List<X509Certificate> certs = new ArrayList<>();
        Matcher m = BLOCK.matcher(Files.readString(file));
        while (m.find()) {
            if (m.group(1).equals("CERTIFICATE") || m.group(1).equals("X509 CERTIFICATE")) {
                certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(base64(m.group(2)))));
            }
        }
        if (certs.isEmpty()) {
            throw new GeneralSecurityException("no certificate in " + file);
        }
        return certs;
    }

    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        Matcher m = BLOCK.matcher(Files.readString(file));
        while (m.find()) {
            byte[] der = base64(m.group(2));
            if (m.group(1).equals("PRIVATE KEY")) {
                GeneralSecurityException last = null;
                for (String alg : List.of("RSA", "EC", "Ed25519", "Ed448")) {
                    try {
                        return KeyFactory.getInstance(alg).generatePrivate(new PKCS8EncodedKeySpec(der));
                    } catch (GeneralSecurityException e) {
                        last = e;
                    }
                }
                throw last;
            }
            if (m.group(1).equals("RSA PRIVATE KEY")) {
                return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(rsaToPkcs8(der)));
            }
        }
        throw new GeneralSecurityException("no PKCS#8 or RSA private key in " + file
                + " (an encrypted or SEC1 EC key must be converted with openssl pkcs8 -nocrypt)");
    }

    /** PKCS#8 PrivateKeyInfo = SEQUENCE { INTEGER 0, AlgorithmIdentifier rsaEncryption, OCTET STRING pkcs1 }. */
    private static byte[] rsaToPkcs8(byte[] pkcs1) {
        byte[] rsaAlgorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] versionZero = {0x02, 0x01, 0x00};
        byte[] key = tlv(0x04, pkcs1);
        byte[] seq = new byte[versionZero.length + rsaAlgorithm.length + key.length];
        System.arraycopy(versionZero, 0, seq, 0, versionZero.length);
        System.arraycopy(rsaAlgorithm, 0, seq, versionZero.length, rsaAlgorithm.length);
        System.arraycopy(key, 0, seq, versionZero.length + rsaAlgorithm.length, key.length);
        return tlv(0x30, seq);
    }

    private static byte[] tlv(int tag, byte[] value) {
        int n = value.length;
        int lenBytes = n < 0x80 ? 0 : n < 0x100 ? 1 : n < 0x10000 ? 2 : 3;
        byte[] out = new byte[2 + lenBytes + n];
        out[0] = (byte) tag;
        if (lenBytes == 0) {
            out[1] = (byte) n;
        } else {
            out[1] = (byte) (0x80 | lenBytes);
            for (int i = 0; i < lenBytes; i++) {
                out[2 + i] = (byte) (n >> (8 * (lenBytes - 1 - i)));
            }
        }
        System.arraycopy(value, 0, out, 2 + lenBytes, n);
        return out;
    }

    private static byte[] base64(String body) {
        return Base64.getMimeDecoder().decode(body.trim());
    }
}
