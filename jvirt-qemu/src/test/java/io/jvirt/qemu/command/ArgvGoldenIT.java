package io.jvirt.qemu.command;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainState;
import io.jvirt.Flags;
import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Golden argv, per device family ({@link ArgvCases}): the command line domxml-to-native gives
 * for each case, compared with its {@code .args} (or the refusal with its {@code .err}); then
 * every accepted case is defined and started paused on the real QEMU (which must accept the
 * whole command line and answer QMP), its state checked, and destroyed.
 */
@Tag("qemu")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArgvGoldenIT {
    @TempDir
    static Path tmp;
    Path root;
    Path scratch;
    Connect conn;
    io.jvirt.qemu.testing.Hugetlbfs hugepages;

    @BeforeAll
    void open() throws Exception {
        root = tmp.resolve("root");
        scratch = Files.createDirectories(tmp.resolve("scratch"));
        // the memory-hugepages cases: guest RAM on a hugetlbfs of 2 MiB pages, named by qemu.conf
        hugepages = io.jvirt.qemu.testing.Hugetlbfs.mount(scratch.resolve("hugepages"), 64);
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/qemu.conf"), "hugetlbfs_mount = \"" + hugepages.path() + "\"\n");
        conn = Connect.open("qemu:///embed?root=" + root);
        ArgvCases.defineSecrets(conn);
    }

    @AfterAll
    void close() throws Exception {
        if (conn != null) {
            conn.listAllDomains(Flags.ListAll.ACTIVE).forEach(Domain::destroy);
            conn.close();
        }
        if (hugepages != null) {
            hugepages.close();
        }
    }

    @TestFactory
    Stream<DynamicTest> commandLines() {
        return ArgvCases.names().stream().map(n -> DynamicTest.dynamicTest(n, () -> compare(n)));
    }

    @TestFactory
    Stream<DynamicTest> acceptedByQemu() {
        return ArgvCases.names().stream()
                .filter(n -> Files.exists(ArgvCases.file(n, ".args")) && !Files.exists(ArgvCases.file(n, ".norun")))
                .map(n -> DynamicTest.dynamicTest(n, () -> startPaused(n)));
    }

    private void compare(String name) throws IOException {
        String actual;
        boolean failed;
        try {
            actual = ArgvCases.neutral(conn.domainXmlToNative("qemu-argv", ArgvCases.input(name, scratch), 0),
                    root, scratch);
            failed = false;
        } catch (LibvirtException e) {
            actual = ArgvCases.neutral(ArgvCases.errorLine(e), root, scratch);
            failed = true;
        }
        Path expected = ArgvCases.file(name, failed ? ".err" : ".args");
        if (ArgvCases.UPDATE) {
            ArgvCases.write(expected, actual);
            Files.deleteIfExists(ArgvCases.file(name, failed ? ".args" : ".err"));
            return;
        }
        if (!Files.exists(expected)) {
            fail(name + ": expected " + expected.getFileName() + " but it does not exist; the case gave:\n" + actual);
        }
        assertEquals(ArgvCases.read(expected), actual, name);
    }

    private void startPaused(String name) throws Exception {
        ArgvCases.createScratchFiles(name, scratch);
        Domain d = conn.createXML(ArgvCases.input(name, scratch), Flags.Start.PAUSED);
        try {
            assertEquals(DomainState.PAUSED, d.getState().state(), name);
            String status = d.qemuMonitorCommand("{\"execute\":\"query-status\"}", 0);
            assertTrue(status.replace(" ", "").matches(".*\"status\":\"(prelaunch|paused)\".*"), name + ": " + status);
        } finally {
            d.destroy();
        }
    }
}
