package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One block backend from {@code query-block}.
 *
 * @param device    the legacy drive name; {@code ""} for devices set up with {@code -blockdev}
 * @param qdev      the device's id or QOM path (e.g. {@code /machine/peripheral/virtio-disk0/virtio-backend}),
 *                  or null when no device uses the backend
 * @param removable whether the medium is removable (CD-ROM, floppy)
 * @param locked    whether the guest locked the medium in
 * @param trayOpen  whether the tray is open; null for devices without a tray
 * @param ioStatus  {@code ok}, {@code failed} or {@code nospace}; null when I/O status is not tracked
 * @param inserted  the medium, or null when the drive is empty
 */
public record QmpBlockInfo(String device, String qdev, boolean removable, boolean locked, Boolean trayOpen,
                           String ioStatus, QmpBlockInserted inserted) {

    public QmpBlockInfo {
        Objects.requireNonNull(device, "device");
    }

    static QmpBlockInfo fromJson(JsonNode node) {
        JsonNode inserted = Replies.optObject(node, "inserted");
        return new QmpBlockInfo(Replies.text(node, "device"), Replies.optText(node, "qdev", null),
                Replies.bool(node, "removable"), Replies.bool(node, "locked"), Replies.optBoolean(node, "tray_open"),
                Replies.optText(node, "io-status", null),
                inserted == null ? null : QmpBlockInserted.fromJson(inserted));
    }
}
