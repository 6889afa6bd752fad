package io.jvirt.conf;

import io.jvirt.conf.xml.DomainXml;
import io.jvirt.conf.xml.FormatFlag;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What each format flag shows: passwords only with SECURE; aliases, the id and a dynamic
 * label's label only in the live (not INACTIVE) form; MIGRATABLE leaves aliases out.
 */
class FormatFlagsTest {
    private static final DomainDef DEF = DomainXmlTest.define(DomainXmlTest.GUEST
            .replace("<devices>", "<devices>\n    <graphics type='vnc' port='5901' passwd='s3cret'/>")
            .replace("</devices>", "</devices>\n  <seclabel type='dynamic' model='selinux'>"
                    + "<label>system_u:system_r:svirt_t:s0:c1,c2</label></seclabel>"));

    @Test
    void passwordsOnlyWithSecure() {
        assertTrue(DomainXml.format(DEF, -1, EnumSet.of(FormatFlag.INACTIVE, FormatFlag.SECURE)).contains("s3cret"));
        assertFalse(DomainXml.format(DEF, -1, EnumSet.of(FormatFlag.INACTIVE)).contains("s3cret"));
        assertFalse(DomainXml.format(DEF, 3, EnumSet.noneOf(FormatFlag.class)).contains("s3cret"));
    }

    @Test
    void liveStateOnlyInTheLiveForm() {
        String live = DomainXml.format(DEF, 3, EnumSet.noneOf(FormatFlag.class));
        String inactive = DomainXml.format(DEF, 3, EnumSet.of(FormatFlag.INACTIVE));
        assertTrue(live.contains("<domain type='qemu' id='3'>") && live.contains("<alias name='net0'/>")
                && live.contains("<label>system_u"), live);
        assertFalse(inactive.contains("id='3'") || inactive.contains("<alias") || inactive.contains("<label>"),
                inactive);
        String migratable = DomainXml.format(DEF, 3, EnumSet.of(FormatFlag.MIGRATABLE));
        assertFalse(migratable.contains("<alias"), migratable);
    }
}
