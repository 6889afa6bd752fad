package io.jvirt.qemu.command;

import io.jvirt.conf.device.BackingStoreDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskDriverDef;
import io.jvirt.conf.device.DiskSourceDef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A disk's media as {@code -blockdev} nodes, as libvirt 9.0 builds them: every image of the chain
 * (the disk's source, then each {@code <backingStore>} layer) is a protocol ("storage") node
 * and a format node on top of it, and each format node names the next layer's format node as its
 * {@code backing}; the bottom layer comes first, since a node can only refer to nodes already
 * added. Backing layers are read-only. An explicit empty {@code <backingStore/>} gives
 * {@code "backing":null}. A chain the XML does not describe is detected at start by the driver
 * ({@code DiskChainProbe}) and arrives here described; left undescribed (domxml-to-native, as
 * libvirt's, or a chain leaving local files) it is opened by QEMU from the image header.
 *
 * <p>A {@code <transient/>} disk gets one more layer on top: a qcow2 overlay in the domain's
 * private directory ({@link #transientOverlay}), created by the driver before QEMU starts and
 * deleted when it stops, over the disk's own image opened read-only. Node names come from the
 * disk's alias: {@code libvirt-ALIAS-storage}/{@code -format} for the top layer and
 * {@code libvirt-ALIAS-bN-storage}/{@code -format} for the N-th layer below it (QEMU caps node
 * names at 31 characters: a longer name uses a hash of the alias).
 */
public final class BlockdevChain {
    /** Formats whose images can have a backing file (so a {@code backing} property). */
    private static final Set<String> BACKING_FORMATS = Set.of("qcow2", "qcow", "qed", "vmdk");

    private BlockdevChain() {
    }

    /**
     * One image of the chain.
     *
     * @param encryption the LUKS passphrase secret UUID, or null
     * @param end        for the bottom layer: the chain's terminator (null: undescribed, left to QEMU)
     */
    record Layer(String type, String format, DiskSourceDef source, String encryption, String storageNode,
                 String formatNode, BackingStoreDef end) {
    }

    /** QEMU refuses node names of 32 characters or more. */
    private static final int NODE_NAME_MAX = 31;

    static String storageNode(DiskDef d, int depth) {
        return nodeName(d.alias(), depth, "storage");
    }

    static String formatNode(DiskDef d, int depth) {
        return nodeName(d.alias(), depth, "format");
    }

    /**
     * {@code libvirt-ALIAS-KIND} for the top layer, {@code libvirt-ALIAS-bN-KIND} for the N-th layer
     * below it; a name that would be too long for QEMU takes the alias's hash instead of the alias.
     */
    private static String nodeName(String alias, int depth, String kind) {
        String layer = depth == 0 ? "" : "-b" + depth;
        String name = "libvirt-" + alias + layer + "-" + kind;
        if (depth == 0 || name.length() <= NODE_NAME_MAX) {
            return name;
        }
        return "libvirt-" + String.format("%08x", alias.hashCode()) + layer + "-" + kind;
    }

    /** The overlay file of a transient disk in the domain's private directory. */
    public static Path transientOverlay(Path domainDir, DiskDef d) {
        return domainDir.resolve("transient-" + d.alias() + ".qcow2");
    }

    /** The layers of a disk with media, top first; {@code domainDir} is needed only for a transient disk. */
    static List<Layer> layers(DiskDef d, Path domainDir) {
        List<Layer> out = new ArrayList<>();
        int depth = 0;
        if (d.flags().transientDisk()) {
            if (domainDir == null) {
                throw new IllegalStateException("transient disk " + d.alias() + " without a domain directory");
            }
            out.add(new Layer("file", "qcow2", DiskSourceDef.NONE.withPath(transientOverlay(domainDir, d).toString()),
                    null, storageNode(d, 0), formatNode(d, 0), null));
            depth++;
        }
        String type = d.type();
        String format = d.format();
        DiskSourceDef src = d.sourceDef();
        String encryption = d.encryption();
        while (true) {
            BackingStoreDef next = src.backingStore();
            boolean last = next == null || next.type() == null;
            out.add(new Layer(type, format, src, encryption, storageNode(d, depth), formatNode(d, depth),
                    last ? next : null));
            if (last) {
                return out;
            }
            type = next.type();
            format = next.format();
            src = next.source();
            encryption = null;
            depth++;
        }
    }

    /** Whether any layer of the disk needs a secret (an {@code <auth>} or an {@code <encryption>}). */
    static boolean needsSecrets(DiskDef d) {
        if (d.source() == null && d.sourceDef().protocol() == null) {
            return false;
        }
        return layers(d, Path.of("/")).stream().anyMatch(l -> l.encryption() != null || l.source().auth() != null);
    }

    /** The secret objects and the nodes of a disk with media, in command-line order. */
    static void build(Argv a, DiskDef d, Path domainDir, DiskSecrets secrets) {
        List<Layer> layers = layers(d, domainDir);
        for (Layer l : layers) {
            if (l.source().auth() != null) {
                a.json("-object", secrets.secretObject(NetworkDiskSource.authSecretId(l.storageNode()),
                        DiskSecrets.authKey(l.source().auth())));
            }
            if (l.encryption() != null) {
                a.json("-object", secrets.secretObject(encryptionSecretId(l.formatNode()),
                        DiskSecrets.encryptionKey(l.encryption())));
            }
        }
        for (JsonProps node : nodes(d, layers)) {
            a.json("-blockdev", node);
        }
    }

    static String encryptionSecretId(String formatNode) {
        return formatNode + "-encryption-secret0";
    }

    /** The storage and format nodes, bottom layer first. */
    static List<JsonProps> nodes(DiskDef d, List<Layer> layers) {
        List<JsonProps> out = new ArrayList<>();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Layer l = layers.get(i);
            boolean top = i == 0;
            out.add(storage(d, l));
            out.add(format(d, l, top, i + 1 < layers.size() ? layers.get(i + 1) : null));
        }
        return out;
    }

    private static JsonProps storage(DiskDef d, Layer l) {
        DiskDriverDef dr = d.driver();
        JsonProps.Builder b;
        boolean local = false;
        switch (l.type()) {
            case "network" -> b = NetworkDiskSource.props(l.source(), l.storageNode());
            case "dir" -> b = JsonProps.builder().put("driver", "vvfat").put("dir", l.source().path())
                    .put("floppy", d.device().equals("floppy")).put("rw", false);
            default -> {
                b = JsonProps.builder().put("driver", l.type().equals("block") ? "host_device" : "file")
                        .put("filename", l.source().path());
                local = true;
            }
        }
        if (local) {
            b.put("aio", dr.io());
        }
        b.put("node-name", l.storageNode());
        cache(b, dr.cache());
        b.put("auto-read-only", true).put("discard", dr.discard() == null ? "unmap" : dr.discard());
        return b.build();
    }

    private static JsonProps format(DiskDef d, Layer l, boolean top, Layer below) {
        DiskDriverDef dr = d.driver();
        JsonProps.Builder b = JsonProps.builder().put("node-name", l.formatNode())
                .put("read-only", !top || d.readonly() || d.device().equals("cdrom") || l.type().equals("dir"));
        if (dr.discard() != null) {
            b.put("discard", dr.discard());
        }
        if (top) {
            b.put("detect-zeroes", dr.detectZeroes());
        }
        cache(b, dr.cache());
        String fmt = l.format() == null || l.type().equals("dir") ? "raw" : l.format();
        if (l.encryption() != null && fmt.equals("raw")) {
            b.put("driver", "luks").put("key-secret", encryptionSecretId(l.formatNode()));
        } else {
            b.put("driver", fmt);
            if (l.encryption() != null) {
                b.put("encrypt", JsonProps.builder().put("format", "luks")
                        .put("key-secret", encryptionSecretId(l.formatNode())).build());
            }
        }
        b.put("file", l.storageNode());
        if (below != null) {
            b.put("backing", below.formatNode());
        } else if (l.end() != null && BACKING_FORMATS.contains(fmt)) {
            b.put("backing", JsonProps.NULL);
        }
        return b.build();
    }

    /**
     * libvirt's disk cache modes as QEMU's node cache options (direct: O_DIRECT; no-flush: ignore
     * the guest's flushes); the guest-visible write cache goes on the device.
     */
    private static void cache(JsonProps.Builder b, String mode) {
        if (mode == null || mode.equals("default")) {
            return;
        }
        boolean direct = mode.equals("none") || mode.equals("directsync");
        boolean noFlush = mode.equals("unsafe");
        b.put("cache", JsonProps.builder().put("direct", direct).put("no-flush", noFlush).build());
    }
}
