package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * The medium in a block device, the {@code inserted} member of {@code query-block}.
 *
 * @param nodeName         the top node's name, or null
 * @param file             the image's file name as QEMU sees it (may be a JSON pseudo-filename)
 * @param readOnly         whether the medium is read-only
 * @param driver           the top node's format driver, e.g. {@code qcow2}, {@code raw}
 * @param encrypted        whether the image is encrypted
 * @param backingFile      the backing file, or null
 * @param virtualSizeBytes the guest-visible size, or null when QEMU omits the image info
 */
public record QmpBlockInserted(String nodeName, String file, boolean readOnly, String driver, boolean encrypted,
                               String backingFile, Long virtualSizeBytes) {

    public QmpBlockInserted {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(driver, "driver");
    }

    static QmpBlockInserted fromJson(JsonNode node) {
        JsonNode image = Replies.optObject(node, "image");
        return new QmpBlockInserted(Replies.optText(node, "node-name", null), Replies.text(node, "file"),
                Replies.bool(node, "ro"), Replies.text(node, "drv"), Replies.optBool(node, "encrypted", false),
                Replies.optText(node, "backing_file", null),
                image == null ? null : Replies.optNumber(image, "virtual-size"));
    }
}
