package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host resources given to a real guest: a virtiofs share (the guest mounts it and reads a file
 * the host wrote; the driver's virtiofsd goes away with the guest), CPU pinning (the kernel's
 * {@code Cpus_allowed_list} of the vCPU and emulator threads), a host PCI device that does
 * not exist (refused before QEMU runs, naming the address), and a real one with managed='yes' on
 * this host without VFIO (refused before sysfs is touched; the device keeps its driver).
 */
@Tag("qemu")
class HostResourcesIT extends EmbeddedRootTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    private static String xml(String name, int vcpus, String cmdline, String top, String devices, Path log) {
        TestGuest.requireBuilt();
        return """
                <domain type='qemu'>
                  <name>%s</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>%d</vcpu>
                %s  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 quiet panic=-1 %s</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    %s
                    <serial type='pty'><log file='%s' append='off'/><target port='0'/></serial>
                    <console type='pty'><target type='serial' port='0'/></console>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(name, vcpus, top, TestGuest.DIR.resolve("vmlinuz"), TestGuest.DIR.resolve("initrd.img"),
                cmdline, devices, log);
    }

    private static List<ProcessHandle> virtiofsds(Path root) {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("virtiofsd")
                && p.info().commandLine().orElse("").contains(root.toString())).toList();
    }

    @Test
    void theGuestReadsAFileTheHostWroteThroughVirtiofs() throws Exception {
        Path share = Files.createDirectories(tmp.resolve("share"));
        String text = "written by the host " + ProcessHandle.current().pid();
        Files.writeString(share.resolve("hello.txt"), text + "\n");
        Path log = tmp.resolve("console.log");
        Domain d = conn.createXML(xml("vfs", 1, "jvirt.modules=virtiofs jvirt.fs=virtiofs:hostshare:hello.txt",
                "  <memoryBacking><source type='memfd'/><access mode='shared'/></memoryBacking>\n",
                "<filesystem type='mount' accessmode='passthrough'><driver type='virtiofs'/>"
                        + "<source dir='" + share + "'/><target dir='hostshare'/></filesystem>", log), 0);
        Path root = tmp.resolve("root");
        // virtiofsd forks once: the child runs in its namespace sandbox
        assertFalse(virtiofsds(root).isEmpty(), "a virtiofsd serves the share");
        String line = TestGuest.awaitLine(log, java.util.regex.Pattern.compile("^JVIRT-GUEST-FS.*"), WAIT).group();
        assertEquals("JVIRT-GUEST-FS: hostshare: " + text, line.strip());
        assertTrue(Files.readString(root.resolve("log/qemu/vfs.log")).contains("vhost-user-fs-pci"));

        d.destroy();
        TestGuest.await(() -> virtiofsds(root).isEmpty(), Duration.ofSeconds(10), "virtiofsd to end with the guest");
    }

    @Test
    void vcpuAndEmulatorThreadsArePinned() throws Exception {
        Path log = tmp.resolve("console.log");
        Domain d = conn.createXML(xml("pin", 2, "", """
                  <cputune>
                    <vcpupin vcpu='0' cpuset='1'/>
                    <vcpupin vcpu='1' cpuset='0'/>
                    <emulatorpin cpuset='1'/>
                  </cputune>
                """, "", log), 0);
        TestGuest.awaitText(log, TestGuest.READY, WAIT);
        long pid = Long.parseLong(Files.readString(tmp.resolve("root/run/qemu/pin.xml"))
                .replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
        java.util.Map<Integer, Long> vcpuThreads = CgroupTuningIT.vcpuThreads(d);
        assertEquals(2, vcpuThreads.size(), vcpuThreads.toString());
        assertEquals("1", allowed(pid, vcpuThreads.get(0)), "vcpu 0");
        assertEquals("0", allowed(pid, vcpuThreads.get(1)), "vcpu 1");
        assertEquals("1", allowed(pid, pid), "the main (emulator) thread");
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path t : tasks.toList()) {
                long tid = Long.parseLong(t.getFileName().toString());
                if (!vcpuThreads.containsValue(tid) && Files.exists(t)) {
                    assertEquals("1", allowed(pid, tid), "emulator thread " + tid);
                }
            }
        }
        d.destroy();
    }

    @Test
    void aMissingHostPciDeviceIsRefusedBeforeQemuRuns() {
        Path log = tmp.resolve("console.log");
        Domain d = conn.defineXML(xml("pcidev", 1, "", "", """
                <hostdev mode='subsystem' type='pci' managed='no'>
                  <source><address domain='0x0000' bus='0x7e' slot='0x1f' function='0x7'/></source>
                </hostdev>""", log));
        LibvirtException e = assertThrows(LibvirtException.class, d::create);
        assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
        assertTrue(e.getMessage().contains("Device 0000:7e:1f.7 not found"), e.getMessage());
        assertFalse(d.isActive());
        assertFalse(Files.exists(tmp.resolve("root/log/qemu/pcidev.log")), "QEMU never ran");
    }

    /**
     * A real PCI device of this machine with managed='yes': this host (a Firecracker VM) has no
     * IOMMU, no /dev/vfio and no vfio-pci driver, so the start is refused before anything is
     * written to sysfs, naming what is missing, and the device keeps its driver. The device is the
     * first one that is neither storage, network nor a bridge (on this VM the virtio balloon), so
     * that even a bug could not take the machine's disk or network away; on a host that has the
     * vfio-pci driver the test is skipped rather than really rebinding a device.
     */
    @Test
    void aManagedHostPciDeviceIsRefusedOnAHostWithoutVfioAndKeepsItsDriver() throws IOException {
        Assumptions.assumeFalse(Files.isDirectory(Path.of("/sys/bus/pci/drivers/vfio-pci")),
                "this host has the vfio-pci driver: the start would really detach the device");
        Path devices = Path.of("/sys/bus/pci/devices");
        Path pci;
        try (Stream<Path> s = Files.list(devices)) {
            List<Path> all = s.sorted().toList();
            pci = all.stream().filter(p -> Files.isSymbolicLink(p.resolve("driver")) && !classIs(p, "0x01", "0x02", "0x06"))
                    .findFirst().orElseGet(() -> all.stream().filter(p -> !classIs(p, "0x01", "0x02")).findFirst()
                            .orElseThrow(() -> new org.opentest4j.TestAbortedException("no usable PCI device")));
        }
        String addr = pci.getFileName().toString();
        String driverBefore = Files.isSymbolicLink(pci.resolve("driver"))
                ? Files.readSymbolicLink(pci.resolve("driver")).toString() : null;
        String overrideBefore = Files.readString(pci.resolve("driver_override"));
        String[] a = addr.split("[:.]");
        Path log = tmp.resolve("console.log");
        Domain d = conn.defineXML(xml("pcimanaged", 1, "", "", """
                <hostdev mode='subsystem' type='pci' managed='yes'>
                  <source><address domain='0x%s' bus='0x%s' slot='0x%s' function='0x%s'/></source>
                </hostdev>""".formatted(a[0], a[1], a[2], a[3]), log));

        LibvirtException e = assertThrows(LibvirtException.class, d::create);
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.detail().startsWith("host doesn't support VFIO PCI passthrough: "), e.detail());
        assertTrue(e.detail().contains("the vfio-pci driver is not loaded (no /sys/bus/pci/drivers/vfio-pci)"),
                e.detail());
        assertFalse(e.detail().contains("\n"), "one line");
        assertFalse(d.isActive());
        assertFalse(Files.exists(tmp.resolve("root/log/qemu/pcimanaged.log")), "QEMU never ran");
        assertEquals(driverBefore, Files.isSymbolicLink(pci.resolve("driver"))
                ? Files.readSymbolicLink(pci.resolve("driver")).toString() : null, addr + " keeps its driver");
        assertEquals(overrideBefore, Files.readString(pci.resolve("driver_override")), addr + " driver_override");
        try (Stream<Path> s = Files.list(tmp.resolve("root/run/qemu"))) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith("domain-")), "no runtime dir left");
        }
    }

    private static boolean classIs(Path pciDevice, String... prefixes) {
        try {
            String cls = Files.readString(pciDevice.resolve("class")).strip();
            return java.util.Arrays.stream(prefixes).anyMatch(cls::startsWith);
        } catch (IOException e) {
            return true;
        }
    }

    @Test
    void livePinningMovesTheThreadsAndTheConfigKeepsIt() throws Exception {
        Path log = tmp.resolve("console.log");
        Domain d = conn.defineXML(xml("repin", 2, "", "", "", log));
        d.create();
        TestGuest.awaitText(log, TestGuest.READY, WAIT);
        long pid = Long.parseLong(Files.readString(tmp.resolve("root/run/qemu/repin.xml"))
                .replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
        java.util.Map<Integer, Long> vcpus = CgroupTuningIT.vcpuThreads(d);
        java.util.BitSet one = new java.util.BitSet();
        one.set(1);
        d.pinVcpu(0, one, Flags.Affect.LIVE | Flags.Affect.CONFIG);
        assertEquals("1", allowed(pid, vcpus.get(0)), "vcpu 0 moved");
        assertEquals(one, d.getVcpuPinInfo(Flags.Affect.LIVE).get(0));
        assertTrue(Files.readString(tmp.resolve("root/etc/qemu/repin.xml")).contains("<vcpupin vcpu='0' cpuset='1'/>"));
        java.util.BitSet zero = new java.util.BitSet();
        zero.set(0);
        d.pinEmulator(zero, Flags.Affect.LIVE);
        assertEquals("0", allowed(pid, pid), "the main (emulator) thread moved");
        assertEquals("1", allowed(pid, vcpus.get(0)), "vcpu threads are not emulator threads");
        assertEquals(zero, d.getEmulatorPinInfo(Flags.Affect.LIVE));
        assertFalse(Files.readString(tmp.resolve("root/etc/qemu/repin.xml")).contains("emulatorpin"),
                "a live-only change stays out of the config");
        java.util.BitSet offline = new java.util.BitSet();
        offline.set(4096);
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.pinVcpu(1, offline, Flags.Affect.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
    }

    @Test
    void iothreadsAreAddedPinnedAndRemovedLive() throws Exception {
        Path img = tmp.resolve("io.img");
        try (var raf = new java.io.RandomAccessFile(img.toFile(), "rw")) {
            raf.setLength(8L << 20);
        }
        Path log = tmp.resolve("console.log");
        Domain d = conn.defineXML(xml("iot", 2, "", "  <iothreads>1</iothreads>\n", """
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw' iothread='1'/>
                  <source file='%s'/><target dev='vda' bus='virtio'/>
                </disk>""".formatted(img), log));
        d.create();
        TestGuest.awaitText(log, TestGuest.READY, WAIT);
        long pid = CgroupTuningIT.qemuPid(tmp.resolve("root"), "iot");
        int both = Flags.Affect.LIVE | Flags.Affect.CONFIG;
        d.addIOThread(2, both);
        long tid = iothreadTid(d, "iothread2");
        assertTrue(CgroupTuningIT.cgroupsOf(pid, tid).get("cpu").endsWith("/iothread2"),
                CgroupTuningIT.cgroupsOf(pid, tid).toString());
        java.util.BitSet one = new java.util.BitSet();
        one.set(1);
        d.pinIOThread(2, one, both);
        assertEquals("1", allowed(pid, tid), "iothread2 moved");
        assertEquals(List.of(1, 2), d.getIOThreadInfo(Flags.Affect.LIVE).stream().map(io.jvirt.IOThreadInfo::id).toList());
        assertEquals(one, d.getIOThreadInfo(Flags.Affect.LIVE).get(1).cpus(), "the thread's real affinity");
        String config = Files.readString(tmp.resolve("root/etc/qemu/iot.xml"));
        assertTrue(config.contains("<iothreads>2</iothreads>") && config.contains("<iothreadpin iothread='2' cpuset='1'/>"),
                config);

        LibvirtException inUse = assertThrows(LibvirtException.class, () -> d.delIOThread(1, Flags.Affect.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, inUse.number());
        assertTrue(inUse.getMessage().contains("disk 'vda'"), inUse.getMessage());
        LibvirtException twice = assertThrows(LibvirtException.class, () -> d.addIOThread(2, Flags.Affect.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, twice.number());

        d.delIOThread(2, both);
        String threads = d.qemuMonitorCommand("{\"execute\":\"query-iothreads\"}", 0);
        assertTrue(threads.contains("iothread1") && !threads.contains("iothread2"), threads);
        config = Files.readString(tmp.resolve("root/etc/qemu/iot.xml"));
        assertFalse(config.contains("iothread='2'") || config.contains("<iothread id='2'/>"), config);
        assertEquals(List.of(1), d.getIOThreadInfo(Flags.Affect.CONFIG).stream().map(io.jvirt.IOThreadInfo::id).toList());
    }

    private static long iothreadTid(Domain d, String name) throws IOException {
        var reply = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                d.qemuMonitorCommand("{\"execute\":\"query-iothreads\"}", 0));
        for (var t : reply.path("return")) {
            if (t.path("id").asText().equals(name)) {
                return t.path("thread-id").asLong();
            }
        }
        throw new AssertionError(name + " is not in QEMU's query-iothreads: " + reply);
    }

    private static String allowed(long pid, long tid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "task", Long.toString(tid), "status"))
                .stream().filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                .substring("Cpus_allowed_list:".length()).strip();
    }
}
