package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InternalException;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.command.HostdevCommandLine;
import io.jvirt.qemu.paths.AtomicFiles;
import io.jvirt.qemu.util.Rollback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The host side of PCI host devices ({@code <hostdev mode='subsystem' type='pci'>}), as libvirt's
 * hostdev manager does it for VFIO:
 *
 * <ul>
 *   <li>At start the host must support VFIO passthrough (an IOMMU, {@code /dev/vfio/vfio}, the
 *       vfio-pci driver), else VIR_ERR_CONFIG_UNSUPPORTED "host doesn't support VFIO PCI
 *       passthrough" naming what is missing; checked before anything on the host is touched.</li>
 *   <li>A device (or a device of its IOMMU group) that a running domain of this driver holds is
 *       refused: VIR_ERR_OPERATION_INVALID "PCI device ADDR is in use by driver QEMU, domain
 *       NAME".</li>
 *   <li>{@code managed='yes'}: every other device of the IOMMU group must be bound to vfio-pci or to
 *       no driver (or be assigned to the same domain); then the device is detached from its host
 *       driver and bound to vfio-pci ({@code driver_override}, {@code driver/unbind},
 *       {@code drivers_probe}) and its driver link must then name vfio-pci. A device already on
 *       vfio-pci is left as it is, and is not rebound at stop either (as libvirt's
 *       unbind_from_stub).</li>
 *   <li>{@code managed='no'}: the device must already be bound to vfio-pci.</li>
 *   <li>Either way the device's VFIO group node ({@code /dev/vfio/N}) must exist.</li>
 *   <li>At stop (and when a start fails) the devices this driver detached are given back to the
 *       driver they had: {@code driver_override} cleared, unbound from vfio-pci, probed, and bound
 *       to the original driver by name if the probe chose another. Failures there are logged.</li>
 * </ul>
 *
 * <p>The original drivers are recorded in {@code DOMAIN_DIR/pci-hostdevs} (one line per detached
 * device: the address, then the driver, or nothing when it had none) before the device is
 * touched, so a driver restarted while the guest runs still gives them back when it stops. A
 * guest adopted by a restarted driver keeps its devices: nothing is rebound then, the devices are
 * only marked in use again ({@link #adopt}).
 *
 * <p>The in-use table covers the domains of this driver (one root or one daemon), like libvirt's
 * per-daemon table. Thread-safe: the table is guarded by this object's monitor; sysfs writes are
 * done outside it, and only for devices a domain has reserved.
 */
final class PciHostdevs {
    private static final System.Logger LOG = System.getLogger(PciHostdevs.class.getName());
    /** The per-domain record of detached devices and their original drivers. */
    static final String STATE_FILE = "pci-hostdevs";
    private final PciSysfs sys;
    private final Path dev;
    private final Map<String, String> inUse = new HashMap<>(); // PCI address -> domain name

    /**
     * @param sys the PCI sysfs
     * @param dev the device directory ({@code /dev}) holding {@code vfio/vfio} and the group nodes
     */
    PciHostdevs(PciSysfs sys, Path dev) {
        this.sys = sys;
        this.dev = dev;
    }

    static List<HostdevDef> pciHostdevs(DomainDef def) {
        return def.devices().of(HostdevDef.class).stream().filter(h -> h.type().equals("pci")).toList();
    }

    private static boolean managed(HostdevDef h) {
        return Boolean.TRUE.equals(h.managed());
    }

    /**
     * Start: checks the host, reserves the domain's PCI devices and binds its managed ones to
     * vfio-pci; registers in {@code rb} the undo (devices given back, reservation dropped).
     */
    void prepare(DomainDef def, Path domainDir, Rollback rb) {
        List<HostdevDef> devs = pciHostdevs(def);
        if (devs.isEmpty()) {
            return;
        }
        requireVfio();
        List<String> addrs = devs.stream().map(HostdevCommandLine::pciName).toList();
        Set<String> managed = new LinkedHashSet<>();
        devs.stream().filter(PciHostdevs::managed).map(HostdevCommandLine::pciName).forEach(managed::add);
        reserve(def.name(), addrs);
        rb.add(() -> release(def.name(), def, domainDir));
        for (HostdevDef h : devs) {
            String addr = HostdevCommandLine.pciName(h);
            if (managed.contains(addr)) {
                requireViableGroup(addr, managed);
            } else {
                Optional<String> driver = sys.driver(addr);
                if (!driver.equals(Optional.of(PciSysfs.VFIO_PCI))) {
                    throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "PCI device "
                            + addr + " is not bound to vfio-pci (its driver: " + driver.orElse("none") + ")");
                }
                requireGroupNode(addr);
            }
        }
        // nothing on the host has changed so far
        Map<String, Optional<String>> detached = new LinkedHashMap<>();
        for (String addr : managed) {
            detach(addr, detached, domainDir);
            requireGroupNode(addr);
        }
    }

    /** The host's VFIO support, checked before any device is touched. */
    private void requireVfio() {
        List<String> missing = vfioMissing();
        if (!missing.isEmpty()) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "host doesn't support VFIO PCI passthrough: " + String.join(", ", missing));
        }
    }

    /** What the host lacks for VFIO passthrough, each said; empty when it has it all. */
    private List<String> vfioMissing() {
        List<String> missing = new ArrayList<>();
        if (!sys.hasIommu()) {
            missing.add("no IOMMU (no group in " + sys.root().resolve("kernel/iommu_groups") + ")");
        }
        if (!Files.exists(dev.resolve("vfio/vfio"))) {
            missing.add("no " + dev.resolve("vfio/vfio"));
        }
        if (!sys.driverLoaded(PciSysfs.VFIO_PCI)) {
            missing.add("the vfio-pci driver is not loaded (no " + sys.driverDir(PciSysfs.VFIO_PCI) + ")");
        }
        return missing;
    }

    /** Marks the devices as used by {@code name}; refused when another domain holds one of them or of their groups. */
    private synchronized void reserve(String name, List<String> addrs) {
        for (String addr : addrs) {
            requireFree(addr, name);
            for (String member : sys.groupMembers(addr)) {
                requireFree(member, name);
            }
        }
        addrs.forEach(a -> inUse.put(a, name));
    }

    private void requireFree(String addr, String name) {
        String user = inUse.get(addr);
        if (user != null && !user.equals(name)) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "PCI device " + addr + " is in use by driver QEMU, domain " + user);
        }
    }

    /** Every other device of the group is on vfio-pci, on no driver, or is detached for the same domain. */
    private void requireViableGroup(String addr, Set<String> assigned) {
        for (String member : sys.groupMembers(addr)) {
            if (member.equals(addr) || assigned.contains(member)) {
                continue;
            }
            Optional<String> driver = sys.driver(member);
            if (driver.isPresent() && !driver.get().equals(PciSysfs.VFIO_PCI)) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU, "PCI device "
                        + addr + " cannot be assigned: device " + member + " of its IOMMU group "
                        + sys.iommuGroup(addr).orElse("?") + " is bound to host driver '" + driver.get()
                        + "' (every device of the group must be bound to vfio-pci or to no driver)");
            }
        }
    }

    private void requireGroupNode(String addr) {
        Optional<String> group = sys.iommuGroup(addr);
        if (group.isEmpty() || !Files.exists(dev.resolve("vfio").resolve(group.get()))) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "PCI device " + addr
                    + " has no VFIO group device (" + dev.resolve("vfio").resolve(group.orElse("?")) + ")");
        }
    }

    /** Binds a managed device to vfio-pci, its original driver recorded first. */
    private void detach(String addr, Map<String, Optional<String>> detached, Path domainDir) {
        Optional<String> original = sys.driver(addr);
        if (original.equals(Optional.of(PciSysfs.VFIO_PCI))) {
            return; // already there: left as found, now and at stop
        }
        detached.put(addr, original);
        AtomicFiles.write(domainDir.resolve(STATE_FILE), format(detached));
        bindToVfio(addr, original);
    }

    /** driver_override, unbind, probe: the device ends on vfio-pci, or this throws saying where it stopped. */
    private void bindToVfio(String addr, Optional<String> original) {
        try {
            sys.writeDriverOverride(addr, PciSysfs.VFIO_PCI);
        } catch (IOException e) {
            throw systemError("Failed to add driver 'vfio-pci' to driver_override interface of PCI device '" + addr
                    + "'", e);
        }
        try {
            sys.unbind(addr);
        } catch (IOException e) {
            throw systemError("Failed to unbind PCI device '" + addr + "' from " + original.orElse("its driver"), e);
        }
        try {
            sys.probe(addr);
        } catch (IOException e) {
            throw systemError("Failed to trigger a probe for PCI device '" + addr + "'", e);
        }
        Optional<String> now = sys.driver(addr);
        if (!now.equals(Optional.of(PciSysfs.VFIO_PCI))) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "Failed to bind PCI "
                    + "device '" + addr + "' to vfio-pci (its driver after the probe: " + now.orElse("none") + ")");
        }
        LOG.log(System.Logger.Level.INFO, "PCI device {0} detached from {1} and bound to vfio-pci", addr,
                original.orElse("no driver"));
    }

    // ---- the node device API: virNodeDeviceDetachFlags, virNodeDeviceReAttach, virNodeDeviceReset ----

    /**
     * Binds a host PCI device to vfio-pci for later assignment ({@code nodedev-detach}), as libvirt's
     * QEMU driver does: {@code driverName} null or "vfio"; "kvm" (legacy assignment) and others are
     * refused with libvirt's messages. A device a domain uses is refused; one on vfio-pci already is
     * left as it is.
     */
    void nodeDetach(String addr, String driverName) {
        String stub = driverName == null || driverName.isEmpty() ? "vfio" : driverName;
        if (stub.equals("kvm")) {
            throw new ConfigUnsupportedException(ErrorNumber.ARGUMENT_UNSUPPORTED, ErrorDomain.QEMU,
                    "KVM device assignment is no longer supported on this system");
        }
        if (!stub.equals("vfio")) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "unknown driver name '" + stub + "'");
        }
        List<String> missing = vfioMissing();
        if (!missing.isEmpty()) {
            throw new ConfigUnsupportedException(ErrorNumber.ARGUMENT_UNSUPPORTED, ErrorDomain.QEMU,
                    "VFIO device assignment is currently not supported on this system: " + String.join(", ", missing));
        }
        requireUnused(addr);
        Optional<String> original = sys.driver(addr);
        if (!original.equals(Optional.of(PciSysfs.VFIO_PCI))) {
            bindToVfio(addr, original);
        }
    }

    /**
     * Gives a detached device back to the host ({@code nodedev-reattach}): the override cleared and the
     * kernel asked to probe, so the device's own driver takes it. A device on another driver is left
     * as it is; one a domain uses is refused.
     */
    void nodeReattach(String addr) {
        requireUnused(addr);
        Optional<String> driver = sys.driver(addr);
        if (driver.isPresent() && !driver.get().equals(PciSysfs.VFIO_PCI)) {
            return;
        }
        try {
            sys.writeDriverOverride(addr, "\n");
            sys.unbind(addr);
            sys.probe(addr);
        } catch (IOException e) {
            throw systemError("Failed to reattach PCI device '" + addr + "' to a host driver", e);
        }
        LOG.log(System.Logger.Level.INFO, "PCI device {0} given back to the host (driver now: {1})", addr,
                sys.driver(addr).orElse("none"));
    }

    /**
     * Resets a device through the kernel ({@code nodedev-reset}). Refused while a domain uses it and,
     * unlike libvirt, while a host driver other than vfio-pci drives it (a reset under a live host
     * driver, a disk controller say, can take the host down): detach it first.
     */
    void nodeReset(String addr) {
        requireUnused(addr);
        Optional<String> driver = sys.driver(addr);
        if (driver.isPresent() && !driver.get().equals(PciSysfs.VFIO_PCI)) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU, "PCI device "
                    + addr + " is bound to host driver '" + driver.get() + "': detach it (nodedev-detach) before a reset");
        }
        if (!sys.resettable(addr)) {
            throw new InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU,
                    "Unable to reset PCI device " + addr + ": no FLR, PM reset or bus reset available");
        }
        try {
            sys.reset(addr);
        } catch (IOException e) {
            throw systemError("Unable to reset PCI device " + addr, e);
        }
    }

    private synchronized void requireUnused(String addr) {
        String user = inUse.get(addr);
        if (user != null) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "PCI device " + addr + " is in use by driver QEMU, domain " + user);
        }
    }

    /**
     * A domain's devices go back to the host: those recorded in {@code domainDir} are rebound to
     * their original drivers, then the domain's reservation is dropped. Never throws.
     */
    void release(String name, DomainDef def, Path domainDir) {
        if (domainDir != null) {
            Path file = domainDir.resolve(STATE_FILE);
            Map<String, Optional<String>> detached = load(file);
            List<String> order = new ArrayList<>(detached.keySet());
            java.util.Collections.reverse(order);
            for (String addr : order) {
                reattach(addr, detached.get(addr));
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "cannot remove {0}: {1}", file, e.getMessage());
            }
        }
        if (def != null) {
            synchronized (this) {
                for (HostdevDef h : pciHostdevs(def)) {
                    inUse.remove(HostdevCommandLine.pciName(h), name);
                }
            }
        }
    }

    /** A guest that outlived its driver keeps its devices: they are only marked in use again. */
    synchronized void adopt(String name, DomainDef live) {
        for (HostdevDef h : pciHostdevs(live)) {
            String addr = HostdevCommandLine.pciName(h);
            String user = inUse.putIfAbsent(addr, name);
            if (user != null && !user.equals(name)) {
                LOG.log(System.Logger.Level.WARNING, "PCI device {0} of domain {1} is also used by domain {2}", addr,
                        name, user);
            }
        }
    }

    /** Gives one device back to its original driver (none: left unbound). */
    private void reattach(String addr, Optional<String> original) {
        if (!sys.exists(addr)) {
            LOG.log(System.Logger.Level.WARNING, "PCI device {0} is gone; not rebound", addr);
            return;
        }
        try {
            sys.writeDriverOverride(addr, "\n");
            if (sys.driver(addr).equals(original)) {
                return;
            }
            sys.unbind(addr);
            if (original.isPresent()) {
                sys.probe(addr);
                if (!sys.driver(addr).equals(original) && sys.driverLoaded(original.get())) {
                    sys.unbind(addr); // the probe chose another driver
                    sys.bind(addr, original.get());
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "PCI device {0}: cannot rebind it to {1}: {2}", addr,
                    original.orElse("no driver"), e.toString());
            return;
        }
        Optional<String> now = sys.driver(addr);
        if (now.equals(original)) {
            LOG.log(System.Logger.Level.INFO, "PCI device {0} given back to {1}", addr, original.orElse("no driver"));
        } else {
            LOG.log(System.Logger.Level.WARNING, "PCI device {0}: bound to {1} after the rebind, not to {2}", addr,
                    now.orElse("no driver"), original.orElse("no driver"));
        }
    }

    static String format(Map<String, Optional<String>> detached) {
        StringBuilder b = new StringBuilder();
        detached.forEach((addr, drv) -> b.append(addr).append(drv.map(d -> " " + d).orElse("")).append('\n'));
        return b.toString();
    }

    static Map<String, Optional<String>> load(Path file) {
        Map<String, Optional<String>> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                String[] f = line.strip().split("\\s+");
                if (f.length >= 1 && !f[0].isEmpty()) {
                    out.put(f[0], f.length > 1 ? Optional.of(f[1]) : Optional.empty());
                }
            }
        } catch (NoSuchFileException e) {
            return out;
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot read {0}: {1}", file, e.getMessage());
        }
        return out;
    }

    private static SystemException systemError(String msg, IOException e) {
        // the JDK names the file as the message of these two: say what the kernel said instead
        String why = e instanceof NoSuchFileException ? "No such file or directory"
                : e instanceof java.nio.file.AccessDeniedException ? "Permission denied" : e.getMessage();
        return new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU, msg + ": " + why, e);
    }
}
