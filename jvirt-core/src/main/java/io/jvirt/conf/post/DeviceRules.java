package io.jvirt.conf.post;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.FeatureDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.error.XmlException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.util.HashSet;
import java.util.Set;

/**
 * The rules between parts of a definition that the codec cannot see one element at a time:
 * duplicate controllers and mount tags, devices that need shared memory or a NUMA layout,
 * interrupt remapping without a split I/O APIC, secure boot without SMM, IOThread references.
 */
final class DeviceRules {
    private DeviceRules() {
    }

    static void validate(DomainDef def) {
        Set<String> controllers = new HashSet<>();
        for (ControllerDef c : def.devices().controllers()) {
            if (!controllers.add(c.type() + ":" + c.index())) {
                throw xml("multiple '" + c.type() + "' controllers with index '" + c.index() + "'");
            }
        }
        Set<String> tags = new HashSet<>();
        boolean shared = "shared".equals(def.memory().backing().accessMode())
                || def.cpu().numa().stream().anyMatch(c -> "shared".equals(c.memAccess()));
        for (FilesystemDef f : def.devices().of(FilesystemDef.class)) {
            if (!tags.add(f.target())) {
                throw xml("filesystem target '" + f.target() + "' specified twice");
            }
            if ("virtiofs".equals(f.driverType()) && !shared) {
                throw unsupported("'virtiofs' requires shared memory (<memoryBacking><access mode='shared'/>)");
            }
        }
        for (InterfaceDef n : def.devices().interfaces()) {
            if (n.type().equals("vhostuser") && !shared) {
                throw unsupported("'vhostuser' interface requires shared memory");
            }
            Integer mtu = n.extra().mtu();
            if (mtu != null && (mtu < 68 || mtu > 65535)) {
                throw xml("interface mtu " + mtu + " is out of range 68-65535");
            }
        }
        var memDevs = def.devices().of(MemoryDeviceDef.class);
        if (!memDevs.isEmpty()) {
            if (def.memory().maxMemory() == null) {
                throw xml("memory devices need <maxMemory> to be set");
            }
            if (def.cpu().numa().isEmpty()) {
                throw unsupported("At least one numa node has to be configured when enabling memory hotplug");
            }
            for (MemoryDeviceDef m : memDevs) {
                if (m.node() != null && m.node() >= def.cpu().numa().size()) {
                    throw xml("can't add memory backend for guest node '" + m.node() + "' as the guest has only '"
                            + def.cpu().numa().size() + "' NUMA nodes configured");
                }
            }
        }
        var mem = def.memory();
        if (mem.maxMemory() != null && mem.maxMemory().compareTo(mem.memory()) < 0) {
            throw xml("maximum memory size must be equal or greater than the actual memory size");
        }
        if (mem.maxMemory() != null && (mem.maxSlots() == null || mem.maxSlots() == 0)) {
            throw xml("memory hotplug needs a non-zero 'slots' on <maxMemory>");
        }
        for (IommuDef i : def.devices().of(IommuDef.class)) {
            if (Boolean.TRUE.equals(i.intremap()) && !ioapicDriver(def, "qemu")) {
                throw unsupported("IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')");
            }
            if (i.model().equals("intel") && !def.os().machine().contains("q35")) {
                throw unsupported("IOMMU device: 'intel' is only supported with Q35 machines");
            }
        }
        if (def.devices().of(IommuDef.class).size() > 1 || def.devices().of(TpmDef.class).size() > 1) {
            throw xml("only one iommu and one tpm device are supported");
        }
        if (Boolean.TRUE.equals(def.os().firmware().loaderSecure())) {
            boolean smm = def.features().stream().anyMatch(f -> f.name().equals("smm") && f.enabled());
            if (!smm) {
                throw unsupported("Secure boot requires SMM feature enabled");
            }
        }
        if (new HashSet<>(def.tuning().iothreadIds()).size() != def.tuning().iothreadIds().size()) {
            throw xml("duplicate iothread id in <iothreadids>");
        }
        Set<Integer> ids = new HashSet<>(def.tuning().effectiveIothreadIds());
        for (DiskDef d : def.devices().disks()) {
            Integer t = d.driver().iothread();
            if (t != null && !ids.contains(t)) {
                throw unsupported("Disk iothread '" + t + "' not defined in iothreadid");
            }
        }
        for (DeviceDef x : def.devices().others()) {
            if (x instanceof ControllerDef c && c.driverIothread() != null && !ids.contains(c.driverIothread())) {
                throw unsupported("controller iothread '" + c.driverIothread() + "' not defined in iothreadid");
            }
        }
    }

    private static boolean ioapicDriver(DomainDef def, String driver) {
        for (FeatureDef f : def.features()) {
            if (f.name().equals("ioapic") && driver.equals(f.attributes().get("driver"))) {
                return true;
            }
        }
        return false;
    }

    static XmlException xml(String msg) {
        return new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, msg);
    }

    static io.jvirt.error.ConfigUnsupportedException unsupported(String msg) {
        return new io.jvirt.error.ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN, msg);
    }
}
