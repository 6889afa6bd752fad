package io.jvirt;

import java.util.Objects;
import java.util.UUID;

/**
 * A secret's identity as it travels between layers and on the wire ({@code remote_nonnull_secret}):
 * its UUID and its usage. Drivers look secrets up by UUID.
 *
 * @param uuid      the secret's UUID
 * @param usageType {@code VIR_SECRET_USAGE_TYPE_*}: 0 none, 1 volume, 2 ceph, 3 iscsi, 4 tls, 5 vtpm
 * @param usageId   the usage's id (volume path, ceph or tls name, iscsi target), "" for none
 */
public record SecretRef(UUID uuid, int usageType, String usageId) {
    public SecretRef {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(usageId, "usageId");
    }
}
