package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The typed data of a {@link QmpEvent}: one record per {@link QmpEventType}, plus {@link Other} for
 * the rest. Switch over it without {@code default}, so that a new case fails to compile where it is
 * not handled. The cases live together in this file because they are one union.
 *
 * <p>Decoding is lenient: a member QEMU left out becomes {@code ""}, {@code false}, 0 or
 * {@code null} (for members that are optional in the QAPI schema), never an exception, since an
 * event cannot be refused. Immutable, except for the Jackson trees in {@link GuestPanicked} and
 * {@link Other}, which must be treated as read-only.
 */
public sealed interface QmpEventData {

    record Stop() implements QmpEventData {
    }

    record Resume() implements QmpEventData {
    }

    /**
     * @param guest  true when the guest asked for it (e.g. ACPI poweroff), false when the host did
     * @param reason QEMU's {@code ShutdownCause}, e.g. {@code guest-shutdown}, {@code host-qmp-quit}
     */
    record Shutdown(boolean guest, String reason) implements QmpEventData {
    }

    /**
     * @param guest true when the guest reset itself
     * @param reason QEMU's {@code ShutdownCause}
     */
    record Reset(boolean guest, String reason) implements QmpEventData {
    }

    record Powerdown() implements QmpEventData {
    }

    /**
     * @param action {@code pause}, {@code poweroff} or {@code run}
     * @param info details, or null
     */
    record GuestPanicked(String action, JsonNode info) implements QmpEventData {
    }

    /**
     * @param device    the drive's legacy name, or {@code ""} for -blockdev drives
     * @param nodeName  the node name, or null
     * @param operation {@code read} or {@code write}
     * @param action    {@code ignore}, {@code report} or {@code stop}
     * @param nospace   whether the error was ENOSPC
     * @param reason    QEMU's description of the error
     */
    record BlockIoError(String device, String nodeName, String operation, String action, boolean nospace,
                        String reason) implements QmpEventData {
    }

    /**
     * @param device the device id, or null for devices without one
     * @param path its QOM path
     */
    record DeviceDeleted(String device, String path) implements QmpEventData {
    }

    /** @param actualBytes the guest's memory size as the balloon now sets it */
    record BalloonChange(long actualBytes) implements QmpEventData {
    }

    /**
     * @param offsetSeconds the RTC's offset from the host clock
     * @param qomPath the RTC device, or null
     */
    record RtcChange(long offsetSeconds, String qomPath) implements QmpEventData {
    }

    /** @param action what QEMU did, e.g. {@code reset}, {@code pause}, {@code poweroff} */
    record Watchdog(String action) implements QmpEventData {
    }

    /** @param status the migration status, e.g. {@code active}, {@code completed}, {@code failed} */
    record Migration(String status) implements QmpEventData {
    }

    /**
     * @param device   the drive's legacy name, or {@code ""}
     * @param id       the device's id (or QOM path)
     * @param trayOpen whether the tray is now open
     */
    record DeviceTrayMoved(String device, String id, boolean trayOpen) implements QmpEventData {
    }

    record Suspend() implements QmpEventData {
    }

    record Wakeup() implements QmpEventData {
    }

    /** An event the driver does not act on, as QEMU sent it. */
    record Other(String name, ObjectNode data) implements QmpEventData {
    }

    /** Decodes {@code event}'s data according to its type. */
    static QmpEventData of(QmpEvent event) {
        ObjectNode d = event.data();
        var type = event.type();
        if (type.isEmpty()) {
            return new Other(event.name(), d);
        }
        return switch (type.get()) {
            case STOP -> new Stop();
            case RESUME -> new Resume();
            case SHUTDOWN -> new Shutdown(d.path("guest").asBoolean(false), d.path("reason").asText(""));
            case RESET -> new Reset(d.path("guest").asBoolean(false), d.path("reason").asText(""));
            case POWERDOWN -> new Powerdown();
            case GUEST_PANICKED -> new GuestPanicked(d.path("action").asText(""), d.get("info"));
            case BLOCK_IO_ERROR -> new BlockIoError(d.path("device").asText(""), textOrNull(d, "node-name"),
                    d.path("operation").asText(""), d.path("action").asText(""), d.path("nospace").asBoolean(false),
                    d.path("reason").asText(""));
            case DEVICE_DELETED -> new DeviceDeleted(textOrNull(d, "device"), d.path("path").asText(""));
            case BALLOON_CHANGE -> new BalloonChange(d.path("actual").asLong(0));
            case RTC_CHANGE -> new RtcChange(d.path("offset").asLong(0), textOrNull(d, "qom-path"));
            case WATCHDOG -> new Watchdog(d.path("action").asText(""));
            case MIGRATION -> new Migration(d.path("status").asText(""));
            case DEVICE_TRAY_MOVED -> new DeviceTrayMoved(d.path("device").asText(""), d.path("id").asText(""),
                    d.path("tray-open").asBoolean(false));
            case SUSPEND -> new Suspend();
            case WAKEUP -> new Wakeup();
        };
    }

    private static String textOrNull(JsonNode d, String field) {
        JsonNode v = d.get(field);
        return v != null && v.isTextual() ? v.textValue() : null;
    }
}
