package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;

/**
 * The greeting QEMU sends when a client connects:
 * {@code {"QMP": {"version": {...}, "capabilities": ["oob"]}}}.
 *
 * @param version      QEMU's version
 * @param capabilities the protocol capabilities QEMU offers (jvirt enables none of them; in
 *                     particular not {@code oob})
 */
public record QmpGreeting(QmpVersion version, List<String> capabilities) {

    public QmpGreeting {
        Objects.requireNonNull(version, "version");
        capabilities = List.copyOf(capabilities);
    }

    /** Decodes the value of the {@code QMP} member. */
    static QmpGreeting fromJson(JsonNode qmp) {
        return new QmpGreeting(QmpVersion.fromJson(Replies.object(qmp, "version")),
                Replies.optTextList(qmp, "capabilities"));
    }
}
