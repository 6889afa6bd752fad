package io.jvirt.qemu.qmp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One character device from {@code query-chardev}.
 *
 * @param label        the chardev's id, e.g. {@code charserial0}
 * @param filename     QEMU's description of the backend, e.g. {@code pty:/dev/pts/3} or
 *                     {@code unix:/run/x.sock,server=on}
 * @param frontendOpen whether a device has the chardev open
 */
public record QmpChardev(String label, String filename, boolean frontendOpen) {

    private static final String PTY_PREFIX = "pty:";

    public QmpChardev {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(filename, "filename");
    }

    /** For a pty backend, the pty's path (e.g. {@code /dev/pts/3}): what libvirt reports as the source. */
    public Optional<String> ptyPath() {
        return filename.startsWith(PTY_PREFIX) ? Optional.of(filename.substring(PTY_PREFIX.length())) : Optional.empty();
    }

    static QmpChardev fromJson(JsonNode node) {
        return new QmpChardev(Replies.text(node, "label"), Replies.text(node, "filename"),
                Replies.optBool(node, "frontend-open", false));
    }
}
