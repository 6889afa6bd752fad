package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.util.Rollback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link PciHostdevs} on a directory tree shaped like {@code /sys/bus/pci} and {@code /dev/vfio}.
 * The production code only writes files and reads links back; {@link FakeKernel} plays the
 * kernel's part here (a write to {@code unbind} removes the driver link, {@code drivers_probe}
 * binds the device to its {@code driver_override} or its native driver, ...), so the test sees
 * what a real host would do. It also records every write, to assert that a refused start
 * touched nothing.
 */
class PciHostdevsTest {
    @TempDir
    Path tmp;
    Path sys;
    Path dev;
    Path domainDir;
    FakeKernel kernel;
    PciHostdevs hostdevs;

    @BeforeEach
    void host() throws IOException {
        sys = tmp.resolve("sys");
        dev = tmp.resolve("dev");
        domainDir = Files.createDirectories(tmp.resolve("run/domain-1-a"));
        kernel = new FakeKernel(sys, dev);
        kernel.driver("vfio-pci");
        kernel.driver("e1000e");
        kernel.driver("snd_hda_intel");
        Files.createDirectories(dev.resolve("vfio"));
        Files.createFile(dev.resolve("vfio/vfio"));
        kernel.device("0000:06:00.0", "7", "e1000e");
        kernel.device("0000:07:00.0", "8", "snd_hda_intel");
        kernel.device("0000:07:00.1", "8", "snd_hda_intel");
        kernel.device("0000:09:00.0", "9", null);
        hostdevs = driverOn(kernel);
    }

    private PciHostdevs driverOn(FakeKernel k) {
        return new PciHostdevs(new PciSysfs(sys, k), dev);
    }

    private static DomainDef domain(String name, String... hostdevs) {
        StringBuilder devs = new StringBuilder();
        for (String h : hostdevs) {
            String[] f = h.split(" "); // ADDR yes|no
            String[] a = f[0].split("[:.]");
            devs.append("<hostdev mode='subsystem' type='pci' managed='").append(f[1]).append("'><source><address ")
                    .append("domain='0x").append(a[0]).append("' bus='0x").append(a[1]).append("' slot='0x")
                    .append(a[2]).append("' function='0x").append(a[3]).append("'/></source></hostdev>");
        }
        return DomainXml.parse("<domain type='qemu'><name>" + name + "</name><memory>131072</memory><os><type>hvm"
                + "</type></os><devices>" + devs + "</devices></domain>");
    }

    private void start(PciHostdevs h, DomainDef def, Path dir) {
        try (Rollback rb = new Rollback()) {
            h.prepare(def, dir, rb);
            rb.commit();
        }
    }

    @Test
    void aManagedDeviceIsBoundToVfioAtStartAndGivenBackAtStop() throws IOException {
        DomainDef a = domain("a", "0000:06:00.0 yes");
        start(hostdevs, a, domainDir);
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf("0000:06:00.0"));
        assertEquals(List.of("0000:06:00.0/driver_override=vfio-pci", "e1000e/unbind=0000:06:00.0",
                "drivers_probe=0000:06:00.0"), kernel.writes);
        assertEquals("0000:06:00.0 e1000e\n", Files.readString(domainDir.resolve(PciHostdevs.STATE_FILE)));
        assertTrue(Files.exists(dev.resolve("vfio/7")), "the VFIO group node QEMU opens");

        kernel.writes.clear();
        hostdevs.release("a", a, domainDir);
        assertEquals(Optional.of("e1000e"), kernel.driverOf("0000:06:00.0"));
        assertEquals(List.of("0000:06:00.0/driver_override=\n", "vfio-pci/unbind=0000:06:00.0",
                "drivers_probe=0000:06:00.0"), kernel.writes);
        assertEquals("(null)", Files.readString(kernel.dev("0000:06:00.0").resolve("driver_override")).strip());
        assertFalse(Files.exists(domainDir.resolve(PciHostdevs.STATE_FILE)));
        start(driverOn(kernel), domain("b", "0000:06:00.0 yes"), domainDir); // free again
    }

    @Test
    void aHostWithoutVfioIsRefusedBeforeAnythingIsTouched() throws IOException {
        Files.delete(dev.resolve("vfio/vfio"));
        kernel.removeDriver("vfio-pci");
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("a", "0000:06:00.0 yes"), domainDir));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertEquals("host doesn't support VFIO PCI passthrough: no " + dev.resolve("vfio/vfio")
                + ", the vfio-pci driver is not loaded (no " + sys.resolve("bus/pci/drivers/vfio-pci") + ")",
                e.detail());
        assertEquals(List.of(), kernel.writes);
        assertEquals(Optional.of("e1000e"), kernel.driverOf("0000:06:00.0"));
        assertFalse(Files.exists(domainDir.resolve(PciHostdevs.STATE_FILE)));
    }

    @Test
    void aHostWithoutIommuIsRefused() throws IOException {
        kernel.removeIommuGroups();
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("a", "0000:06:00.0 no"), domainDir));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.detail().endsWith("no IOMMU (no group in " + sys.resolve("kernel/iommu_groups") + ")"),
                e.getMessage());
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void aDeviceHeldByAnotherRunningDomainIsRefused() {
        start(hostdevs, domain("a", "0000:06:00.0 yes"), domainDir);
        kernel.writes.clear();
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("b", "0000:06:00.0 yes"), tmp.resolve("run")));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("PCI device 0000:06:00.0 is in use by driver QEMU, domain a", e.detail());
        assertEquals(List.of(), kernel.writes, "b's refusal left a's device alone");
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf("0000:06:00.0"));
    }

    @Test
    void aDeviceWhoseIommuGroupPeerIsHeldByAnotherDomainIsRefused() throws IOException {
        kernel.rebind("0000:07:00.1", "vfio-pci");
        start(hostdevs, domain("a", "0000:07:00.1 no"), domainDir);
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("b", "0000:07:00.0 yes"), tmp.resolve("run")));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("PCI device 0000:07:00.1 is in use by driver QEMU, domain a", e.detail());
    }

    @Test
    void aGroupPeerOnAHostDriverIsRefusedNamingIt() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("a", "0000:07:00.0 yes"), domainDir));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("PCI device 0000:07:00.0 cannot be assigned: device 0000:07:00.1 of its IOMMU group 8 is bound "
                + "to host driver 'snd_hda_intel' (every device of the group must be bound to vfio-pci or to no "
                + "driver)", e.detail());
        assertEquals(List.of(), kernel.writes);
        assertEquals(Optional.of("snd_hda_intel"), kernel.driverOf("0000:07:00.0"));
        // the whole group assigned to the domain is fine, and goes back whole
        DomainDef both = domain("a", "0000:07:00.0 yes", "0000:07:00.1 yes");
        start(hostdevs, both, domainDir);
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf("0000:07:00.0"));
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf("0000:07:00.1"));
        hostdevs.release("a", both, domainDir);
        assertEquals(Optional.of("snd_hda_intel"), kernel.driverOf("0000:07:00.0"));
        assertEquals(Optional.of("snd_hda_intel"), kernel.driverOf("0000:07:00.1"));
    }

    @Test
    void aFailedBindRollsBackTheDevicesAlreadyMoved() {
        kernel.refuseVfio.add("0000:09:00.0");
        DomainDef a = domain("a", "0000:06:00.0 yes", "0000:09:00.0 yes");
        LibvirtException e = assertThrows(LibvirtException.class, () -> start(hostdevs, a, domainDir));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        assertEquals("Failed to bind PCI device '0000:09:00.0' to vfio-pci (its driver after the probe: none)",
                e.detail());
        assertEquals(Optional.of("e1000e"), kernel.driverOf("0000:06:00.0"), "the first device went back");
        assertEquals(Optional.empty(), kernel.driverOf("0000:09:00.0"), "the second had no driver and has none");
        assertEquals("(null)", kernel.override("0000:09:00.0"));
        assertFalse(Files.exists(domainDir.resolve(PciHostdevs.STATE_FILE)));
        kernel.refuseVfio.clear();
        start(hostdevs, domain("b", "0000:06:00.0 yes"), tmp.resolve("run")); // the reservation is gone too
    }

    @Test
    void anUnmanagedDeviceMustAlreadyBeOnVfio() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("a", "0000:06:00.0 no"), domainDir));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        assertEquals("PCI device 0000:06:00.0 is not bound to vfio-pci (its driver: e1000e)", e.detail());
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void aManagedDeviceAlreadyOnVfioIsLeftAsFoundAtStartAndStop() throws IOException {
        kernel.rebind("0000:06:00.0", "vfio-pci");
        DomainDef a = domain("a", "0000:06:00.0 yes");
        start(hostdevs, a, domainDir);
        hostdevs.release("a", a, domainDir);
        assertEquals(List.of(), kernel.writes);
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf("0000:06:00.0"));
    }

    @Test
    void aDeviceThatHadNoDriverIsLeftUnboundAtStop() {
        DomainDef a = domain("a", "0000:09:00.0 yes");
        start(hostdevs, a, domainDir);
        assertEquals(List.of("0000:09:00.0/driver_override=vfio-pci", "drivers_probe=0000:09:00.0"), kernel.writes);
        kernel.writes.clear();
        hostdevs.release("a", a, domainDir);
        assertEquals(List.of("0000:09:00.0/driver_override=\n", "vfio-pci/unbind=0000:09:00.0"), kernel.writes);
        assertEquals(Optional.empty(), kernel.driverOf("0000:09:00.0"));
    }

    @Test
    void whenTheProbeChoosesAnotherDriverTheOriginalOneIsBoundByName() throws IOException {
        DomainDef a = domain("a", "0000:06:00.0 yes");
        start(hostdevs, a, domainDir);
        kernel.driver("igb");
        kernel.nativeDriver.put("0000:06:00.0", "igb"); // e.g. a module loaded meanwhile claims it first
        hostdevs.release("a", a, domainDir);
        assertEquals(Optional.of("e1000e"), kernel.driverOf("0000:06:00.0"));
        assertEquals("e1000e/bind=0000:06:00.0", kernel.writes.getLast());
    }

    @Test
    void aRestartedDriverKeepsTheDevicesOfARunningGuestAndGivesThemBackAtStop() {
        DomainDef a = domain("a", "0000:06:00.0 yes");
        start(hostdevs, a, domainDir);
        kernel.writes.clear();

        PciHostdevs restarted = driverOn(kernel); // a new driver process: an empty in-use table
        restarted.adopt("a", a);
        assertEquals(List.of(), kernel.writes, "adopting rebinds nothing");
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf("0000:06:00.0"));
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(restarted, domain("b", "0000:06:00.0 yes"), tmp.resolve("run")));
        assertEquals("PCI device 0000:06:00.0 is in use by driver QEMU, domain a", e.detail());

        restarted.release("a", a, domainDir);
        assertEquals(Optional.of("e1000e"), kernel.driverOf("0000:06:00.0"), "from the state file");
    }

    @Test
    void aWriteTheKernelRefusesIsASystemErrorNamingTheDevice() {
        kernel.failWrites = true;
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> start(hostdevs, domain("a", "0000:06:00.0 yes"), domainDir));
        assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
        assertEquals("Failed to add driver 'vfio-pci' to driver_override interface of PCI device '0000:06:00.0': "
                + "Permission denied", e.detail());
        kernel.failWrites = false;
        assertEquals(Optional.of("e1000e"), kernel.driverOf("0000:06:00.0"));
    }

    /**
     * The kernel's side of the PCI sysfs files, for this test only: each write lands in its file
     * and then has the effect the kernel gives it.
     */
    static final class FakeKernel implements PciSysfs.Writer {
        final Path sys;
        final Path dev;
        final List<String> writes = new ArrayList<>();
        final Map<String, String> nativeDriver = new HashMap<>();
        final Set<String> refuseVfio = new HashSet<>();
        boolean failWrites;

        FakeKernel(Path sys, Path dev) throws IOException {
            this.sys = sys;
            this.dev = dev;
            Files.createDirectories(sys.resolve("bus/pci/devices"));
            Files.createDirectories(sys.resolve("bus/pci/drivers"));
            Files.writeString(sys.resolve("bus/pci/drivers_probe"), "");
        }

        Path dev(String addr) {
            return sys.resolve("bus/pci/devices").resolve(addr);
        }

        void driver(String name) throws IOException {
            Path d = Files.createDirectories(sys.resolve("bus/pci/drivers").resolve(name));
            Files.writeString(d.resolve("bind"), "");
            Files.writeString(d.resolve("unbind"), "");
        }

        void removeDriver(String name) throws IOException {
            Path d = sys.resolve("bus/pci/drivers").resolve(name);
            Files.delete(d.resolve("bind"));
            Files.delete(d.resolve("unbind"));
            Files.delete(d);
        }

        void removeIommuGroups() throws IOException {
            try (var s = Files.walk(sys.resolve("kernel/iommu_groups"))) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
            Files.createDirectories(sys.resolve("kernel/iommu_groups"));
        }

        void device(String addr, String group, String driver) throws IOException {
            Path d = Files.createDirectories(dev(addr));
            Files.writeString(d.resolve("config"), "");
            Files.writeString(d.resolve("vendor"), "0x8086\n");
            Files.writeString(d.resolve("device"), "0x10d3\n");
            Files.writeString(d.resolve("driver_override"), "(null)\n");
            Path g = Files.createDirectories(sys.resolve("kernel/iommu_groups").resolve(group).resolve("devices"));
            Files.createSymbolicLink(g.resolve(addr), Path.of("../../../../bus/pci/devices").resolve(addr));
            Files.createSymbolicLink(d.resolve("iommu_group"), Path.of("../../../../kernel/iommu_groups").resolve(group));
            if (driver != null) {
                nativeDriver.put(addr, driver);
                bind(addr, driver);
            }
        }

        Optional<String> driverOf(String addr) {
            try {
                return Optional.of(Files.readSymbolicLink(dev(addr).resolve("driver")).getFileName().toString());
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        String override(String addr) {
            try {
                return Files.readString(dev(addr).resolve("driver_override")).strip();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** Moves a device to another driver behind the driver's back (as an administrator would). */
        void rebind(String addr, String driver) throws IOException {
            Files.deleteIfExists(dev(addr).resolve("driver"));
            bind(addr, driver);
        }

        void bind(String addr, String driver) throws IOException {
            Files.createSymbolicLink(dev(addr).resolve("driver"), Path.of("../../drivers").resolve(driver));
            if (driver.equals("vfio-pci")) {
                String group = Files.readSymbolicLink(dev(addr).resolve("iommu_group")).getFileName().toString();
                Path node = dev.resolve("vfio").resolve(group);
                if (!Files.exists(node)) {
                    Files.createFile(node);
                }
            }
        }

        @Override
        public void write(Path file, String value) throws IOException {
            if (failWrites) {
                throw new java.nio.file.AccessDeniedException(file.toString()); // as the JDK reports EACCES
            }
            Path real = file.toRealPath();
            PciSysfs.FILES.write(file, value); // the file must exist, as in sysfs
            Path rel = sys.toRealPath().relativize(real);
            String name = real.getFileName().toString();
            String parent = real.getParent().getFileName().toString();
            writes.add((name.equals("drivers_probe") ? "" : parent + "/") + name + "=" + value);
            switch (name) {
                case "driver_override" -> Files.writeString(real, value.strip().isEmpty() ? "(null)\n" : value + "\n");
                case "unbind" -> {
                    if (!driverOf(value).equals(Optional.of(parent))) {
                        throw new IOException("No such device");
                    }
                    Files.delete(dev(value).resolve("driver"));
                }
                case "bind" -> {
                    if (driverOf(value).isPresent()) {
                        throw new IOException("Device or resource busy");
                    }
                    bind(value, parent);
                }
                case "drivers_probe" -> {
                    if (driverOf(value).isPresent()) {
                        return;
                    }
                    String ov = override(value);
                    String drv = ov.equals("(null)") ? nativeDriver.get(value) : ov;
                    if (drv != null && Files.isDirectory(sys.resolve("bus/pci/drivers").resolve(drv))
                            && !(drv.equals("vfio-pci") && refuseVfio.contains(value))) {
                        bind(value, drv);
                    }
                }
                case "reset" -> {
                    // the kernel resets the device; nothing to see in the tree
                }
                default -> throw new IOException("unexpected write to " + rel);
            }
        }
    }
}
