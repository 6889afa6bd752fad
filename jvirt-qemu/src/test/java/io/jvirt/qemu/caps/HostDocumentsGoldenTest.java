package io.jvirt.qemu.caps;

import io.jvirt.NodeInfo;
import io.jvirt.qemu.host.HostTopology;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Golden files for the host documents jvirt serves besides domains: capabilities and domain
 * capabilities, formatted from fixed probe results and host facts, compared byte for byte with
 * {@code src/test/resources/golden/host/NAME.xml} (rewritten with {@code -Djvirt.golden.update=true})
 * and each validated by the real {@code virt-xml-validate} against libvirt 9.0's schema.
 */
class HostDocumentsGoldenTest {
    static final Path DIR = Path.of("src/test/resources/golden/host");
    static final boolean UPDATE = Boolean.getBoolean("jvirt.golden.update");

    static final KvmVerdict NO_KVM = new KvmVerdict(false, "RP", "the vCPU never reached long mode");
    static final KvmVerdict KVM = new KvmVerdict(true, "RPL", "a KVM vCPU ran the probe firmware");

    static QemuCaps caps(KvmVerdict kvm, List<QemuCaps.CpuModel> models, Set<String> devices) {
        return new QemuCaps("/usr/bin/qemu-system-x86_64", 7_002_000, "Debian 1:7.2+dfsg-7+deb12u18", "x86_64",
                List.of(new QemuCaps.Machine("pc-i440fx-7.2", "pc", true, 255, false),
                        new QemuCaps.Machine("pc-q35-7.2", "q35", false, 288, false),
                        new QemuCaps.Machine("pc-i440fx-2.0", null, false, 255, true)),
                models, devices, true, kvm);
    }

    static final List<QemuCaps.CpuModel> MODELS = List.of(new QemuCaps.CpuModel("qemu64", true, false),
            new QemuCaps.CpuModel("Skylake-Client", false, false), new QemuCaps.CpuModel("Opteron_G1", true, true),
            new QemuCaps.CpuModel("max", true, false));
    static final Set<String> DEVICES = Set.of("ide-hd", "ide-cd", "isa-fdc", "scsi-hd", "virtio-blk-pci",
            "usb-storage", "ich9-ahci", "VGA", "virtio-net-pci", "tpm-tis", "tpm-crb");

    static final NodeInfo NODE = new NodeInfo("x86_64", 24_000_000, 2, 2400, 1, 1, 2, 1);
    static final HostTopology ONE_CELL = new HostTopology(List.of(new HostTopology.Cell(0, 24_000_000, List.of(
            new HostTopology.Cpu(0, 0, 0, 0, "0"), new HostTopology.Cpu(1, 0, 0, 1, "1")))));
    static final HostTopology TWO_CELLS = new HostTopology(List.of(
            new HostTopology.Cell(0, 8_000_000, List.of(new HostTopology.Cpu(0, 0, 0, 0, "0,2"),
                    new HostTopology.Cpu(2, 0, 0, 0, "0,2"))),
            new HostTopology.Cell(1, 8_000_000, List.of(new HostTopology.Cpu(1, 1, 0, 0, "1,3"),
                    new HostTopology.Cpu(3, 1, 0, 0, "1,3")))));

    static Map<String, Supplier<String>> cases() {
        Map<String, Supplier<String>> m = new LinkedHashMap<>();
        QemuCaps tcg = caps(NO_KVM, MODELS, DEVICES);
        QemuCaps kvm = caps(KVM, MODELS, DEVICES);
        m.put("capabilities-tcg-only", () -> CapabilitiesXml.format("5d0b6b4e-1111-4a3a-8e2c-000000000001", "x86_64",
                NODE, ONE_CELL, false, List.of(tcg)));
        m.put("capabilities-kvm-usable", () -> CapabilitiesXml.format("5d0b6b4e-1111-4a3a-8e2c-000000000002",
                "x86_64", NODE, ONE_CELL, true, List.of(kvm)));
        m.put("capabilities-two-numa-cells", () -> CapabilitiesXml.format(null, "x86_64",
                new NodeInfo("x86_64", 16_000_000, 4, 3000, 2, 2, 1, 2), TWO_CELLS, false, List.of(tcg)));
        m.put("capabilities-no-emulator", () -> CapabilitiesXml.format(null, "x86_64", NODE, ONE_CELL, false,
                List.of()));
        m.put("domcaps-pc-tcg", () -> DomainCapsXml.format(tcg, tcg.machines().get(0), "qemu"));
        m.put("domcaps-q35-tcg", () -> DomainCapsXml.format(tcg, tcg.machines().get(1), "qemu"));
        m.put("domcaps-pc-kvm", () -> DomainCapsXml.format(kvm, kvm.machines().get(0), "kvm"));
        QemuCaps withHost = new QemuCaps(tcg.binary(), tcg.version(), tcg.packageVersion(), tcg.arch(), tcg.machines(),
                tcg.cpuModels(), tcg.deviceTypes(), true, NO_KVM, new HostCpuModel("EPYC", "AMD",
                List.of("la57", "pku", "vaes"), List.of("rdseed", "sha-ni")));
        m.put("domcaps-host-model", () -> DomainCapsXml.format(withHost, withHost.machines().get(0), "qemu"));
        HostFirmware ovmf = new HostFirmware(List.of("efi"), List.of("/usr/share/OVMF/OVMF_CODE_4M.ms.fd",
                "/usr/share/OVMF/OVMF_CODE_4M.fd"), true, true);
        m.put("domcaps-q35-ovmf-swtpm", () -> DomainCapsXml.format(tcg, tcg.machines().get(1), "qemu", ovmf));
        QemuCaps bare = caps(NO_KVM, List.of(), Set.of());
        m.put("domcaps-no-models-no-devices", () -> DomainCapsXml.format(bare, bare.machines().get(0), "qemu"));
        return m;
    }

    @TestFactory
    Stream<DynamicTest> hostDocuments() {
        return cases().entrySet().stream().map(e -> DynamicTest.dynamicTest(e.getKey(), () -> {
            String actual = e.getValue().get();
            Path expected = DIR.resolve(e.getKey() + ".xml");
            if (UPDATE) {
                Files.writeString(expected, actual, StandardCharsets.UTF_8);
            } else {
                assertEquals(Files.readString(expected, StandardCharsets.UTF_8), actual, e.getKey());
            }
            validate(expected, e.getKey().startsWith("capabilities") ? "capability" : "domaincaps");
        }));
    }

    private static void validate(Path file, String schema) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("virt-xml-validate", file.toString(), schema).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), file + " is not valid '" + schema + "':\n" + out);
        assertTrue(out.contains("validates"), out);
    }
}
