package io.jvirt.conf.golden;

import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every golden case: parse, post-parse (deterministic), validate, format, compared as bytes
 * with {@code NAME.out.xml}, or the error compared with {@code NAME.err}. An accepted case is
 * also defined a second time from its own output, which must give the same bytes (idempotent
 * dumpxml -> define). With {@code -Djvirt.golden.update=true} the expected files are rewritten.
 */
class GoldenDomainTest {

    @TestFactory
    Stream<DynamicTest> goldenCases() {
        return GoldenCases.names().stream().map(n -> DynamicTest.dynamicTest(n, () -> run(n)));
    }

    private static void run(String name) {
        String input = GoldenCases.read(GoldenCases.input(name));
        String actual;
        boolean failed;
        try {
            actual = GoldenCases.define(input);
            failed = false;
        } catch (LibvirtException e) {
            actual = GoldenCases.errorLine(e);
            failed = true;
        }
        Path expected = failed ? GoldenCases.error(name) : GoldenCases.output(name);
        Path other = failed ? GoldenCases.output(name) : GoldenCases.error(name);
        if (GoldenCases.UPDATE) {
            GoldenCases.write(expected, actual);
            try {
                Files.deleteIfExists(other);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return;
        }
        if (!Files.exists(expected)) {
            fail(name + ": expected " + expected.getFileName() + " but it does not exist; the case gave:\n" + actual);
        }
        assertEquals(GoldenCases.read(expected), actual, name);
        if (!failed) {
            assertEquals(actual, GoldenCases.define(actual), name + ": defining the output again changed it");
        }
    }

    /** A golden file no case reads is a mistake (renamed input, stale output). */
    @Test
    void everyGoldenFileBelongsToACase() throws IOException {
        Set<String> names = new HashSet<>(GoldenCases.names());
        List<String> orphans = new ArrayList<>();
        try (Stream<Path> s = Files.list(GoldenCases.DIR)) {
            s.map(p -> p.getFileName().toString()).forEach(f -> {
                String base = f.endsWith(".out.xml") ? f.substring(0, f.length() - 8)
                        : f.endsWith(".err") ? f.substring(0, f.length() - 4)
                        : f.endsWith(".xml") ? f.substring(0, f.length() - 4) : null;
                if (base == null || !names.contains(base)) {
                    orphans.add(f);
                }
            });
        }
        assertTrue(orphans.isEmpty(), "golden files without a case: " + orphans);
    }
}
