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
        return java.util.List.of(JsonProps.builder()
                        .put("driver", d.type().equals("block") ? "host_device" : "file")
                        .put("filename", d.source())
                        .put("node-name", storageNode(d))
                        .put("auto-read-only", true)
                        .put("discard", "unmap")
                        .build(),
                JsonProps.builder()
                        .put("node-name", formatNode(d))
                        .put("read-only", d.readonly() || d.device().equals("cdrom"))
                        .put("driver", d.format() == null ? "raw" : d.format())
                        .put("file", storageNode(d))
                        .build());
    }

    /** The guest-visible device for a disk; {@code node} is its format node or null for no media. */
    static JsonProps frontend(DiskDef d, String node, String machine) {
        JsonProps.Builder b = JsonProps.builder();
        boolean cdrom = d.device().equals("cdrom");
        String bus = d.targetBus();
        switch (bus) {
            case "virtio" -> {
                b.put("driver", "virtio-blk-pci");
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
        b.put("drive", node);
        b.put("id", d.alias());
        if (d.bootOrder() != null) {
            b.put("bootindex", d.bootOrder());
        }
        if (d.serial() != null) {
            b.put("serial", d.serial());
        }
        return b.build();
    }
}
