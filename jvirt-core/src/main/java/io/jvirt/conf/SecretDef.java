package io.jvirt.conf;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * A {@code <secret>} document.
 *
 * @param uuid        the UUID (null until defined)
 * @param description free text, or null
 * @param ephemeral   kept only in memory, never written to disk
 * @param isPrivate   its value is never revealed through the API
 * @param usage       what the secret is for, or null
 */
public record SecretDef(UUID uuid, String description, boolean ephemeral, boolean isPrivate, Usage usage) {
    /** libvirt's usage types, in {@code VIR_SECRET_USAGE_TYPE_*} order (none is 0). */
    public static final List<String> USAGE_TYPES = List.of("none", "volume", "ceph", "iscsi", "tls", "vtpm");

    /**
     * {@code <usage type=...>} with its one identifying child: {@code <volume>} for volume,
     * {@code <target>} for iscsi, {@code <name>} for ceph, tls and vtpm.
     */
    public record Usage(String type, String id) {
        public Usage {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(id, "id");
        }

        /** {@code VIR_SECRET_USAGE_TYPE_*}. */
        public int typeNumber() {
            return USAGE_TYPES.indexOf(type);
        }

        /** The child element that carries the id. */
        public String idElement() {
            return switch (type) {
                case "volume" -> "volume";
                case "iscsi" -> "target";
                default -> "name";
            };
        }
    }

    public SecretDef withUuid(UUID u) {
        return new SecretDef(u, description, ephemeral, isPrivate, usage);
    }

    public int usageType() {
        return usage == null ? 0 : usage.typeNumber();
    }

    public String usageId() {
        return usage == null ? "" : usage.id();
    }
}
