package io.jvirt.conf.golden;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every accepted golden output must validate with the real {@code virt-xml-validate} (libvirt
 * 9.0's RELAX NG schemas from Debian's libvirt-clients). A missing binary fails the run: CI
 * installs it, and a skipped schema check would hide drift from libvirt's format.
 */
@Tag("schema")
class SchemaValidationTest {
    static final Path VALIDATOR = Path.of("/usr/bin/virt-xml-validate");

    /**
     * Cases whose output libvirt 9.0's schema refuses although we support it on purpose, with the
     * reason. Each must really fail the schema, so the list never goes stale.
     */
    static final Map<String, String> SCHEMA_GAPS = SchemaGaps.GAPS;

    @TestFactory
    Stream<DynamicTest> goldenOutputsValidate() {
        assertTrue(Files.isExecutable(VALIDATOR), VALIDATOR + " is missing: install libvirt-clients");
        return GoldenCases.names().stream()
                .filter(n -> Files.exists(GoldenCases.output(n)))
                .map(n -> DynamicTest.dynamicTest(n, () -> check(n)));
    }

    private static void check(String name) throws Exception {
        Assumptions.assumeFalse(GoldenCases.UPDATE, "outputs are being regenerated");
        Result r = validate(GoldenCases.output(name));
        String gap = SCHEMA_GAPS.get(name);
        if (gap == null) {
            assertEquals(0, r.exit(), name + " does not validate:\n" + r.output());
        } else {
            assertTrue(r.exit() != 0, name + " is allow-listed (" + gap + ") but validates now: remove it from "
                    + "SchemaGaps");
        }
    }

    /** The live form (id, aliases) of each accepted case validates too. */
    @TestFactory
    Stream<DynamicTest> liveFormsValidate() {
        assertTrue(Files.isExecutable(VALIDATOR), VALIDATOR + " is missing: install libvirt-clients");
        return GoldenCases.names().stream()
                .filter(n -> Files.exists(GoldenCases.output(n)) && !SCHEMA_GAPS.containsKey(n))
                .map(n -> DynamicTest.dynamicTest(n, () -> {
                    Assumptions.assumeFalse(GoldenCases.UPDATE, "outputs are being regenerated");
                    String live = io.jvirt.conf.xml.DomainXml.format(
                            GoldenCases.defineDef(GoldenCases.read(GoldenCases.input(n))), 4,
                            java.util.EnumSet.noneOf(io.jvirt.conf.xml.FormatFlag.class));
                    Path tmp = Files.createTempFile("jvirt-live-", ".xml");
                    try {
                        Files.writeString(tmp, live);
                        Result r = validate(tmp);
                        assertEquals(0, r.exit(), n + " (live) does not validate:\n" + r.output() + "\n" + live);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }));
    }

    @Test
    void allowListNamesExistingCases() {
        for (String n : SCHEMA_GAPS.keySet()) {
            assertTrue(Files.exists(GoldenCases.output(n)), "SchemaGaps names '" + n + "' which has no .out.xml");
        }
    }

    record Result(int exit, String output) {
    }

    static Result validate(Path file) throws IOException, InterruptedException {
        Path tmp = Files.createTempFile("jvirt-golden-", ".xml");
        try {
            Files.copy(file, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Process p = new ProcessBuilder(VALIDATOR.toString(), tmp.toString(), "domain")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("virt-xml-validate timed out on " + file);
            }
            return new Result(p.exitValue(), out);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
