package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One entry of {@code query-blockstats}: the counters of a device's top node.
 *
 * @param device   the legacy drive name; {@code ""} for devices set up with {@code -blockdev}
 * @param nodeName the node's name, or null
 * @param qdev     the device's id or QOM path, or null
 * @param stats    the counters
 */
public record QmpBlockStats(String device, String nodeName, String qdev, QmpBlockIoStats stats) {

    public QmpBlockStats {
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(stats, "stats");
    }

    static QmpBlockStats fromJson(JsonNode node) {
        return new QmpBlockStats(Replies.optText(node, "device", ""), Replies.optText(node, "node-name", null),
                Replies.optText(node, "qdev", null), QmpBlockIoStats.fromJson(Replies.object(node, "stats")));
    }
}
