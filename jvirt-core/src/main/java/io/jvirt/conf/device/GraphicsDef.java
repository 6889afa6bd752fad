package io.jvirt.conf.device;

/**
 * A {@code <graphics>} device.
 *
 * @param type      "vnc" or "spice"
 * @param port      the port (-1 = automatic), or null
 * @param autoport  whether the port is allocated automatically, or null
 * @param listen    the listen address, or null
 * @param socket    a UNIX socket path for VNC, or null
 * @param passwd    the password (written only with the secure flag), or null
 * @param keymap    the keymap, or null
 * @param websocket the VNC websocket port (-1 = automatic), or null
 * @param tlsPort   the SPICE TLS port, or null
 * @param listenType the type of a {@code <listen>} that carried no value ("address" for the
 *                  default address, "none" for no listener), or null
 * @param spice     SPICE channels and options ({@link SpiceDef#NONE} for VNC or when absent)
 */
public record GraphicsDef(String type, Integer port, Boolean autoport, String listen, String socket, String passwd,
                          String keymap, Integer websocket, Integer tlsPort, String listenType, SpiceDef spice) {
    public GraphicsDef {
        java.util.Objects.requireNonNull(spice, "spice");
    }

    public GraphicsDef(String type, Integer port, Boolean autoport, String listen, String socket, String passwd,
                       String keymap) {
        this(type, port, autoport, listen, socket, passwd, keymap, null, null, null, SpiceDef.NONE);
    }

    /** The same device with the port the driver allocated. */
    public GraphicsDef withPort(int p) {
        return new GraphicsDef(type, p, autoport, listen, socket, passwd, keymap, websocket, tlsPort, listenType, spice);
    }

    /** The same device with the websocket port the driver allocated. */
    public GraphicsDef withWebsocket(int p) {
        return new GraphicsDef(type, port, autoport, listen, socket, passwd, keymap, p, tlsPort, listenType, spice);
    }

    /** The same device listening on a UNIX socket (qemu.conf vnc_auto_unix_socket). */
    public GraphicsDef withSocket(String path) {
        return new GraphicsDef(type, port, autoport, listen, path, passwd, keymap, websocket, tlsPort, listenType,
                spice);
    }

    /** Whether the driver picks the port: autoport='yes', or no usable port given (VNC and SPICE). */
    public boolean needsPort() {
        return (type.equals("vnc") || type.equals("spice")) && socket == null && !"none".equals(listenType)
                && (Boolean.TRUE.equals(autoport) || port == null || port < (type.equals("vnc") ? 5900 : 1));
    }

    /** Whether the driver picks the VNC websocket port ({@code websocket='-1'}). */
    public boolean needsWebsocket() {
        return websocket != null && websocket == -1;
    }
}
