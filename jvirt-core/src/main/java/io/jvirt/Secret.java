package io.jvirt;

import java.util.UUID;

/**
 * A secret (libvirt's {@code virSecret}): a value such as a disk passphrase, described by secret
 * XML and looked up by UUID or by usage. Obtained from a {@link Connect}; cheap, immutable.
 */
public final class Secret {
    private final Connect conn;
    private final SecretRef ref;

    Secret(Connect conn, SecretRef ref) {
        this.conn = conn;
        this.ref = ref;
    }

    public SecretRef ref() {
        return ref;
    }

    public UUID getUUID() {
        return ref.uuid();
    }

    public String getUUIDString() {
        return ref.uuid().toString();
    }

    /** {@code VIR_SECRET_USAGE_TYPE_*}. */
    public int getUsageType() {
        return ref.usageType();
    }

    public String getUsageID() {
        return ref.usageId();
    }

    public String getXMLDesc(int flags) {
        return conn.driver().secretGetXMLDesc(ref, flags);
    }

    /** The value; refused for a private secret (VIR_ERR_INVALID_SECRET) or one without a value (VIR_ERR_NO_SECRET). */
    public byte[] getValue(int flags) {
        return conn.driver().secretGetValue(ref, flags);
    }

    public void setValue(byte[] value, int flags) {
        conn.driver().secretSetValue(ref, value, flags);
    }

    public void undefine() {
        conn.driver().secretUndefine(ref);
    }

    @Override
    public String toString() {
        return "Secret[" + ref.uuid() + "]";
    }
}
