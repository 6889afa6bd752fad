package io.jvirt;

import java.util.Objects;
import java.util.UUID;

/**
 * A domain's identity as it travels between layers and on the wire ({@code remote_nonnull_domain}):
 * name, UUID and the id it had when the reference was made (-1 when inactive). Drivers look domains
 * up by UUID; name and id are informational.
 */
public record DomainRef(String name, UUID uuid, int id) {
    public DomainRef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
