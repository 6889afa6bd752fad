package io.jvirt.bench;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.DomainValidator;
import io.jvirt.conf.post.PostParseContext;
import io.jvirt.conf.xml.DomainXml;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * What defining a domain costs in the XML layer: parse, post-parse, validate and format, as
 * documents per second, for a typical 80-line guest and for a guest with 1000 devices.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class DomainXmlBench {
    @Param({"typical-80-lines", "devices-1000"})
    public String document;

    private String xml;

    @Setup
    public void load() throws IOException {
        xml = document.equals("devices-1000") ? ManyDevices.xml(1000) : resource("/bench/typical.xml");
        define(); // fail fast, outside the measurement, if the document is not valid
    }

    @Benchmark
    public String parseValidateFormat() {
        return define();
    }

    private String define() {
        DomainDef def = DomainPostParse.apply(DomainXml.parse(xml), CONTEXT);
        DomainValidator.validate(def);
        return DomainXml.format(def);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DomainXmlBench.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final PostParseContext CONTEXT = new PostParseContext() {
        private final SplittableRandom random = new SplittableRandom(7);

        @Override
        public String defaultArch() {
            return "x86_64";
        }

        @Override
        public String defaultEmulator(String arch) {
            return "/usr/bin/qemu-system-" + arch;
        }

        @Override
        public String canonicalMachine(String emulator, String arch, String machine) {
            return machine == null || machine.equals("pc") ? "pc-i440fx-7.2"
                    : machine.equals("q35") ? "pc-q35-7.2" : machine;
        }

        @Override
        public Set<String> usedMacs() {
            return Set.of();
        }

        @Override
        public synchronized void randomBytes(byte[] into) {
            random.nextBytes(into);
        }
    };
}
