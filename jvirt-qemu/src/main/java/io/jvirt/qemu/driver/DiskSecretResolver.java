package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.SecretDef;
import io.jvirt.conf.device.BackingStoreDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskSourceDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.qemu.command.DiskSecrets;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Looks up the secrets a domain's disks refer to ({@code <auth><secret type='iscsi|ceph' uuid|usage/>}
 * and {@code <encryption><secret type='passphrase' uuid/>}) in the driver's {@link SecretStore} and
 * encrypts each value, as libvirt 9.0 does, with AES-256-CBC under the domain's master key and a
 * fresh random IV. Errors are libvirt's: no such secret (VIR_ERR_NO_SECRET), a secret of another
 * usage type (VIR_ERR_INVALID_ARG), a secret without a value (VIR_ERR_NO_SECRET).
 */
final class DiskSecretResolver {
    static final int MASTER_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private DiskSecretResolver() {
    }

    /** A new random master key. */
    static byte[] newMasterKey() {
        byte[] k = new byte[MASTER_KEY_BYTES];
        RANDOM.nextBytes(k);
        return k;
    }

    /** Whether any disk of {@code def} refers to a secret. */
    static boolean needed(DomainDef def) {
        for (DiskDef d : def.devices().disks()) {
            if (d.encryption() != null) {
                return true;
            }
            for (DiskSourceDef s = d.sourceDef(); s != null; s = next(s)) {
                if (s.auth() != null) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DiskSourceDef next(DiskSourceDef s) {
        BackingStoreDef b = s.backingStore();
        return b == null || b.type() == null ? null : b.source();
    }

    /** The encrypted secrets of every disk, for a master key QEMU will read from {@code masterKeyFile}. */
    static DiskSecrets resolve(DomainDef def, SecretStore store, byte[] masterKey, Path masterKeyFile) {
        if (!needed(def)) {
            return DiskSecrets.NONE;
        }
        Map<String, DiskSecrets.Encrypted> values = new LinkedHashMap<>();
        for (DiskDef d : def.devices().disks()) {
            for (DiskSourceDef s = d.sourceDef(); s != null; s = next(s)) {
                DiskSourceDef.Auth a = s.auth();
                if (a != null) {
                    UUID uuid = a.secretUuid() != null ? find(store, a.secretUuid(), a.secretType())
                            : store.lookupByUsage(SecretDef.USAGE_TYPES.indexOf(a.secretType()), a.secretUsage()).uuid();
                    values.put(DiskSecrets.authKey(a), encrypt(value(store, uuid), masterKey));
                }
            }
            if (d.encryption() != null) {
                UUID uuid = find(store, d.encryption(), "volume");
                values.put(DiskSecrets.encryptionKey(d.encryption()), encrypt(value(store, uuid), masterKey));
            }
        }
        return new DiskSecrets(masterKeyFile, values);
    }

    private static UUID find(SecretStore store, String text, String usageType) {
        UUID uuid;
        try {
            uuid = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw noSecret("no secret with matching uuid '" + text + "'");
        }
        SecretDef def = store.definition(uuid);
        if (def == null) {
            throw noSecret("no secret with matching uuid '" + text + "'");
        }
        String actual = def.usage() == null ? "none" : def.usage().type();
        if (!actual.equals(usageType)) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.SECRET, "secret with uuid " + uuid
                    + " is of type '" + actual + "' not expected '" + usageType + "' type");
        }
        return uuid;
    }

    private static byte[] value(SecretStore store, UUID uuid) {
        byte[] v = store.internalValue(uuid);
        if (v == null) {
            throw noSecret("secret '" + uuid + "' does not have a value");
        }
        return v;
    }

    /** AES-256-CBC with PKCS#7 padding (what QEMU's secret object decrypts), random IV. */
    static DiskSecrets.Encrypted encrypt(byte[] value, byte[] masterKey) {
        byte[] iv = new byte[16];
        RANDOM.nextBytes(iv);
        try {
            Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(masterKey, "AES"), new IvParameterSpec(iv));
            byte[] data = c.doFinal(value);
            return new DiskSecrets.Encrypted(Base64.getEncoder().encodeToString(data),
                    Base64.getEncoder().encodeToString(iv));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        } finally {
            java.util.Arrays.fill(value, (byte) 0);
        }
    }

    private static NoSuchObjectException noSecret(String msg) {
        return new NoSuchObjectException(ErrorNumber.NO_SECRET, ErrorDomain.SECRET, msg);
    }

}
