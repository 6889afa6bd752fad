package io.jvirt.conf.golden;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.conf.xml.FormatFlag;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.util.EnumSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The status file keeps a running guest's live definition (aliases, live-only parts) and must
 * read it back unchanged after a daemon restart: every accepted golden definition, formatted
 * with STATUS and SECURE and parsed again, is the same model.
 */
class LiveFormatRoundTripTest {
    @TestFactory
    Stream<DynamicTest> statusFormatReadsBack() {
        return GoldenCases.names().stream()
                .filter(n -> Files.exists(GoldenCases.output(n)))
                .map(n -> DynamicTest.dynamicTest(n, () -> {
                    DomainDef def = DomainXml.parse(GoldenCases.read(GoldenCases.output(n)));
                    String live = DomainXml.format(def, 7, EnumSet.of(FormatFlag.STATUS, FormatFlag.SECURE));
                    DomainDef back = DomainXml.parse(live);
                    assertEquals(live, DomainXml.format(back, 7, EnumSet.of(FormatFlag.STATUS, FormatFlag.SECURE)),
                            n);
                    assertEquals(DomainXml.format(def), DomainXml.format(back), n);
                }));
    }
}
