package io.jvirt.qemu.command;

import io.jvirt.conf.device.DiskSourceDef;

import java.nio.file.Path;
import java.util.Map;

/**
 * The secrets a domain's disks need on the command line (network {@code <auth>} passwords and keys,
 * LUKS passphrases), already looked up and encrypted by the driver, as libvirt 9.0 passes them:
 * a {@code masterKey0} secret object reads a random 32-byte key from a 0600 file in the domain's
 * private directory, and each secret goes as {@code -object secret} with its value AES-256-CBC
 * encrypted under that key ({@code data}, {@code iv}, base64). The plain secret never reaches the
 * command line. Immutable.
 *
 * @param masterKeyFile the master key file QEMU reads, or null when no disk needs a secret
 * @param values        encrypted values by {@link #authKey}/{@link #encryptionKey}
 */
public record DiskSecrets(Path masterKeyFile, Map<String, Encrypted> values) {
    public static final DiskSecrets NONE = new DiskSecrets(null, Map.of());
    static final String MASTER_KEY_ID = "masterKey0";

    public DiskSecrets {
        values = Map.copyOf(values);
    }

    /** A secret value encrypted under the master key: base64 ciphertext and initialization vector. */
    public record Encrypted(String data, String iv) {
    }

    /** The key of an {@code <auth><secret uuid|usage/>} reference. */
    public static String authKey(DiskSourceDef.Auth a) {
        return a.secretUuid() != null ? "uuid:" + a.secretUuid() : "usage:" + a.secretType() + ":" + a.secretUsage();
    }

    /** The key of an {@code <encryption><secret type='passphrase' uuid/>} reference. */
    public static String encryptionKey(String uuid) {
        return "uuid:" + uuid;
    }

    Encrypted get(String key) {
        Encrypted e = values.get(key);
        if (e == null || masterKeyFile == null) {
            throw new IllegalStateException("disk secret " + key + " was not resolved before building the argv");
        }
        return e;
    }

    /** {@code -object secret} for the master key. */
    JsonProps masterKeyObject() {
        return JsonProps.builder().put("qom-type", "secret").put("id", MASTER_KEY_ID).put("format", "raw")
                .put("file", masterKeyFile.toString()).build();
    }

    /** {@code -object secret} with the encrypted value of {@code key}. */
    JsonProps secretObject(String id, String key) {
        Encrypted e = get(key);
        return JsonProps.builder().put("qom-type", "secret").put("id", id).put("data", e.data())
                .put("keyid", MASTER_KEY_ID).put("iv", e.iv()).put("format", "base64").build();
    }
}
