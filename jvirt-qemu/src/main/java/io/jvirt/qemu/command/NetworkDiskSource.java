package io.jvirt.qemu.command;

import io.jvirt.conf.device.DiskSourceDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The protocol node of a {@code <disk type='network'>} layer, as libvirt 9.0 builds it for
 * {@code -blockdev}: nbd (inet or unix server, export), the curl drivers (http, https, ftp, ftps:
 * one URL; QEMU's curl driver comes with the qemu-block-extra package), iscsi (portal, target,
 * lun), rbd (pool, image, monitors), gluster (volume, path, servers) and sheepdog. An
 * {@code <auth>} secret goes by the id of a {@code -object secret} ({@link DiskSecrets}).
 */
final class NetworkDiskSource {
    /** The protocols this builder knows; the validator refuses the others. */
    static final Set<String> PROTOCOLS = Set.of("nbd", "http", "https", "ftp", "ftps", "iscsi", "rbd", "gluster",
            "sheepdog");
    /** Protocols an {@code <auth>} is meaningful for, and the secret usage type each expects. */
    static final Map<String, String> AUTH_USAGE = Map.of("iscsi", "iscsi", "rbd", "ceph");
    private static final Map<String, Integer> DEFAULT_PORT = Map.of("nbd", 10809, "http", 80, "https", 443, "ftp", 21,
            "ftps", 990, "iscsi", 3260, "gluster", 24007, "sheepdog", 7000);

    private NetworkDiskSource() {
    }

    /** Whether a protocol takes exactly one host (the others accept several or none). */
    static boolean singleHost(String protocol) {
        return !protocol.equals("rbd") && !protocol.equals("gluster");
    }

    /** The id of the secret object holding the {@code <auth>} secret of the layer whose storage node is {@code storageNode}. */
    static String authSecretId(String storageNode) {
        return storageNode + "-auth-secret0";
    }

    /** The protocol-specific properties; the caller adds node-name, auto-read-only and discard. */
    static JsonProps.Builder props(DiskSourceDef s, String storageNode) {
        String protocol = s.protocol();
        JsonProps.Builder b = JsonProps.builder().put("driver", protocol);
        List<DiskSourceDef.Host> hosts = s.hosts();
        DiskSourceDef.Auth auth = s.auth();
        switch (protocol) {
            case "nbd" -> {
                b.put("server", server(hosts.getFirst(), protocol, true));
                b.put("export", s.name());
            }
            case "http", "https", "ftp", "ftps" -> b.put("url", url(protocol, hosts.getFirst(), s.name()));
            case "iscsi" -> {
                DiskSourceDef.Host h = hosts.getFirst();
                String name = s.name() == null ? "" : s.name();
                int slash = name.lastIndexOf('/');
                String target = slash < 0 ? name : name.substring(0, slash);
                int lun = slash < 0 ? 0 : Integer.parseInt(name.substring(slash + 1));
                b.put("portal", hostPort(h.name(), port(h, protocol)));
                b.put("target", target).put("lun", lun).put("transport", "tcp");
                if (auth != null) {
                    b.put("user", auth.username()).put("password-secret", authSecretId(storageNode));
                }
            }
            case "rbd" -> {
                String name = s.name() == null ? "" : s.name();
                int slash = name.indexOf('/');
                b.put("pool", name.substring(0, Math.max(slash, 0))).put("image", name.substring(slash + 1));
                if (!hosts.isEmpty()) {
                    List<JsonProps> servers = new ArrayList<>();
                    for (DiskSourceDef.Host h : hosts) {
                        // libvirt 9.0 writes "0" for a monitor without a port (librbd's default)
                        servers.add(JsonProps.builder().put("host", h.name())
                                .put("port", String.valueOf(h.port() == null ? 0 : h.port())).build());
                    }
                    b.put("server", servers);
                }
                if (auth != null) {
                    b.put("user", auth.username()).put("auth-client-required", List.of("cephx", "none"))
                            .put("key-secret", authSecretId(storageNode));
                }
            }
            case "gluster" -> {
                String name = s.name() == null ? "" : s.name();
                int slash = name.indexOf('/');
                b.put("volume", name.substring(0, Math.max(slash, 0))).put("path", name.substring(slash + 1));
                List<JsonProps> servers = new ArrayList<>();
                for (DiskSourceDef.Host h : hosts) {
                    servers.add(server(h, protocol, true));
                }
                b.put("server", servers);
                b.put("debug", 4); // qemu.conf gluster_debug_level's default
            }
            case "sheepdog" -> {
                b.put("server", server(hosts.getFirst(), protocol, true));
                b.put("vdi", s.name());
            }
            default -> throw new IllegalStateException("disk protocol " + protocol + " reached the argv builder");
        }
        return b;
    }

    /** A SocketAddress: {@code {"type":"unix","path"}} or {@code {"type":"inet","host","port"}} (port as a string). */
    private static JsonProps server(DiskSourceDef.Host h, String protocol, boolean typed) {
        JsonProps.Builder b = JsonProps.builder();
        if ("unix".equals(h.transport())) {
            return b.put("type", "unix").put("path", h.socket()).build();
        }
        if (typed) {
            b.put("type", "inet");
        }
        return b.put("host", h.name()).put("port", String.valueOf(port(h, protocol))).build();
    }

    private static int port(DiskSourceDef.Host h, String protocol) {
        return h.port() != null ? h.port() : DEFAULT_PORT.get(protocol);
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** {@code protocol://host:port/name}, the path escaped as a URI path. */
    static String url(String protocol, DiskSourceDef.Host h, String name) {
        String path = name == null ? "" : name;
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        StringBuilder esc = new StringBuilder();
        for (byte c : path.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int ch = c & 0xff;
            if (ch > 0x20 && ch < 0x7f && "?#%\"<>\\^`{|}[] ".indexOf(ch) < 0) {
                esc.append((char) ch);
            } else {
                esc.append('%').append(String.format("%02X", ch));
            }
        }
        return protocol + "://" + hostPort(h.name(), port(h, protocol)) + esc;
    }
}
