package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.FilesystemDef;

import java.nio.file.Path;

/**
 * {@code <filesystem type='mount'>} as libvirt 9.0 builds it for QEMU 7.2: a 9p share is an
 * {@code -fsdev local} (security model from the access mode, multidevs, fmode/dmode, writeout,
 * readonly) behind a {@code virtio-9p-pci} with the mount tag; a virtiofs share is a
 * {@code vhost-user-fs-pci} connected through {@code -chardev socket} to the virtiofsd the driver
 * started on {@link #virtiofsSocket} (libvirt: {@code <alias>-fs.sock} in the domain's directory).
 */
public final class FilesystemCommandLine {
    private FilesystemCommandLine() {
    }

    /** Whether {@code f} is served by virtiofsd (else QEMU's own 9p server). */
    public static boolean virtiofs(FilesystemDef f) {
        return "virtiofs".equals(f.driverType());
    }

    /** The vhost-user socket of the virtiofsd serving {@code f}. */
    public static Path virtiofsSocket(Path domainDir, FilesystemDef f) {
        return domainDir.resolve(f.alias() + "-fs.sock");
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        for (FilesystemDef f : def.devices().of(FilesystemDef.class)) {
            if (virtiofs(f)) {
                String chr = "chr-vu-" + f.alias();
                a.keyValue("-chardev", JsonProps.builder().put("backend", "socket").put("id", chr)
                        .put("path", virtiofsSocket(ctx.domainDir(), f).toString()).build(), "backend");
                JsonProps.Builder b = JsonProps.builder().put("driver", "vhost-user-fs-pci").put("id", f.alias())
                        .put("chardev", chr);
                if (f.queue() != null) {
                    b.put("queue-size", f.queue());
                }
                b.put("tag", f.target());
                DeviceAddresses.pci(b, f.address(), def.os().machine());
                a.json("-device", b.build());
                continue;
            }
            if (f.driverType() != null && !f.driverType().equals("path")) {
                throw new IllegalStateException("filesystem driver " + f.driverType() + " reached the argv builder");
            }
            FilesystemDef.NineP n = f.ninep();
            JsonProps.Builder fs = JsonProps.builder().put("driver", "local").put("security_model",
                    switch (f.accessmode() == null ? "passthrough" : f.accessmode()) {
                        case "mapped" -> "mapped";
                        case "squash" -> "none";
                        default -> "passthrough";
                    });
            if (n.multidevs() != null && !n.multidevs().equals("default")) {
                fs.put("multidevs", n.multidevs());
            }
            if (n.fmode() != null) {
                fs.put("fmode", String.format("%04o", n.fmode()));
            }
            if (n.dmode() != null) {
                fs.put("dmode", String.format("%04o", n.dmode()));
            }
            if (n.wrpolicy() != null) {
                fs.put("writeout", n.wrpolicy());
            }
            fs.put("id", "fsdev-" + f.alias()).put("path", f.source());
            if (f.readonly()) {
                fs.put("readonly", true);
            }
            a.keyValue("-fsdev", fs.build(), "driver");
            JsonProps.Builder b = JsonProps.builder().put("driver", "virtio-9p-pci").put("id", f.alias())
                    .put("fsdev", "fsdev-" + f.alias()).put("mount_tag", f.target());
            DeviceAddresses.pci(b, f.address(), def.os().machine());
            a.json("-device", b.build());
        }
    }
}
