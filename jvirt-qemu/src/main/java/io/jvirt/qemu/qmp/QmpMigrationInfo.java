package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reply to {@code query-migrate}. Every member is absent until a migration has been started,
 * so each may be null.
 *
 * @param status             e.g. {@code setup}, {@code active}, {@code completed}, {@code failed},
 *                           {@code cancelled}; null when no migration has run
 * @param totalTimeMs        milliseconds since the migration started
 * @param expectedDowntimeMs the expected downtime in milliseconds (while active)
 * @param downtimeMs         the actual downtime in milliseconds (when completed)
 * @param setupTimeMs        the setup time in milliseconds
 * @param errorDesc          why the migration failed
 * @param ram                RAM progress
 */
public record QmpMigrationInfo(String status, Long totalTimeMs, Long expectedDowntimeMs, Long downtimeMs,
                               Long setupTimeMs, String errorDesc, QmpMigrationRam ram) {

    static QmpMigrationInfo fromJson(JsonNode node) {
        JsonNode ram = Replies.optObject(node, "ram");
        return new QmpMigrationInfo(Replies.optText(node, "status", null), Replies.optNumber(node, "total-time"),
                Replies.optNumber(node, "expected-downtime"), Replies.optNumber(node, "downtime"),
                Replies.optNumber(node, "setup-time"), Replies.optText(node, "error-desc", null),
                ram == null ? null : QmpMigrationRam.fromJson(ram));
    }
}
