package io.jvirt.it.remote;

import io.jvirt.Connect;
import io.jvirt.Flags;
import io.jvirt.NodeDevice;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.it.daemon.Virsh;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host devices side by side: the real virsh 9.0 asks jvirtd and a real libvirtd 9.0 (its udev
 * node device driver) about this host's computer, PCI devices, network interfaces and disks, and
 * must get the same answers;
 * the Java remote client reads libvirtd's and jvirtd's devices alike. Detach, reset and the
 * read-only gate are checked only where they refuse: no test moves a real device of the host.
 */
@Tag("interop")
class NodeDevicesInteropIT {
    @TempDir
    Path tmp;
    Daemons.Running jvirtd;
    Daemons.Running libvirtd;
    String j;
    String l;

    @BeforeEach
    void start() throws Exception {
        jvirtd = Daemons.jvirtd(Files.createDirectories(tmp.resolve("j")));
        libvirtd = Daemons.libvirtd(Files.createDirectories(tmp.resolve("l")));
        j = "qemu+unix:///session?socket=" + jvirtd.socket();
        l = "qemu+unix:///system?socket=" + libvirtd.socket();
    }

    @AfterEach
    void stop() {
        if (jvirtd != null) {
            jvirtd.stop();
        }
        if (libvirtd != null) {
            libvirtd.stop();
        }
    }

    private static List<String> pciNames() throws Exception {
        try (Stream<Path> s = Files.list(Path.of("/sys/bus/pci/devices"))) {
            return s.map(p -> "pci_" + p.getFileName().toString().replace(':', '_').replace('.', '_')).sorted().toList();
        }
    }

    private void sameFromBoth(String... args) {
        Virsh.Result fromJvirtd = Virsh.run(j, args);
        Virsh.Result fromLibvirtd = Virsh.run(l, args);
        assertEquals(0, fromLibvirtd.exit(), fromLibvirtd.toString());
        assertEquals(fromLibvirtd.toString(), fromJvirtd.toString(), String.join(" ", args));
    }

    @Test
    void virshSeesTheSameComputerAndPciDevicesThroughJvirtdAsThroughLibvirtd() throws Exception {
        List<String> pci = pciNames();
        assertFalse(pci.isEmpty(), "this host has PCI devices");
        Virsh.Result list = Virsh.run(j, "nodedev-list", "--cap", "pci");
        assertEquals(String.join("\n", pci) + "\n\n", list.out(), list.toString());
        sameFromBoth("nodedev-list", "--cap", "pci");
        sameFromBoth("nodedev-list", "--cap", "system");
        sameFromBoth("nodedev-list", "--cap", "net,storage");
        // everything libvirt's udev backend finds on this host (computer, PCI, net, disks), and its tree
        sameFromBoth("nodedev-list");
        sameFromBoth("nodedev-list", "--tree");
        for (String name : Virsh.run(l, "nodedev-list").out().strip().split("\n")) {
            sameFromBoth("nodedev-dumpxml", name);
            sameFromBoth("nodedev-info", name);
        }
        // a device that is not there: the same error from both
        Virsh.Result missing = Virsh.run(j, "nodedev-dumpxml", "pci_0000_ff_1f_7");
        assertEquals(1, missing.exit());
        assertEquals(Virsh.run(l, "nodedev-dumpxml", "pci_0000_ff_1f_7").err(), missing.err());
        // a device on its own host driver: re-attach has nothing to do, on both
        sameFromBoth("nodedev-reattach", pci.getLast());
    }

    @Test
    void detachIsRefusedBeforeAnyDeviceIsTouched() throws Exception {
        String dev = pciNames().getLast();
        Path driverLink = Path.of("/sys/bus/pci/devices", pciAddress(dev), "driver");
        Path before = Files.readSymbolicLink(driverLink);

        Virsh.Result ro = Virsh.exec(List.of("virsh", "-r", "-c", j, "nodedev-detach", dev));
        assertEquals(1, ro.exit());
        assertTrue(ro.err().contains("operation forbidden: read only access prevents virNodeDeviceDettach"), ro.toString());
        Virsh.Result roReset = Virsh.exec(List.of("virsh", "-r", "-c", j, "nodedev-reset", dev));
        assertTrue(roReset.err().contains("read only access prevents virNodeDeviceReset"), roReset.toString());

        Virsh.Result kvm = Virsh.run(j, "nodedev-detach", dev, "--driver", "kvm");
        assertEquals(Virsh.run(l, "nodedev-detach", dev, "--driver", "kvm").err(), kvm.err());
        Virsh.Result other = Virsh.run(j, "nodedev-detach", dev, "--driver", "xen");
        assertEquals(Virsh.run(l, "nodedev-detach", dev, "--driver", "xen").err(), other.err());
        if (!Files.exists(Path.of("/dev/vfio/vfio"))) {
            // this host cannot assign devices: both say so (jvirtd also says why)
            Virsh.Result vfio = Virsh.run(j, "nodedev-detach", dev);
            assertEquals(1, vfio.exit());
            assertTrue(vfio.err().startsWith("error: Failed to detach device " + dev + "\nerror: argument unsupported: "
                    + "VFIO device assignment is currently not supported on this system: "), vfio.toString());
        }
        // a device its host driver holds is not reset under it
        Virsh.Result reset = Virsh.run(j, "nodedev-reset", dev);
        assertEquals(1, reset.exit());
        assertTrue(reset.err().contains("is bound to host driver"), reset.toString());
        assertEquals(before, Files.readSymbolicLink(driverLink), "the device kept its driver");
    }

    @Test
    void theJavaClientReadsDevicesFromLibvirtdAndJvirtdAlike() throws Exception {
        try (Connect lc = Connect.open(l); Connect jc = Connect.open(j)) {
            List<String> fromLibvirtd = new ArrayList<>(lc.listAllNodeDevices(Flags.ListAllNodeDevices.CAP_PCI_DEV)
                    .stream().map(NodeDevice::getName).sorted().toList());
            assertEquals(pciNames(), fromLibvirtd);
            assertEquals(fromLibvirtd, jc.listAllNodeDevices(Flags.ListAllNodeDevices.CAP_PCI_DEV).stream()
                    .map(NodeDevice::getName).sorted().toList());
            for (String name : fromLibvirtd) {
                NodeDevice ld = lc.nodeDeviceLookupByName(name);
                NodeDevice jd = jc.nodeDeviceLookupByName(name);
                assertEquals(ld.getXMLDesc(0), jd.getXMLDesc(0), name);
                assertEquals(ld.getParent(), jd.getParent(), name);
                assertEquals(ld.listCaps(), jd.listCaps(), name);
            }
            List<String> everything = lc.listAllNodeDevices(0).stream().map(NodeDevice::getName).sorted().toList();
            assertEquals(everything, jc.listAllNodeDevices(0).stream().map(NodeDevice::getName).sorted().toList());
            for (String name : everything) {
                assertEquals(lc.nodeDeviceLookupByName(name).getXMLDesc(0), jc.nodeDeviceLookupByName(name).getXMLDesc(0));
                assertEquals(lc.nodeDeviceLookupByName(name).listCaps(), jc.nodeDeviceLookupByName(name).listCaps());
            }
            assertEquals(null, jc.nodeDeviceLookupByName("computer").getParent());
            LibvirtException e = assertThrows(LibvirtException.class, () -> jc.nodeDeviceLookupByName("nope"));
            assertEquals(ErrorNumber.NO_NODE_DEVICE, e.number());
            assertEquals(jc.nodeListDevices("pci", 0), jc.listAllNodeDevices(Flags.ListAllNodeDevices.CAP_PCI_DEV)
                    .stream().map(NodeDevice::getName).toList());
        }
    }

    private static String pciAddress(String name) {
        String[] f = name.split("_");
        return f[1] + ":" + f[2] + ":" + f[3] + "." + f[4];
    }
}
