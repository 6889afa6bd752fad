package io.jvirt.conf;

import io.jvirt.conf.post.DomainValidator;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Rules added after a value was first accepted live in the validator, not the parser: a
 * definition saved before the rule existed still loads (parse + post-parse), and is refused only
 * when someone defines it again.
 */
class LoadCompatibilityTest {
    @Test
    void savedDefinitionsBreakingNewerRulesStillParse() {
        String saved = DomainXmlTest.GUEST
                .replace("<name>tiny</name>", "<name>tiny</name>\n  <title>two\nlines</title>\n  <metadata>"
                        + "<a:x xmlns:a='urn:a'/><b:y xmlns:b='urn:a'/></metadata>")
                .replace("<devices>", "<devices>\n    <graphics type='vnc' port='70000'/>");
        DomainDef def = assertDoesNotThrow(() -> DomainXmlTest.define(saved));
        assertThrows(LibvirtException.class, () -> DomainValidator.validate(def));
    }
}
