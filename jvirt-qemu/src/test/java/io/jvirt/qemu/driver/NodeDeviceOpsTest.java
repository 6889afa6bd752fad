package io.jvirt.qemu.driver;

import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.driver.PciHostdevsTest.FakeKernel;
import io.jvirt.qemu.util.Rollback;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * nodedev-detach, nodedev-reattach and nodedev-reset ({@link PciHostdevs#nodeDetach} and the
 * others) on the fake PCI sysfs of {@link PciHostdevsTest}, whose {@link FakeKernel} plays the
 * kernel: what each does to the device's driver, the writes it makes, and what it refuses
 * without touching anything.
 */
class NodeDeviceOpsTest {
    static final String NIC = "0000:06:00.0";
    @TempDir
    Path tmp;
    Path dev;
    FakeKernel kernel;
    PciHostdevs hostdevs;

    @BeforeEach
    void host() throws IOException {
        dev = tmp.resolve("dev");
        kernel = new FakeKernel(tmp.resolve("sys"), dev);
        kernel.driver("vfio-pci");
        kernel.driver("e1000e");
        Files.createDirectories(dev.resolve("vfio"));
        Files.createFile(dev.resolve("vfio/vfio"));
        kernel.device(NIC, "7", "e1000e");
        hostdevs = new PciHostdevs(new PciSysfs(tmp.resolve("sys"), kernel), dev);
    }

    private static LibvirtException refused(ErrorNumber number, String detail, Executable call) {
        LibvirtException e = assertThrows(LibvirtException.class, call);
        assertEquals(detail, e.detail());
        assertEquals(number, e.number());
        return e;
    }

    @Test
    void detachBindsToVfioAndReattachGivesTheDeviceBack() {
        hostdevs.nodeDetach(NIC, null);
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf(NIC));
        assertEquals(List.of(NIC + "/driver_override=vfio-pci", "e1000e/unbind=" + NIC, "drivers_probe=" + NIC),
                kernel.writes);
        kernel.writes.clear();
        hostdevs.nodeDetach(NIC, "vfio"); // already there: nothing to do
        assertEquals(List.of(), kernel.writes);

        hostdevs.nodeReattach(NIC);
        assertEquals(Optional.of("e1000e"), kernel.driverOf(NIC));
        assertEquals("(null)", kernel.override(NIC));
        kernel.writes.clear();
        hostdevs.nodeReattach(NIC); // on its own driver: left as it is
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void detachNamesTheStubAsLibvirtDoes() {
        refused(ErrorNumber.ARGUMENT_UNSUPPORTED, "KVM device assignment is no longer supported on this system",
                () -> hostdevs.nodeDetach(NIC, "kvm"));
        refused(ErrorNumber.INVALID_ARG, "unknown driver name 'xen'", () -> hostdevs.nodeDetach(NIC, "xen"));
        assertEquals(List.of(), kernel.writes);
    }

    @Test
    void aHostWithoutVfioRefusesDetachAndSaysWhatIsMissing() throws IOException {
        Files.delete(dev.resolve("vfio/vfio"));
        refused(ErrorNumber.ARGUMENT_UNSUPPORTED, "VFIO device assignment is currently not supported on this system: no "
                + dev.resolve("vfio/vfio"), () -> hostdevs.nodeDetach(NIC, null));
        assertEquals(List.of(), kernel.writes);
        assertEquals(Optional.of("e1000e"), kernel.driverOf(NIC));
    }

    @Test
    void aDeviceADomainUsesIsNeitherDetachedNorReattachedNorReset() {
        try (Rollback rb = new Rollback()) {
            hostdevs.prepare(DomainXml.parse("<domain type='qemu'><name>web</name><memory>131072</memory><os><type>"
                    + "hvm</type></os><devices><hostdev mode='subsystem' type='pci' managed='yes'><source><address"
                    + " domain='0x0000' bus='0x06' slot='0x00' function='0x0'/></source></hostdev></devices></domain>"),
                    Files.createDirectories(tmp.resolve("run/web")), rb);
            rb.commit();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        kernel.writes.clear();
        String inUse = "PCI device " + NIC + " is in use by driver QEMU, domain web";
        refused(ErrorNumber.OPERATION_INVALID, inUse, () -> hostdevs.nodeDetach(NIC, null));
        refused(ErrorNumber.OPERATION_INVALID, inUse, () -> hostdevs.nodeReattach(NIC));
        refused(ErrorNumber.OPERATION_INVALID, inUse, () -> hostdevs.nodeReset(NIC));
        assertEquals(List.of(), kernel.writes);
        assertEquals(Optional.of("vfio-pci"), kernel.driverOf(NIC));
    }

    @Test
    void resetOnlyOnceNoHostDriverHoldsTheDeviceAndOnlyWhenTheKernelCan() throws IOException {
        refused(ErrorNumber.OPERATION_INVALID, "PCI device " + NIC + " is bound to host driver 'e1000e': detach it"
                + " (nodedev-detach) before a reset", () -> hostdevs.nodeReset(NIC));
        assertEquals(List.of(), kernel.writes);

        hostdevs.nodeDetach(NIC, null);
        kernel.writes.clear();
        refused(ErrorNumber.INTERNAL_ERROR, "Unable to reset PCI device " + NIC
                + ": no FLR, PM reset or bus reset available", () -> hostdevs.nodeReset(NIC));
        Files.writeString(kernel.dev(NIC).resolve("reset"), "");
        hostdevs.nodeReset(NIC);
        assertEquals(List.of(NIC + "/reset=1"), kernel.writes);
    }
}
