package io.jvirt.conf.post;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The model's rules, applied after post-parse and separately from parsing, so that a stricter
 * rule never makes an already-saved domain vanish on load. Errors use libvirt's codes and name
 * what is wrong.
 */
public final class DomainValidator {
    private DomainValidator() {
    }

    public static void validate(DomainDef def) {
        validateName(def.name());
        var mem = def.memory();
        if (mem.memory().bytes() == 0) {
            throw xml("memory size must be greater than zero");
        }
        if (mem.currentMemory() != null && mem.currentMemory().compareTo(mem.memory()) > 0) {
            throw xml("current memory '" + mem.currentMemory().kib() + "KiB' exceeds maximum '"
                    + mem.memory().kib() + "KiB'");
        }
        var v = def.vcpu();
        if (v.current() != null && (v.current() < 1 || v.current() > v.max())) {
            throw xml("current vcpus " + v.current() + " must be between 1 and the maximum " + v.max());
        }
        var cpu = def.cpu();
        if (cpu.topology() != null) {
            long total = cpu.topology().total();
            if (total != v.max()) {
                throw xml("CPU topology doesn't match maximum vcpu count (" + total + " != " + v.max() + ")");
            }
        }
        Set<String> targets = new HashSet<>();
        for (DiskDef d : def.devices().disks()) {
            if (!targets.add(d.targetDev())) {
                throw xml("target '" + d.targetDev() + "' duplicated for disk sources");
            }
            if (DiskNames.index(d.targetDev()) < 0) {
                throw xml("invalid disk target name '" + d.targetDev() + "'");
            }
            if (d.device().equals("disk") && d.sourceDef().isEmpty()) {
                throw xml("disk '" + d.targetDev() + "' has no source");
            }
        }
        Set<String> macs = new HashSet<>();
        for (InterfaceDef n : def.devices().interfaces()) {
            if (n.mac() != null) {
                if (!n.mac().matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) {
                    throw new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN,
                            "unable to parse mac address '" + n.mac() + "'");
                }
                if ((Integer.parseInt(n.mac().substring(0, 2), 16) & 1) != 0) {
                    throw new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN,
                            "expected unicast mac address, found multicast '" + n.mac() + "'");
                }
                if (!macs.add(n.mac().toLowerCase(java.util.Locale.ROOT))) {
                    throw xml("MAC address '" + n.mac() + "' is used by two interfaces");
                }
            }
        }
        Map<String, String> pci = new HashMap<>();
        def.devices().disks().forEach(d -> checkAddress(pci, d.address(), "disk " + d.targetDev()));
        def.devices().interfaces().forEach(n -> checkAddress(pci, n.address(), "interface " + n.mac()));
        if (def.devices().memballoon() != null) {
            checkAddress(pci, def.devices().memballoon().address(), "memballoon");
        }
        def.devices().others().forEach(x -> checkAddress(pci, x.address(), x.element()));
        DeviceRules.validate(def);
        UniquenessRules.validate(def);
        GeneralRules.validate(def);
        MachineRules.validate(def);
        TuningRules.validate(def);
        String osType = def.os().type();
        if (!osType.equals("hvm")) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "os type '" + osType + "' is not supported");
        }
        if ("sysinfo".equals(def.os().smbiosMode())
                && def.sysinfo().stream().noneMatch(s -> s.type().equals("smbios"))) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "Domain requires SMBIOS, but sysinfo is not set");
        }
        for (var s : def.sysinfo()) {
            String sysUuid = s.value("system", "uuid");
            if (sysUuid != null && !sysUuid.replace("-", "").equalsIgnoreCase(def.uuid().toString().replace("-", ""))) {
                throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                        "UUID mismatch between <uuid> and <sysinfo>");
            }
            String date = s.value("bios", "date");
            if (date != null && !date.matches("(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])/([0-9]{2}|[0-9]{4})")) {
                throw xml("invalid BIOS 'date' format: '" + date + "' (expected mm/dd/yy or mm/dd/yyyy)");
            }
        }
        if (def.os().initrd() != null && def.os().kernel() == null) {
            throw xml("an initrd needs a kernel (<os><kernel>)");
        }
    }

    private static void checkAddress(Map<String, String> seen, AddressDef a, String owner) {
        if (a == null || !a.type().equals("pci")) {
            return;
        }
        String key = a.intAttr("domain") + ":" + a.intAttr("bus") + ":" + a.intAttr("slot") + "." + a.intAttr("function");
        String prev = seen.putIfAbsent(key, owner);
        if (prev != null) {
            throw xml("Attempted double use of PCI Address " + String.format("%04x:%02x:%02x.%x",
                    Math.max(a.intAttr("domain"), 0), Math.max(a.intAttr("bus"), 0), a.intAttr("slot"),
                    Math.max(a.intAttr("function"), 0)) + " (" + owner + " and " + prev + ")");
        }
    }

    /**
     * A domain name becomes a file name ({@code etc/qemu/NAME.xml}) and part of QEMU's argv, so it
     * must be safe as both.
     */
    public static void validateName(String name) {
        if (name.isEmpty()) {
            throw new XmlException(ErrorNumber.NO_NAME, ErrorDomain.DOMAIN, null);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > 255) {
            throw xml("domain name is longer than 255 bytes");
        }
        if (name.contains("/")) {
            throw xml("name '" + name + "' cannot contain '/'");
        }
        if (name.startsWith(".")) {
            throw xml("name '" + name + "' cannot start with '.'");
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                throw xml("name cannot contain control characters");
            }
        }
    }

    private static XmlException xml(String msg) {
        return new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, msg);
    }
}
