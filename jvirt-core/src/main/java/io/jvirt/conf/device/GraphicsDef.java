package io.jvirt.conf.device;

/**
 * A {@code <graphics>} device.
 *
 * @param type     "vnc" or "spice"
 * @param port     the port (-1 = automatic), or null
 * @param autoport whether the port is allocated automatically, or null
 * @param listen   the listen address, or null
 * @param socket   a UNIX socket path for VNC, or null
 * @param passwd   the password (written only with the secure flag), or null
 * @param keymap   the keymap, or null
 */
public record GraphicsDef(String type, Integer port, Boolean autoport, String listen, String socket, String passwd,
                          String keymap) {
    /** The same device with the port the driver allocated. */
    public GraphicsDef withPort(int p) {
        return new GraphicsDef(type, p, autoport, listen, socket, passwd, keymap);
    }

    /** Whether the driver picks the port: autoport='yes', or no usable port given. */
    public boolean needsPort() {
        return type.equals("vnc") && socket == null && (Boolean.TRUE.equals(autoport) || port == null || port < 5900);
    }
}
