package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;

/**
 * Disks: the secrets and {@code -blockdev} nodes of their media ({@link BlockdevChain},
 * {@link NetworkDiskSource}, {@link DiskSecrets}) and a {@code -device} frontend.
 */
final class DiskCommandLine {
    private DiskCommandLine() {
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx, DiskSecrets secrets) {
        if (def.devices().disks().stream().anyMatch(BlockdevChain::needsSecrets)) {
            a.json("-object", secrets.masterKeyObject());
        }
        UsbAddresses usb = UsbAddresses.of(def);
        for (DiskDef d : def.devices().disks()) {
            if (hasMedia(d)) {
                BlockdevChain.build(a, d, ctx.domainDir(), secrets);
            }
            a.json("-device", frontend(d, hasMedia(d) ? formatNode(d) : null, def.os().machine(), usb));
        }
    }

    /** Whether a disk has media: a path, or a network source. */
    static boolean hasMedia(DiskDef d) {
        return d.source() != null || d.sourceDef().protocol() != null;
    }

    /** Node names come from the disk's alias, so a hotplugged disk's never clash with others'. */
    static String storageNode(DiskDef d) {
        return BlockdevChain.storageNode(d, 0);
    }

    static String formatNode(DiskDef d) {
        return BlockdevChain.formatNode(d, 0);
    }

    /**
     * The nodes of a disk's media, in the order they must be added (bottom layer first); none
     * without media. For hotplug: the disk needs neither secrets nor a transient overlay.
     */
    static java.util.List<JsonProps> blockdevs(DiskDef d) {
        if (!hasMedia(d)) {
            return java.util.List.of();
        }
        return BlockdevChain.nodes(d, BlockdevChain.layers(d, null));
    }

    /** The node names of a disk's media, top layer first, format before storage (the order to delete them in). */
    static java.util.List<String> nodeNames(DiskDef d) {
        java.util.List<String> out = new java.util.ArrayList<>();
        if (hasMedia(d)) {
            for (var l : BlockdevChain.layers(d, java.nio.file.Path.of("/"))) {
                out.add(l.formatNode());
                out.add(l.storageNode());
            }
        }
        return out;
    }

    /** "on" when the guest sees a write-back cache (writeback, none, unsafe), "off" for writethrough/directsync. */
    static String writeCache(String mode) {
        if (mode == null || mode.equals("default")) {
            return null;
        }
        return mode.equals("writethrough") || mode.equals("directsync") ? "off" : "on";
    }

    /** The guest-visible device for a disk; {@code node} is its format node or null for no media. */
    static JsonProps frontend(DiskDef d, String node, String machine) {
        return frontend(d, node, machine, null);
    }

    /** The same, with the USB addresses of the domain (null: QEMU picks the port of a hotplugged USB disk). */
    static JsonProps frontend(DiskDef d, String node, String machine, UsbAddresses usb) {
        JsonProps.Builder b = JsonProps.builder();
        boolean cdrom = d.device().equals("cdrom");
        String bus = d.targetBus();
        switch (bus) {
            case "virtio" -> {
                b.put("driver", "virtio-blk-pci");
                if (d.device().equals("lun")) {
                    b.put("scsi", true);
                }
                if (d.driver().iothread() != null) {
                    b.put("iothread", IothreadCommandLine.id(d.driver().iothread()));
                }
                DeviceAddresses.pci(b, d.address(), machine);
            }
            case "ide" -> {
                b.put("driver", cdrom ? "ide-cd" : "ide-hd");
                var a = d.address();
                b.put("bus", "ide." + Math.max(a.intAttr("bus"), 0));
                b.put("unit", Math.max(a.intAttr("unit"), 0));
            }
            case "sata" -> {
                b.put("driver", cdrom ? "ide-cd" : "ide-hd");
                var a = d.address();
                b.put("bus", "ide." + Math.max(a.intAttr("unit"), 0));
            }
            case "scsi" -> {
                b.put("driver", cdrom ? "scsi-cd" : d.device().equals("lun") ? "scsi-block" : "scsi-hd");
                var a = d.address();
                b.put("bus", "scsi" + Math.max(a.intAttr("controller"), 0) + ".0");
                b.put("channel", 0);
                b.put("scsi-id", Math.max(a.intAttr("target"), 0));
                b.put("lun", Math.max(a.intAttr("unit"), 0));
            }
            case "usb" -> {
                b.put("driver", "usb-storage");
                if (usb != null) {
                    usb.put(b, d);
                }
            }
            case "fdc" -> b.put("driver", "isa-fdc");
            default -> throw new IllegalStateException("disk bus " + bus + " reached the argv builder");
        }
        if (bus.equals("virtio") && d.driver().queues() != null) {
            b.put("num-queues", d.driver().queues());
        }
        b.put("drive", node);
        if (d.flags().shareable()) {
            b.put("share-rw", true);
        }
        b.put("id", d.alias());
        if (d.bootOrder() != null) {
            b.put("bootindex", d.bootOrder());
        }
        if (node != null) {
            b.put("write-cache", writeCache(d.driver().cache()));
        }
        if (d.serial() != null) {
            b.put("serial", d.serial());
        }
        var id = d.identity();
        if (id.wwn() != null) {
            b.put("wwn", Long.parseLong(id.wwn().replaceFirst("^0x", ""), 16)); // QEMU wants the number
        }
        b.put("vendor", id.vendor()).put("product", id.product());
        if (d.blockio() != null) {
            b.put("logical_block_size", d.blockio().logical()).put("physical_block_size", d.blockio().physical());
        }
        if (bus.equals("usb")) {
            b.put("removable", Boolean.TRUE.equals(d.target().removable()));
        }
        if (d.geometry() != null) {
            b.put("cyls", d.geometry().cyls()).put("heads", d.geometry().heads()).put("secs", d.geometry().secs());
            if (d.geometry().trans() != null) {
                b.put("bios-chs-trans", d.geometry().trans());
            }
        }
        errorPolicy(b, d.driver());
        return b.build();
    }

    /**
     * {@code error_policy} as the device's werror (enospace is QEMU's enospc) and
     * {@code rerror_policy} as its rerror; without a read policy, reads follow the write policy
     * unless that is enospace (QEMU refuses it for reads), as libvirt does.
     */
    private static void errorPolicy(JsonProps.Builder b, io.jvirt.conf.device.DiskDriverDef dr) {
        String w = dr.errorPolicy() == null ? null : dr.errorPolicy().equals("enospace") ? "enospc" : dr.errorPolicy();
        String r = dr.rerrorPolicy();
        if (r == null && w != null && !w.equals("enospc")) {
            r = w;
        }
        b.put("werror", w).put("rerror", r);
    }
}
