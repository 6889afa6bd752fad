package io.jvirt.qemu.driver;

import io.jvirt.conf.CpuSet;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** setvcpu's config edit; the expected XML and messages are what libvirt 9.0 gives for the same calls. */
class DomainVcpuStateTest {
    private static DomainDef def(String vcpu) {
        return DomainXml.parse("<domain type='qemu'><name>t</name><memory>131072</memory>" + vcpu
                + "<os><type>hvm</type></os></domain>");
    }

    private static String vcpus(DomainDef def) {
        String xml = DomainXml.format(def);
        return xml.substring(xml.indexOf("<vcpu"), xml.indexOf("<os>")).replaceAll("\\s+", " ").strip();
    }

    private static DomainDef set(DomainDef def, String map, boolean enable) {
        return DomainVcpuState.config(def, CpuSet.parse(map), enable);
    }

    @Test
    void enablingAndDisablingWritesEveryVcpusState() {
        DomainDef d = set(def("<vcpu current='2'>4</vcpu>"), "2", true);
        assertEquals("<vcpu current='3'>4</vcpu> <vcpus> "
                + "<vcpu id='0' enabled='yes' hotpluggable='no'/> <vcpu id='1' enabled='yes' hotpluggable='no'/> "
                + "<vcpu id='2' enabled='yes' hotpluggable='yes'/> <vcpu id='3' enabled='no' hotpluggable='yes'/> "
                + "</vcpus>", vcpus(d));
        d = set(d, "1", false); // a non-hotpluggable vCPU becomes a disabled hotpluggable one
        assertTrue(vcpus(d).startsWith("<vcpu current='2'>4</vcpu>"), vcpus(d));
        assertTrue(vcpus(d).contains("<vcpu id='1' enabled='no' hotpluggable='yes'/>"), vcpus(d));
        d = set(d, "3", false); // already disabled: no error, nothing changes
        d = set(d, "1-3", true);
        assertTrue(vcpus(d).startsWith("<vcpu>4</vcpu>"), vcpus(d));
    }

    @Test
    void newlyEnabledVcpusFollowTheOrderOfTheOthers() {
        DomainDef d = set(def("<vcpu current='2'>3</vcpu><vcpus><vcpu id='0' enabled='yes' hotpluggable='no' order='1'/>"
                + "<vcpu id='1' enabled='yes' hotpluggable='yes' order='2'/><vcpu id='2' enabled='no' hotpluggable='yes'/>"
                + "</vcpus>"), "2", true);
        assertTrue(vcpus(d).contains("<vcpu id='2' enabled='yes' hotpluggable='yes' order='3'/>"), vcpus(d));
    }

    @Test
    void refusesWhatLibvirtRefuses() {
        assertRefused(def("<vcpu current='2'>4</vcpu>"), "0", false, "vCPU '0' can't be modified");
        assertRefused(def("<vcpu current='2'>4</vcpu>"), "5", true, "vcpu 5 is not present in persistent config");
        assertRefused(def("<vcpu current='3'>4</vcpu>"), "1", false,
                "vcpu '1' can't be modified as it is followed by non-hotpluggable online vcpus");
    }

    private static void assertRefused(DomainDef def, String map, boolean enable, String message) {
        LibvirtException e = assertThrows(LibvirtException.class, () -> set(def, map, enable));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertEquals(message, e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    }
}
