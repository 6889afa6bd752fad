package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.BackingStoreDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskSourceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;

import java.util.Map;
import java.util.Set;

/**
 * libvirt 9.0's rules for a disk's storage (source, backing chain, network protocol, {@code <auth>},
 * {@code <encryption>}, {@code <transient/>}, {@code startupPolicy}, tray and removable), as the
 * argv builder ({@code BlockdevChain}, {@code NetworkDiskSource}) can build them: what libvirt
 * refuses while parsing is VIR_ERR_XML_ERROR, what QEMU or this driver cannot run is
 * VIR_ERR_CONFIG_UNSUPPORTED, each naming the disk.
 */
final class DiskSourceRules {
    /** Mirrors {@code NetworkDiskSource.PROTOCOLS}. */
    static final Set<String> PROTOCOLS = Set.of("nbd", "http", "https", "ftp", "ftps", "iscsi", "rbd", "gluster",
            "sheepdog");
    /** The secret usage type an {@code <auth>} needs, by protocol. */
    private static final Map<String, String> AUTH_USAGE = Map.of("iscsi", "iscsi", "rbd", "ceph");

    private DiskSourceRules() {
    }

    static void validate(DomainDef def) {
        for (DiskDef d : def.devices().disks()) {
            validate(d);
        }
    }

    static void validate(DiskDef d) {
        String what = "disk '" + d.targetDev() + "'";
        String type = d.type();
        if (type.equals("volume")) {
            throw unsupported("disk type 'volume' is not supported yet");
        }
        layer(what, type, d.format(), d.sourceDef(), d);
        int depth = 0;
        for (BackingStoreDef b = d.sourceDef().backingStore(); b != null && b.type() != null;
             b = b.source().backingStore()) {
            depth++;
            if (b.format() == null) {
                throw xml("missing disk backing store format");
            }
            if (!Set.of("file", "block", "network").contains(b.type())) {
                throw unsupported(what + ": <backingStore type='" + b.type() + "'> is not supported");
            }
            layer(what + " backing store " + depth, b.type(), b.format(), b.source(), null);
        }
        String device = d.device();
        boolean removableMedia = device.equals("cdrom") || device.equals("floppy");
        if (device.equals("lun")) {
            boolean iscsi = type.equals("network") && "iscsi".equals(d.sourceDef().protocol());
            if (!type.equals("block") && !iscsi) {
                throw unsupported("disk device='lun' is only valid for block type disk source");
            }
            if (!Set.of("scsi", "virtio").contains(d.targetBus())) {
                throw unsupported("disk device='lun' is not supported for bus='" + d.targetBus() + "'");
            }
        }
        if (d.target().tray() != null && !removableMedia) {
            throw unsupported("tray is only valid for cdrom and floppy");
        }
        if (d.target().removable() != null && !"usb".equals(d.targetBus())) {
            throw xml("removable is only valid for usb disks");
        }
        String policy = d.sourceDef().startupPolicy();
        if (policy != null) {
            if (policy.equals("requisite") && !removableMedia) {
                throw xml("disk startupPolicy 'requisite' is allowed only for cdrom or floppy");
            }
            if (type.equals("network")) {
                throw xml("disk startupPolicy '" + policy + "' is not allowed for disk of 'network' type");
            }
        }
        if (d.flags().transientDisk()) {
            if (!type.equals("file")) {
                throw unsupported("transient disk supported only with 'file' type (" + d.targetDev() + ")");
            }
            if (d.readonly() || device.equals("cdrom")) {
                throw unsupported("transient disk '" + d.targetDev() + "' must not be read-only");
            }
            if (!device.equals("disk")) {
                throw unsupported(what + ": <transient/> is only supported for device='disk'");
            }
            if (d.encryption() != null) {
                throw unsupported(what + ": <transient/> is not supported for an encrypted disk");
            }
        }
        if (d.encryption() != null) {
            String f = d.format() == null ? "raw" : d.format();
            if (!f.equals("raw") && !f.equals("qcow2")) {
                throw unsupported(what + ": LUKS <encryption> needs format 'raw' or 'qcow2', not '" + f + "'");
            }
            if (type.equals("dir")) {
                throw unsupported(what + ": <encryption> is not supported for type 'dir'");
            }
        }
    }

    /** One image of the chain; {@code disk} is the disk itself for the top layer, else null. */
    private static void layer(String what, String type, String format, DiskSourceDef s, DiskDef disk) {
        if (type.equals("dir")) {
            if (!"fat".equals(format)) {
                throw unsupported("storage type 'dir' requires use of storage format 'fat'");
            }
            if (disk != null && !disk.readonly()) {
                throw unsupported("virtual FAT storage can't be accessed in read-write mode");
            }
        } else if ("fat".equals(format)) {
            throw unsupported("storage format 'fat' is supported only with 'dir' storage type");
        }
        DiskSourceDef.Auth auth = s.auth();
        if (!type.equals("network")) {
            if (auth != null) {
                throw unsupported(what + ": <auth> is only supported for network sources");
            }
            return;
        }
        String protocol = s.protocol();
        if (!PROTOCOLS.contains(protocol)) {
            throw unsupported("'" + protocol + "' protocol is not supported with this QEMU binary");
        }
        int hosts = s.hosts().size();
        boolean many = protocol.equals("rbd") || protocol.equals("gluster");
        if (!many && hosts != 1) {
            // libvirt 9.0 reports this as an internal error
            throw new io.jvirt.error.InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU,
                    protocol + " protocol accepts only one host");
        }
        if (protocol.equals("gluster") && hosts == 0) {
            throw unsupported(what + ": protocol 'gluster' needs at least one <host>");
        }
        for (DiskSourceDef.Host h : s.hosts()) {
            boolean unix = "unix".equals(h.transport());
            if (unix && !protocol.equals("nbd") && !protocol.equals("gluster")) {
                throw unsupported(what + ": transport 'unix' is not supported for protocol '" + protocol + "'");
            }
            if ("rdma".equals(h.transport())) {
                throw unsupported(what + ": transport 'rdma' is not supported");
            }
            if (unix ? h.socket() == null : h.name() == null) {
                throw xml(unix ? "missing socket for unix transport" : "missing name for host");
            }
        }
        if ((protocol.equals("rbd") || protocol.equals("gluster")) && (s.name() == null || !s.name().contains("/"))) {
            throw xml("can't split path '" + (s.name() == null ? "" : s.name()) + "' into "
                    + (protocol.equals("rbd") ? "pool name and image name" : "volume name and path"));
        }
        if (protocol.equals("iscsi")) {
            String name = s.name() == null ? "" : s.name();
            int slash = name.lastIndexOf('/');
            if (slash >= 0 && !name.substring(slash + 1).matches("[0-9]{1,9}")) {
                throw xml("invalid iSCSI LUN '" + name.substring(slash + 1) + "' in source name '" + name + "'");
            }
        }
        if (!protocol.equals("nbd") && !protocol.equals("sheepdog") && s.name() == null
                && !protocol.startsWith("http") && !protocol.startsWith("ftp")) {
            throw xml("missing name for disk source");
        }
        if (auth != null) {
            String usage = AUTH_USAGE.get(protocol);
            if (usage == null) {
                throw unsupported("authentication is not supported for protocol '" + protocol + "'");
            }
            if (!usage.equals(auth.secretType())) {
                throw unsupported("invalid secret type '" + auth.secretType() + "'");
            }
        }
    }

    /** A hotplugged disk gets neither secrets nor a transient overlay (they are set up at start). */
    static void checkHotplug(DiskDef d) {
        if (d.flags().transientDisk()) {
            throw unsupported("disk '" + d.targetDev() + "': hotplug of a <transient/> disk is not supported yet");
        }
        boolean secrets = d.encryption() != null;
        for (DiskSourceDef s = d.sourceDef(); s != null && !secrets;
             s = s.backingStore() == null || s.backingStore().type() == null ? null : s.backingStore().source()) {
            secrets = s.auth() != null;
        }
        if (secrets) {
            throw unsupported("disk '" + d.targetDev() + "': hotplug of a disk with <auth> or <encryption> "
                    + "is not supported yet");
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }

    private static XmlException xml(String msg) {
        return new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, msg);
    }
}
