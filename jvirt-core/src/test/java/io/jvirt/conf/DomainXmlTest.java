package io.jvirt.conf;

import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.PostParseContext;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The domain XML path the embedded slice relies on: strict parse, defaults, idempotent format. */
class DomainXmlTest {
    static final String GUEST = """
            <domain type='qemu'>
              <name>tiny</name>
              <memory unit='MiB'>128</memory>
              <vcpu>1</vcpu>
              <os>
                <type arch='x86_64' machine='pc'>hvm</type>
                <kernel>/k/vmlinuz</kernel>
                <initrd>/k/initrd.img</initrd>
                <cmdline>console=ttyS0</cmdline>
              </os>
              <features><acpi/></features>
              <devices>
                <emulator>/usr/bin/qemu-system-x86_64</emulator>
                <interface type='user'><model type='virtio'/></interface>
                <serial type='pty'><target port='0'/></serial>
                <console type='pty'><target type='serial' port='0'/></console>
              </devices>
            </domain>
            """;

    static PostParseContext ctx(Set<String> usedMacs) {
        Random r = new Random(42);
        return new PostParseContext() {
            public String defaultArch() {
                return "x86_64";
            }

            public String defaultEmulator(String arch) {
                return "/usr/bin/qemu-system-" + arch;
            }

            public String canonicalMachine(String emulator, String arch, String machine) {
                return machine == null || machine.equals("pc") ? "pc-i440fx-7.2" : machine;
            }

            public Set<String> usedMacs() {
                return usedMacs;
            }

            public void randomBytes(byte[] into) {
                r.nextBytes(into);
            }
        };
    }

    static DomainDef define(String xml) {
        return DomainPostParse.apply(DomainXml.parse(xml), ctx(Set.of()));
    }

    @Test
    void postParseAssignsUuidMacMachineAndAddressesOnce() {
        DomainDef def = define(GUEST);
        assertNotNull(def.uuid());
        assertEquals("pc-i440fx-7.2", def.os().machine());
        String mac = def.devices().interfaces().getFirst().mac();
        assertTrue(mac.startsWith("52:54:00:"), mac);
        String xml = DomainXml.format(def);
        assertTrue(xml.contains("<mac address='" + mac + "'/>"), xml);
        assertTrue(xml.contains("<currentMemory unit='KiB'>131072</currentMemory>"), xml);
    }

    @Test
    void formatIsIdempotent() {
        String once = DomainXml.format(define(GUEST));
        String twice = DomainXml.format(define(once));
        assertEquals(once, twice);
    }

    @Test
    void macInUseByAnotherDomainIsNotReused() {
        DomainDef first = define(GUEST);
        String mac = first.devices().interfaces().getFirst().mac();
        DomainDef second = DomainPostParse.apply(DomainXml.parse(GUEST), ctx(Set.of(mac)));
        assertTrue(!mac.equals(second.devices().interfaces().getFirst().mac()));
    }

    @Test
    void unknownElementsAndAttributesAreRefusedByNameAndLine() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> DomainXml.parse(GUEST.replace("<vcpu>1</vcpu>", "<vcpu>1</vcpu>\n  <frob/>")));
        assertEquals(ErrorNumber.XML_ERROR, e.number());
        assertTrue(e.getMessage().contains("frob") && e.getMessage().contains("line 5"), e.getMessage());
        e = assertThrows(LibvirtException.class, () -> DomainXml.parse(GUEST.replace("<vcpu>", "<vcpu bogus='1'>")));
        assertTrue(e.getMessage().contains("bogus"), e.getMessage());
    }

    @Test
    void doctypesAndEntitiesAreRefused() {
        String xxe = "<?xml version='1.0'?><!DOCTYPE d [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<domain type='qemu'><name>&x;</name></domain>";
        LibvirtException e = assertThrows(LibvirtException.class, () -> DomainXml.parse(xxe));
        assertEquals(ErrorNumber.XML_DETAIL, e.number(), e.getMessage());
        String laughs = "<!DOCTYPE d [<!ENTITY a 'aaaa'><!ENTITY b '&a;&a;&a;&a;'>]><domain><name>&b;</name></domain>";
        assertEquals(ErrorNumber.XML_DETAIL, assertThrows(LibvirtException.class, () -> DomainXml.parse(laughs)).number());
    }

    @Test
    void namesThatCannotBeFileNamesAreRefused() {
        for (String bad : new String[] {"a/b", ".hidden", "tab\there", "x".repeat(256)}) {
            LibvirtException e = assertThrows(LibvirtException.class,
                    () -> io.jvirt.conf.post.DomainValidator.validate(define(GUEST.replace("<name>tiny</name>",
                            "<name>" + bad + "</name>"))), bad);
            assertTrue(e.getMessage().contains("name"), e.getMessage());
        }
    }

    @Test
    void badMemoryUnitIsAnError() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> DomainXml.parse(GUEST.replace("unit='MiB'", "unit='furlongs'")));
        assertTrue(e.getMessage().contains("furlongs"), e.getMessage());
    }
}
