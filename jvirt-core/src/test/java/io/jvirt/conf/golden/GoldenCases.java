package io.jvirt.conf.golden;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.DomainValidator;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.LibvirtException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The golden-file cases under {@code src/test/resources/golden/domain}: {@code NAME.xml} is the
 * input, {@code NAME.out.xml} the expected formatted definition, {@code NAME.err} the expected
 * one-line error. Files are read from the source tree so {@code -Djvirt.golden.update=true} can
 * rewrite them; review the diff like code.
 */
final class GoldenCases {
    static final Path DIR = Path.of("src/test/resources/golden/domain");
    static final boolean UPDATE = Boolean.getBoolean("jvirt.golden.update");

    private GoldenCases() {
    }

    /** Case names (input files without {@code .xml}), sorted. */
    static List<String> names() {
        try (Stream<Path> s = Files.list(DIR)) {
            return s.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".xml") && !n.endsWith(".out.xml"))
                    .map(n -> n.substring(0, n.length() - ".xml".length()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What defining a document gives: the formatted persistent XML. Errors propagate. */
    static String define(String xml) {
        return DomainXml.format(defineDef(xml));
    }

    /** The defined model itself. */
    static DomainDef defineDef(String xml) {
        DomainDef def = DomainPostParse.apply(DomainXml.parse(xml), new GoldenContext());
        DomainValidator.validate(def);
        return def;
    }

    /** The one line an {@code .err} file holds for an error. */
    static String errorLine(LibvirtException e) {
        return e.number() + ": " + e.getMessage().replace('\n', ' ') + "\n";
    }

    static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(Path p, String content) {
        try {
            Files.writeString(p, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path input(String name) {
        return DIR.resolve(name + ".xml");
    }

    static Path output(String name) {
        return DIR.resolve(name + ".out.xml");
    }

    static Path error(String name) {
        return DIR.resolve(name + ".err");
    }
}
