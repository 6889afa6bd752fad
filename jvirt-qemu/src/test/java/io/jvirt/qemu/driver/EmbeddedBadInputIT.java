package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Flags;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets one clear line with libvirt's code, and nothing half-written on disk. */
@Tag("qemu")
class EmbeddedBadInputIT {
    @TempDir
    Path tmp;
    Path root;
    Connect conn;

    @BeforeEach
    void open() {
        root = tmp.resolve("root");
        conn = Connect.open("qemu:///embed?root=" + root);
    }

    @AfterEach
    void close() {
        conn.listAllDomains(Flags.ListAll.ACTIVE).forEach(d -> d.destroy());
        conn.close();
    }

    private LibvirtException fails(ErrorNumber expected, Executable call) {
        LibvirtException e = assertThrows(LibvirtException.class, call);
        assertEquals(expected, e.number(), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private long filesUnder(String dir) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(dir))) {
            return s.count();
        }
    }

    @Test
    void malformedXml() throws Exception {
        LibvirtException e = fails(ErrorNumber.XML_DETAIL, () -> conn.defineXML("<domain type='qemu'><name>x</name>"));
        assertTrue(e.getMessage().contains("domain_definition"), e.getMessage());
        assertEquals(0, filesUnder("etc/qemu"));
    }

    @Test
    void unknownElementIsRefusedByName() throws Exception {
        String xml = TestGuest.xml("u", tmp.resolve("s.log")).replace("<vcpu>", "<frobnicate/><vcpu>");
        LibvirtException e = fails(ErrorNumber.XML_ERROR, () -> conn.defineXML(xml));
        assertTrue(e.getMessage().contains("frobnicate"), e.getMessage());
        assertEquals(0, filesUnder("etc/qemu"));
    }

    @Test
    void unknownDomain() {
        LibvirtException e = fails(ErrorNumber.NO_DOMAIN, () -> conn.lookupByName("nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        fails(ErrorNumber.NO_DOMAIN, () -> conn.lookupByUUID(UUID.randomUUID()));
        fails(ErrorNumber.NO_DOMAIN, () -> conn.lookupByID(4242));
    }

    @Test
    void duplicateNameWithAnotherUuidAndDuplicateUuidWithAnotherName() throws Exception {
        UUID u = UUID.randomUUID();
        conn.defineXML(TestGuest.xml("dup", u, tmp.resolve("s.log")));
        String before = Files.readString(root.resolve("etc/qemu/dup.xml"));
        LibvirtException e = fails(ErrorNumber.OPERATION_FAILED,
                () -> conn.defineXML(TestGuest.xml("dup", UUID.randomUUID(), tmp.resolve("s.log"))));
        assertTrue(e.getMessage().contains("already exists with uuid " + u), e.getMessage());
        e = fails(ErrorNumber.OPERATION_FAILED, () -> conn.defineXML(TestGuest.xml("other", u, tmp.resolve("s.log"))));
        assertTrue(e.getMessage().contains("already defined with uuid " + u), e.getMessage());
        assertEquals(before, Files.readString(root.resolve("etc/qemu/dup.xml")), "existing config untouched");
        assertEquals(1, filesUnder("etc/qemu"));
    }

    @Test
    void missingQemuBinary() throws Exception {
        String xml = TestGuest.xml("noqemu", tmp.resolve("s.log"))
                .replace("/usr/bin/qemu-system-x86_64", "/nonexistent/qemu-system-x86_64");
        LibvirtException e = assertThrows(LibvirtException.class, () -> conn.defineXML(xml));
        assertTrue(e.getMessage().contains("/nonexistent/qemu-system-x86_64"), e.getMessage());
        assertEquals(0, filesUnder("etc/qemu"));
    }

    @Test
    void unreadableKernelFailsStartWithNothingLeftRunning() throws Exception {
        String xml = TestGuest.xml("nokernel", tmp.resolve("s.log"))
                .replace(TestGuest.DIR.resolve("vmlinuz").toString(), tmp.resolve("missing-vmlinuz").toString());
        var d = conn.defineXML(xml);
        LibvirtException e = assertThrows(LibvirtException.class, d::create);
        assertTrue(e.getMessage().contains("missing-vmlinuz"), e.getMessage());
        assertFalse(d.isActive());
        assertFalse(Files.exists(root.resolve("run/qemu/nokernel.xml")), "no status file");
        assertEquals(0, countDirs("run/qemu"), "no runtime dir");
    }

    @Test
    void qemuExitingAtOnceShowsTheTailOfItsLog() throws Exception {
        String xml = TestGuest.xml("badarg", tmp.resolve("s.log"))
                .replace("<domain type='qemu'>", "<domain type='qemu' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>")
                .replace("</devices>", "</devices><qemu:commandline><qemu:arg value='-no-such-option'/></qemu:commandline>");
        var d = conn.defineXML(xml);
        LibvirtException e = fails(ErrorNumber.OPERATION_FAILED, d::create);
        assertTrue(e.getMessage().contains("-no-such-option"), e.getMessage());
        assertFalse(d.isActive());
        assertEquals(0, countDirs("run/qemu"), "no runtime dir");
    }

    private long countDirs(String dir) throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(dir))) {
            return s.filter(Files::isDirectory).count();
        }
    }
}
