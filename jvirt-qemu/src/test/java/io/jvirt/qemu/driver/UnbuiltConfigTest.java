package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.PostParseContext;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Parts of the domain model the argv builder does not build are refused with
 * VIR_ERR_CONFIG_UNSUPPORTED naming them, never silently ignored; what the machine provides
 * anyway (the implicit chipset controllers, PS/2 inputs and the VGA with VNC) is accepted.
 */
class UnbuiltConfigTest {
    private static final String BASE = """
            <domain type='qemu'>
              <name>t</name>
              <memory unit='MiB'>128</memory>
              <vcpu>2</vcpu>
              <os>
                <type arch='x86_64' machine='MACHINE'>hvm</type>
              </os>
              <features><acpi/><apic/><pae/></features>
              TOP
              <devices>
                DEVICES
                <serial type='pty'><target port='0'/></serial>
              </devices>
            </domain>
            """;

    private static DomainDef define(String machine, String top, String devices) {
        String xml = BASE.replace("MACHINE", machine).replace("TOP", top).replace("DEVICES", devices);
        Random r = new Random(1);
        return DomainPostParse.apply(DomainXml.parse(xml), new PostParseContext() {
            public String defaultArch() {
                return "x86_64";
            }

            public String defaultEmulator(String arch) {
                return "/usr/bin/qemu-system-x86_64";
            }

            public String canonicalMachine(String emulator, String arch, String m) {
                return m.equals("q35") ? "pc-q35-7.2" : "pc-i440fx-7.2";
            }

            public Set<String> usedMacs() {
                return Set.of();
            }

            public void randomBytes(byte[] into) {
                r.nextBytes(into);
            }
        });
    }

    @Test
    void implicitMachineDevicesAreAccepted() {
        assertDoesNotThrow(() -> UnbuiltConfig.refuse(define("pc", "", "<graphics type='vnc' port='-1'/>")));
        assertDoesNotThrow(() -> UnbuiltConfig.refuse(define("q35", "", "<controller type='usb' model='none'/>")));
    }

    /** The project's own example guest (what the ITs and the demo boot) must stay startable. */
    @Test
    void exampleGuestIsAccepted() throws Exception {
        String xml = java.nio.file.Files.readString(java.nio.file.Path.of("../examples/tiny-guest.xml"));
        Random r = new Random(3);
        DomainDef def = DomainPostParse.apply(DomainXml.parse(xml), new PostParseContext() {
            public String defaultArch() {
                return "x86_64";
            }

            public String defaultEmulator(String arch) {
                return "/usr/bin/qemu-system-x86_64";
            }

            public String canonicalMachine(String emulator, String arch, String m) {
                return "pc-i440fx-7.2";
            }

            public Set<String> usedMacs() {
                return Set.of();
            }

            public void randomBytes(byte[] into) {
                r.nextBytes(into);
            }
        });
        assertDoesNotThrow(() -> UnbuiltConfig.refuse(def));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<controller type='scsi' model='megasas'/>|controller 'scsi'",
        "<panic model='hyperv'/>|panic model 'hyperv'",
    })
    void devicesTheBuilderDoesNotBuildAreRefused(String spec) {
        String[] parts = spec.split("\\|");
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> UnbuiltConfig.refuse(define("q35", "", parts[0])));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<memoryBacking><source type='memfd'/><access mode='shared'/><locked/></memoryBacking>|NOTHING",
        "<cputune><shares>100</shares></cputune>|NOTHING", // a cgroup setting: GuestCgroups
        "<cputune><vcpupin vcpu='0' cpuset='0'/><emulatorpin cpuset='0'/></cputune>|NOTHING", // CpuPinning
        "<memtune><hard_limit>1048576</hard_limit></memtune>|NOTHING", // GuestCgroups
        "<blkiotune><weight>500</weight></blkiotune>|NOTHING",
        "<numatune><memory mode='strict' nodeset='0'/></numatune>|NOTHING",
        "<resource><partition>/machine</partition></resource>|NOTHING",
        "<iothreads>1</iothreads>|NOTHING",
        "<genid/>|NOTHING",
        "<on_poweroff>destroy</on_poweroff>|NOTHING",
        "<on_reboot>destroy</on_reboot>|NOTHING",
        "<on_poweroff>restart</on_poweroff>|NOTHING",
        "<on_crash>coredump-destroy</on_crash>|NOTHING", // built; preserve/rename-restart: MachineRules
    })
    void domainPartsTheBuilderDoesNotBuildAreRefused(String spec) {
        String[] parts = spec.split("\\|");
        if (parts[1].equals("NOTHING")) {
            assertDoesNotThrow(() -> UnbuiltConfig.refuse(define("pc", parts[0], "")));
            return;
        }
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> UnbuiltConfig.refuse(define("pc", parts[0], "")));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.getMessage().contains(parts[1]), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<disk type='file' device='disk'><driver name='qemu' error_policy='stop' rerror_policy='report'/><source file='/a'/><target dev='vda'/></disk>",
        "<disk type='file' device='disk'><source file='/a'/><target dev='vda'/><iotune><total_iops_sec>5</total_iops_sec><group_name>g</group_name></iotune></disk>",
    })
    void diskIoSettingsAreBuilt(String device) {
        assertDoesNotThrow(() -> UnbuiltConfig.refuse(define("q35", "", device)));
    }
}
