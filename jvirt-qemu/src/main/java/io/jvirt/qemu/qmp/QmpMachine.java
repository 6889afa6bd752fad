package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One machine type from {@code query-machines}.
 *
 * @param name             e.g. {@code pc-i440fx-7.2}
 * @param alias            e.g. {@code pc}, or null when the machine has none
 * @param isDefault        whether QEMU uses it when no {@code -machine} is given
 * @param cpuMax           the maximum number of vCPUs
 * @param hotpluggableCpus whether vCPUs can be hot-plugged
 * @param deprecated       whether the machine type is deprecated
 * @param defaultCpuType   the QOM type of the default CPU model, or null
 * @param defaultRamId     the id of the default RAM backend, or null
 */
public record QmpMachine(String name, String alias, boolean isDefault, int cpuMax, boolean hotpluggableCpus,
                         boolean deprecated, String defaultCpuType, String defaultRamId) {

    public QmpMachine {
        Objects.requireNonNull(name, "name");
    }

    static QmpMachine fromJson(JsonNode node) {
        return new QmpMachine(Replies.text(node, "name"), Replies.optText(node, "alias", null),
                Replies.optBool(node, "is-default", false), Replies.integer(node, "cpu-max"),
                Replies.optBool(node, "hotpluggable-cpus", false), Replies.optBool(node, "deprecated", false),
                Replies.optText(node, "default-cpu-type", null), Replies.optText(node, "default-ram-id", null));
    }
}
