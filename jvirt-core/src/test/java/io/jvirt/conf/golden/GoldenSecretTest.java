package io.jvirt.conf.golden;

import io.jvirt.conf.xml.SecretXml;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden secret documents under {@code src/test/resources/golden/secret}: parse and format compared
 * with {@code NAME.out.xml} (then parsed again: the same bytes), or the error with {@code NAME.err};
 * every output validated by the real {@code virt-xml-validate} against libvirt 9.0's 'secret' schema.
 */
class GoldenSecretTest {
    static final Path DIR = Path.of("src/test/resources/golden/secret");

    @TestFactory
    Stream<DynamicTest> secrets() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xml") && !n.endsWith(".out.xml"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream()
                    .map(n -> DynamicTest.dynamicTest(n, () -> run(n)));
        }
    }

    private static void run(String name) throws Exception {
        String input = GoldenCases.read(DIR.resolve(name + ".xml"));
        String actual;
        boolean failed;
        try {
            actual = SecretXml.format(SecretXml.parse(input));
            failed = false;
        } catch (LibvirtException e) {
            actual = GoldenCases.errorLine(e);
            failed = true;
        }
        Path expected = DIR.resolve(name + (failed ? ".err" : ".out.xml"));
        if (GoldenCases.UPDATE) {
            GoldenCases.write(expected, actual);
            Files.deleteIfExists(DIR.resolve(name + (failed ? ".out.xml" : ".err")));
        } else if (!Files.exists(expected)) {
            fail(name + ": expected " + expected.getFileName() + " but it does not exist; the case gave:\n" + actual);
        } else {
            assertEquals(GoldenCases.read(expected), actual, name);
        }
        if (!failed) {
            assertEquals(actual, SecretXml.format(SecretXml.parse(actual)), name + ": format is stable");
            Process p = new ProcessBuilder(SchemaValidationTest.VALIDATOR.toString(), expected.toString(), "secret")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.waitFor(), name + " does not validate:\n" + out);
            assertTrue(out.contains("validates"), out);
        }
    }
}
