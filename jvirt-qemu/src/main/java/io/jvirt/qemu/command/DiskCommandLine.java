package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;

/** Disks as {@code -blockdev} storage + format nodes and a {@code -device} frontend. */
final class DiskCommandLine {
    private DiskCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        for (DiskDef d : def.devices().disks()) {
            for (JsonProps node : blockdevs(d)) {
                a.json("-blockdev", node);
            }
            a.json("-device", frontend(d, d.source() != null ? formatNode(d) : null, def.os().machine()));
        }
    }

    /** Node names come from the disk's alias, so a hotplugged disk's never clash with others'. */
    static String storageNode(DiskDef d) {
        return "libvirt-" + d.alias() + "-storage";
    }

    static String formatNode(DiskDef d) {
        return "libvirt-" + d.alias() + "-format";
    }

    /** The storage and format nodes of a disk's media, in the order they must be added; none without media. */
    static java.util.List<JsonProps> blockdevs(DiskDef d) {
        if (d.source() == null) {
            return java.util.List.of();
        }
        var dr = d.driver();
        JsonProps.Builder storage = JsonProps.builder()
                .put("driver", d.type().equals("block") ? "host_device" : "file")
                .put("filename", d.source())
                .put("node-name", storageNode(d))
                .put("auto-read-only", true)
                .put("discard", dr.discard() == null ? "unmap" : dr.discard())
                .put("aio", dr.io());
        cache(storage, dr.cache());
        JsonProps.Builder format = JsonProps.builder()
                .put("node-name", formatNode(d))
                .put("read-only", d.readonly() || d.device().equals("cdrom"));
        if (dr.discard() != null) {
            format.put("discard", dr.discard());
        }
        cache(format, dr.cache());
        format.put("detect-zeroes", dr.detectZeroes())
                .put("driver", d.format() == null ? "raw" : d.format())
                .put("file", storageNode(d));
        return java.util.List.of(storage.build(), format.build());
    }

    /**
     * libvirt's disk cache modes as QEMU's node cache options (direct: O_DIRECT; no-flush: ignore
     * the guest's flushes); the guest-visible write cache goes on the device ({@link #writeCache}).
     */
    private static void cache(JsonProps.Builder b, String mode) {
        if (mode == null || mode.equals("default")) {
            return;
        }
        boolean direct = mode.equals("none") || mode.equals("directsync");
        boolean noFlush = mode.equals("unsafe");
        b.put("cache", JsonProps.builder().put("direct", direct).put("no-flush", noFlush).build());
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
        JsonProps.Builder b = JsonProps.builder();
        boolean cdrom = d.device().equals("cdrom");
        String bus = d.targetBus();
        switch (bus) {
            case "virtio" -> {
                b.put("driver", "virtio-blk-pci");
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
                b.put("driver", cdrom ? "scsi-cd" : "scsi-hd");
                var a = d.address();
                b.put("bus", "scsi" + Math.max(a.intAttr("controller"), 0) + ".0");
                b.put("channel", 0);
                b.put("scsi-id", Math.max(a.intAttr("target"), 0));
                b.put("lun", Math.max(a.intAttr("unit"), 0));
            }
            case "usb" -> b.put("driver", "usb-storage");
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
