package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The reply to {@code query-status}.
 *
 * @param status  QEMU's run state, e.g. {@code prelaunch} (started with {@code -S}), {@code running},
 *                {@code paused}, {@code shutdown}, {@code internal-error}, {@code guest-panicked}
 * @param running whether the vCPUs are running
 */
public record QmpStatus(String status, boolean running) {

    public QmpStatus {
        Objects.requireNonNull(status, "status");
    }

    static QmpStatus fromJson(JsonNode node) {
        return new QmpStatus(Replies.text(node, "status"), Replies.bool(node, "running"));
    }
}
