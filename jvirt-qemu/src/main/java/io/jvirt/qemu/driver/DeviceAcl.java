package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.BackingStoreDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskSourceDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.conf.device.ParallelDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.conf.device.VsockDef;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What a guest's QEMU may open of the host's devices (the cgroup v1 devices controller), as
 * libvirt's QEMU driver allows it: every device is denied, then allowed are the paths of qemu.conf's
 * {@code cgroup_device_acl} (by default {@link #DEFAULT}), every pty, sound devices when the guest
 * has a sound card, and each device node the guest's XML names: disks and their backing chains
 * that are block devices (a read-only disk and backing layers read only), host devices (the SCSI
 * generic node, the USB device node, VFIO's nodes), a passthrough TPM, an RNG's random device, a
 * host character device, an evdev input, {@code /dev/net/tun} for tap and bridge interfaces,
 * {@code /dev/vhost-vsock} for vsock and a DAX device backing an nvdimm. A rule is "TYPE MAJ:MIN
 * PERMS" as {@code devices.allow} takes it; a path that is not a device node gives none.
 */
final class DeviceAcl {
    /** libvirt's default {@code cgroup_device_acl}. */
    static final List<String> DEFAULT = List.of("/dev/null", "/dev/full", "/dev/zero", "/dev/random", "/dev/urandom",
            "/dev/ptmx", "/dev/kvm");
    static final String PTYS = "c 136:* rw";
    static final String SOUND = "c 116:* rw";
    static final Path TUN = Path.of("/dev/net/tun");
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;

    private DeviceAcl() {
    }

    /** The rules of a guest starting with {@code def}; {@code nodes}: device nodes found at start (SCSI generic). */
    static List<String> rules(DomainDef def, List<String> acl, Collection<Path> nodes) {
        Set<String> out = new LinkedHashSet<>();
        acl.forEach(p -> rule(Path.of(p), "rw").ifPresent(out::add));
        out.add(PTYS);
        if (!def.devices().of(SoundDef.class).isEmpty()) {
            out.add(SOUND);
        }
        def.devices().disks().forEach(disk -> out.addAll(disk(disk)));
        Stream.concat(nodes.stream(), devicePaths(def).stream()).forEach(p -> rule(p, "rw").ifPresent(out::add));
        return List.copyOf(out);
    }

    /** The rules of one disk: its source and backing chain where they are block devices. */
    static List<String> disk(DiskDef disk) {
        List<String> out = new ArrayList<>();
        DiskSourceDef s = disk.sourceDef();
        String perms = disk.readonly() ? "r" : "rw";
        while (s != null) {
            if (s.path() != null && s.path().startsWith("/")) {
                rule(Path.of(s.path()), perms).ifPresent(out::add);
            }
            BackingStoreDef b = s.backingStore();
            s = b == null ? null : b.source();
            perms = "r";
        }
        return out;
    }

    private static List<Path> devicePaths(DomainDef def) {
        List<Path> out = new ArrayList<>();
        var dv = def.devices();
        for (HostdevDef h : dv.of(HostdevDef.class)) {
            if (h.type().equals("usb") && h.source().get("bus") != null && h.source().get("device") != null) {
                out.add(Path.of(String.format("/dev/bus/usb/%03d/%03d", Integer.decode(h.source().get("bus")),
                        Integer.decode(h.source().get("device")))));
            } else if (h.type().equals("pci")) {
                out.addAll(vfioNodes());
            }
        }
        for (TpmDef t : dv.of(TpmDef.class)) {
            if ("passthrough".equals(t.backendType())) {
                out.add(Path.of(t.devicePath() == null ? "/dev/tpm0" : t.devicePath()));
            }
        }
        for (RngDef r : dv.of(RngDef.class)) {
            if ("random".equals(r.backendModel())) {
                out.add(Path.of(r.randomPath() == null ? "/dev/urandom" : r.randomPath()));
            }
        }
        List<ChrDef> chrs = new ArrayList<>(dv.serials());
        chrs.addAll(dv.consoles());
        chrs.addAll(dv.channels());
        dv.of(ParallelDef.class).forEach(p -> chrs.add(p.chr()));
        for (ChrDef c : chrs) {
            if ("dev".equals(c.type()) && c.path() != null) {
                out.add(Path.of(c.path()));
            }
        }
        for (InputDef i : dv.of(InputDef.class)) {
            if (i.source() != null && i.source().startsWith("/dev/")) {
                out.add(Path.of(i.source()));
            }
        }
        if (dv.interfaces().stream().anyMatch(n -> n.type().equals("ethernet") || n.type().equals("bridge"))) {
            out.add(TUN);
        }
        if (!dv.of(VsockDef.class).isEmpty()) {
            out.add(MiscDeviceRules.VHOST_VSOCK);
        }
        for (MemoryDeviceDef m : dv.of(MemoryDeviceDef.class)) {
            if (m.sourcePath() != null) {
                out.add(Path.of(m.sourcePath())); // a rule only when it is a device (DAX)
            }
        }
        return out;
    }

    private static List<Path> vfioNodes() {
        Path dir = Path.of("/dev/vfio");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The rule allowing {@code perms} on the device node {@code p}; empty when it is not one (or is missing). */
    static Optional<String> rule(Path p, String perms) {
        try {
            int mode = (Integer) Files.getAttribute(p, "unix:mode");
            char type = (mode & S_IFMT) == S_IFBLK ? 'b' : (mode & S_IFMT) == S_IFCHR ? 'c' : 0;
            if (type == 0) {
                return Optional.empty();
            }
            return Optional.of(type + " " + majMin((Long) Files.getAttribute(p, "unix:rdev")) + " " + perms);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
    }

    /** A device number as "major:minor" (the kernel's encoding of dev_t). */
    static String majMin(long rdev) {
        long major = ((rdev >>> 8) & 0xfff) | ((rdev >>> 32) & ~0xfffL);
        long minor = (rdev & 0xff) | ((rdev >>> 12) & ~0xffL);
        return major + ":" + minor;
    }
}
