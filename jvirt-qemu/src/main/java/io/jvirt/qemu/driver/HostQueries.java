package io.jvirt.qemu.driver;

import io.jvirt.NodeInfo;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.qemu.caps.CapabilitiesXml;
import io.jvirt.qemu.caps.CapsCache;
import io.jvirt.qemu.caps.DomainCapsXml;
import io.jvirt.qemu.caps.QemuCaps;
import io.jvirt.qemu.host.DmiSysinfo;
import io.jvirt.qemu.host.HostTopology;
import io.jvirt.qemu.host.NodeFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/** The host-level API: capabilities documents, node facts, sysinfo. */
final class HostQueries {
    private static final System.Logger LOG = System.getLogger(HostQueries.class.getName());
    private final QemuDriver driver;
    private final NodeFacts node = NodeFacts.host();

    HostQueries(QemuDriver driver) {
        this.driver = driver;
    }

    /**
     * The emulators the capabilities list: the configured default, {@code /usr/bin/qemu-system-ARCH}
     * for every installed target, and qemu-kvm where a distribution installs it.
     */
    List<String> emulators() {
        TreeSet<String> found = new TreeSet<>();
        String dflt = driver.defaultEmulator(CapsCache.hostArch());
        if (Files.isExecutable(Path.of(dflt))) {
            found.add(dflt);
        }
        try (Stream<Path> s = Files.list(Path.of("/usr/bin"))) {
            s.filter(p -> p.getFileName().toString().matches("qemu-system-[a-z0-9_]+"))
                    .filter(Files::isExecutable).forEach(p -> found.add(p.toString()));
        } catch (IOException e) {
            // no /usr/bin: only the configured emulator
        }
        for (String kvm : List.of("/usr/bin/qemu-kvm", "/usr/libexec/qemu-kvm")) {
            if (Files.isExecutable(Path.of(kvm))) {
                found.add(kvm);
            }
        }
        return new ArrayList<>(found);
    }

    String capabilities() {
        List<String> bins = emulators();
        List<Future<QemuCaps>> probes = new ArrayList<>();
        try (var exec = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (String b : bins) {
                probes.add(exec.submit((Callable<QemuCaps>) () -> driver.caps.get(b)));
            }
        }
        List<QemuCaps> caps = new ArrayList<>();
        for (int i = 0; i < bins.size(); i++) {
            try {
                caps.add(probes.get(i).get());
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "emulator " + bins.get(i) + " left out of the capabilities: "
                        + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()));
            }
        }
        caps.sort(java.util.Comparator.comparing(QemuCaps::arch).thenComparing(QemuCaps::binary));
        String arch = CapsCache.hostArch();
        return CapabilitiesXml.format(hostUuid(), arch, node.nodeInfo(arch), node.topology(), iommu(), caps);
    }

    String domainCapabilities(String emulatorBin, String arch, String machine, String virtType) {
        String a = arch;
        String bin = emulatorBin;
        if (bin == null) {
            String host = CapsCache.hostArch();
            String target = a == null ? host : a;
            bin = target.equals(host) ? driver.defaultEmulator(host)
                    : "/usr/bin/qemu-system-" + (target.equals("i686") ? "i386" : target);
        }
        QemuCaps q = driver.caps.get(bin);
        if (a != null && !a.equals(q.arch())) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "emulator '" + bin + "' does not support arch '" + a + "'");
        }
        String type = virtType == null ? (q.kvmUsable() ? "kvm" : "qemu") : virtType;
        if (!type.equals("qemu") && !type.equals("kvm")) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "unknown virttype: " + type);
        }
        if (type.equals("kvm") && !q.kvmUsable()) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "KVM is not usable on this host with '" + bin + "': " + q.kvm().reason());
        }
        QemuCaps.Machine m = machine == null ? q.defaultMachine().orElse(null) : q.machine(machine).orElse(null);
        if (m == null) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "the machine '" + (machine == null ? "(default)" : machine) + "' is not supported by emulator '"
                            + bin + "'");
        }
        return DomainCapsXml.format(q, m, type, FirmwareDescriptors.hostFirmware(q.arch(), m.name()));
    }

    NodeInfo nodeInfo() {
        return node.nodeInfo(CapsCache.hostArch());
    }

    Map<String, Long> memoryStats(int cellNum) {
        return node.memoryStats(cellNum);
    }

    String sysinfo() {
        return DmiSysinfo.xml(Path.of("/"));
    }

    /** The host's UUID: SMBIOS's when readable, else systemd's machine id. */
    static String hostUuid() {
        for (String f : List.of("/sys/class/dmi/id/product_uuid", "/etc/machine-id")) {
            try {
                String s = Files.readString(Path.of(f)).strip().replace("-", "").toLowerCase(java.util.Locale.ROOT);
                if (s.matches("[0-9a-f]{32}") && !s.matches("0+|f+")) {
                    return s.substring(0, 8) + "-" + s.substring(8, 12) + "-" + s.substring(12, 16) + "-"
                            + s.substring(16, 20) + "-" + s.substring(20);
                }
            } catch (IOException | RuntimeException e) {
                // next source
            }
        }
        return null;
    }

    private static boolean iommu() {
        try (Stream<Path> s = Files.list(Path.of("/sys/kernel/iommu_groups"))) {
            return s.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }
}
