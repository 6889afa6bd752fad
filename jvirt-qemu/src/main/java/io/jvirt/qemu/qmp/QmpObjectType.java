package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One QOM type from {@code qom-list-types}.
 *
 * @param name       e.g. {@code virtio-blk-pci}
 * @param parent     the parent type, or null when QEMU omits it
 * @param isAbstract whether the type is abstract (listed only when asked for)
 */
public record QmpObjectType(String name, String parent, boolean isAbstract) {

    public QmpObjectType {
        Objects.requireNonNull(name, "name");
    }

    static QmpObjectType fromJson(JsonNode node) {
        return new QmpObjectType(Replies.text(node, "name"), Replies.optText(node, "parent", null),
                Replies.optBool(node, "abstract", false));
    }
}
