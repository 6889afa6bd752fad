package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * An asynchronous message from QEMU: {@code {"event": NAME, "data": {...}, "timestamp":
 * {"seconds": S, "microseconds": U}}}.
 *
 * <p>Every event reaches the sink, known or not; {@link #type()} tells the known ones apart and
 * {@link #decode()} turns them into typed data.
 *
 * <p>{@code data} is a fresh tree owned by this event (empty when QEMU sent none). Jackson nodes are
 * mutable: treat it as read-only, and copy it before changing it.
 *
 * @param name         the event's name, e.g. {@code SHUTDOWN}
 * @param data         the event's data, never null
 * @param seconds      QEMU's timestamp, seconds since the epoch (-1 when QEMU could not read its clock)
 * @param microseconds microseconds within that second (-1 likewise)
 */
public record QmpEvent(String name, ObjectNode data, long seconds, long microseconds) {

    public QmpEvent {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(data, "data");
    }

    /** The event as a known type, or empty when the driver does not act on it. */
    public Optional<QmpEventType> type() {
        return QmpEventType.fromWire(name);
    }

    /** Whether this is an event of type {@code type}. */
    public boolean is(QmpEventType type) {
        return name.equals(type.wire());
    }

    /** QEMU's timestamp as an instant (the epoch when QEMU sent -1). */
    public Instant timestamp() {
        return seconds < 0 || microseconds < 0 ? Instant.EPOCH : Instant.ofEpochSecond(seconds, microseconds * 1000);
    }

    /** The typed data; lenient: members QEMU left out take empty values. */
    public QmpEventData decode() {
        return QmpEventData.of(this);
    }

    /** Decodes an event message; {@code msg} must have a textual {@code event} member. */
    static QmpEvent fromJson(JsonNode msg) {
        JsonNode data = msg.get("data");
        ObjectNode obj = data instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        JsonNode ts = msg.path("timestamp");
        return new QmpEvent(msg.get("event").textValue(), obj,
                ts.path("seconds").asLong(-1), ts.path("microseconds").asLong(-1));
    }
}
