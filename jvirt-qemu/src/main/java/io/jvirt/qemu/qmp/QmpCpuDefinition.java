package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * One CPU model from {@code query-cpu-definitions}.
 *
 * @param name                e.g. {@code qemu64}
 * @param typename            its QOM type, e.g. {@code qemu64-x86_64-cpu}, or null if QEMU omits it
 * @param unavailableFeatures features that keep the model from running with the current accelerator;
 *                            empty when it can run
 * @param isStatic            whether the model's definition never changes between QEMU versions
 * @param migrationSafe       whether the model is migration-safe, or null when QEMU does not say
 * @param deprecated          whether the model is deprecated
 * @param aliasOf             the versioned model this name is an alias of, or null
 */
public record QmpCpuDefinition(String name, String typename, List<String> unavailableFeatures, boolean isStatic,
                               Boolean migrationSafe, boolean deprecated, String aliasOf) {

    public QmpCpuDefinition {
        Objects.requireNonNull(name, "name");
        unavailableFeatures = List.copyOf(unavailableFeatures);
    }

    /** Whether the model can run with the accelerator QEMU was started with. */
    public boolean usable() {
        return unavailableFeatures.isEmpty();
    }

    static QmpCpuDefinition fromJson(JsonNode node) {
        return new QmpCpuDefinition(Replies.text(node, "name"), Replies.optText(node, "typename", null),
                Replies.optTextList(node, "unavailable-features"), Replies.optBool(node, "static", false),
                Replies.optBoolean(node, "migration-safe"), Replies.optBool(node, "deprecated", false),
                Replies.optText(node, "alias-of", null));
    }
}
