package io.jvirt.qemu.driver;

import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a hotplugged disk may have: no secrets and no transient overlay (both are set up at start). */
class DiskSourceRulesTest {
    private static DiskDef disk(String xml) {
        return DomainXml.parse("<domain type='qemu'><name>t</name><memory>131072</memory><os><type>hvm</type></os>"
                + "<devices>" + xml + "</devices></domain>").devices().disks().getFirst();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<disk type='file'><source file='/a'/><target dev='vda'/><transient/></disk>|<transient/>",
        "<disk type='file'><source file='/a'><encryption format='luks'><secret type='passphrase' "
                + "uuid='1a81f5b2-8403-7b23-c8d6-21ccc2f80d6f'/></encryption></source><target dev='vda'/></disk>|<auth> or <encryption>",
        "<disk type='network'><source protocol='rbd' name='p/i'><auth username='u'><secret type='ceph' usage='c'/>"
                + "</auth></source><target dev='vda'/></disk>|<auth> or <encryption>",
        "<disk type='file'><driver type='qcow2'/><source file='/a'/><backingStore type='network'><format type='raw'/>"
                + "<source protocol='iscsi' name='t/1'><host name='h'/><auth username='u'><secret type='iscsi' usage='c'/>"
                + "</auth></source></backingStore><target dev='vda'/></disk>|<auth> or <encryption>",
    })
    void hotplugRefusesDisksThatNeedStartTimeSetup(String spec) {
        String[] parts = spec.split("\\|");
        LibvirtException e = assertThrows(LibvirtException.class, () -> DiskSourceRules.checkHotplug(disk(parts[0])));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.getMessage().contains(parts[1]) && e.getMessage().contains("'vda'"), e.getMessage());
    }

    @Test
    void hotplugTakesNetworkDisksAndChainsWithoutSecrets() {
        assertDoesNotThrow(() -> DiskSourceRules.checkHotplug(disk("<disk type='network'><source protocol='nbd'>"
                + "<host transport='unix' socket='/s'/></source><target dev='vda'/></disk>")));
        assertDoesNotThrow(() -> DiskSourceRules.checkHotplug(disk("<disk type='file'><driver type='qcow2'/>"
                + "<source file='/a'/><backingStore type='file'><format type='raw'/><source file='/b'/></backingStore>"
                + "<target dev='vda'/></disk>")));
    }
}
