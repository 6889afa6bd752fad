package io.jvirt.conf.device;

import java.util.Objects;

/**
 * A character device: {@code <serial>}, {@code <console>}, {@code <channel>} or {@code <parallel>}.
 *
 * @param kind       which element
 * @param type       source type: "pty", "file", "unix", "tcp", "udp", "stdio", "null", "spicevmc"
 * @param path       the pty path (live), file or socket path, or null
 * @param mode       "bind" or "connect" for sockets, or null
 * @param host       host for tcp/udp, or null
 * @param service    port for tcp/udp, or null
 * @param targetType "isa-serial", "serial", "virtio", "virtio-serial" ..., or null until post-parse
 * @param targetPort the port number, or null until post-parse
 * @param targetName the channel name (virtio channels), or null
 * @param logFile    {@code <log file=...>}: a file that receives a copy of the output, or null
 * @param logAppend  {@code <log append=...>}, or null
 * @param alias      alias ("serial0"), or null until post-parse
 * @param protocol   {@code <protocol type='raw|telnet|telnets|tls'/>} of a tcp source, or null
 */
public record ChrDef(Kind kind, String type, String path, String mode, String host, String service,
                     String targetType, Integer targetPort, String targetName, String logFile, Boolean logAppend,
                     String alias, String protocol) {
    public ChrDef {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
    }

    public ChrDef(Kind kind, String type, String path, String mode, String host, String service, String targetType,
                  Integer targetPort, String targetName, String logFile, Boolean logAppend, String alias) {
        this(kind, type, path, mode, host, service, targetType, targetPort, targetName, logFile, logAppend, alias,
                null);
    }

    /** The element a character device is written as. */
    public enum Kind {
        SERIAL("serial"), CONSOLE("console"), CHANNEL("channel"), PARALLEL("parallel");

        private final String xml;

        Kind(String xml) {
            this.xml = xml;
        }

        public String xml() {
            return xml;
        }
    }

    public ChrDef withTarget(String newType, Integer newPort, String newAlias) {
        return new ChrDef(kind, type, path, mode, host, service, newType, newPort, targetName, logFile, logAppend,
                newAlias, protocol);
    }

    public ChrDef withPath(String newPath) {
        return new ChrDef(kind, type, newPath, mode, host, service, targetType, targetPort, targetName, logFile,
                logAppend, alias, protocol);
    }
}
