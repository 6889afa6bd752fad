package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The reply to {@code query-balloon}.
 *
 * @param actualBytes the guest's memory as the balloon currently sets it, in bytes
 */
public record QmpBalloonInfo(long actualBytes) {

    static QmpBalloonInfo fromJson(JsonNode node) {
        return new QmpBalloonInfo(Replies.number(node, "actual"));
    }
}
