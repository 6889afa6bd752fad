package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.EventLog;
import io.jvirt.qemu.testing.OwnerMain;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded root across processes: the lock, guests outliving their JVM, reattach. */
@Tag("qemu")
class EmbeddedRootIT {
    @TempDir
    Path tmp;
    final List<Process> owners = new ArrayList<>();
    final List<Long> qemuPids = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        owners.forEach(Process::destroyForcibly);
        qemuPids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }

    private long qemuPid(Path root, String name) throws Exception {
        String status = Files.readString(root.resolve("run/qemu/" + name + ".xml"));
        long pid = Long.parseLong(status.replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
        qemuPids.add(pid);
        return pid;
    }

    @Test
    void relativeRootIsRefused() {
        LibvirtException e = assertThrows(LibvirtException.class, () -> Connect.open("qemu:///embed?root=relative/dir"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertTrue(e.getMessage().contains("must be absolute"), e.getMessage());
        assertFalse(Files.exists(Path.of("relative")), "nothing created");
    }

    @Test
    void missingRootParameterIsRefused() {
        LibvirtException e = assertThrows(LibvirtException.class, () -> Connect.open("qemu:///embed"));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
    }

    @Test
    void seedTreeIsCreatedUnderTheRoot() {
        Path root = tmp.resolve("r");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            for (String d : List.of("log/qemu", "log/swtpm", "etc/qemu", "etc/pki/qemu", "run/qemu", "run/swtpm",
                    "cache/qemu", "lib/qemu", "lib/swtpm")) {
                assertTrue(Files.isDirectory(root.resolve(d)), d);
            }
            assertEquals("qemu:///embed?root=" + root, c.getURI());
        }
    }

    @Test
    void twoRootsInOneJvmWorkAtOnce() {
        try (Connect a = Connect.open("qemu:///embed?root=" + tmp.resolve("a"));
             Connect b = Connect.open("qemu:///embed?root=" + tmp.resolve("b"))) {
            a.defineXML(TestGuest.xml("ga", tmp.resolve("a.log")));
            b.defineXML(TestGuest.xml("gb", tmp.resolve("b.log")));
            assertEquals(List.of("ga"), a.listAllDomains(0).stream().map(Domain::getName).toList());
            assertEquals(List.of("gb"), b.listAllDomains(0).stream().map(Domain::getName).toList());
        }
    }

    @Test
    void secondProcessOnALockedRootIsRefusedNamingTheHolder() throws Exception {
        Path root = tmp.resolve("locked");
        Process owner = OwnerMain.spawn(root.toString());
        owners.add(owner);
        LibvirtException e = assertThrows(LibvirtException.class, () -> Connect.open("qemu:///embed?root=" + root));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number(), e.getMessage());
        assertTrue(e.getMessage().contains("pid " + owner.pid()), e.getMessage());
        owner.destroyForcibly().waitFor();
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            assertEquals(0, c.listAllDomains(0).size(), "lock released with its holder");
        }
    }

    @Test
    void guestOutlivesKilledOwnerAndIsReattached() throws Exception {
        Path root = tmp.resolve("survive");
        Path xml = tmp.resolve("g.xml");
        Path serial = tmp.resolve("serial.log");
        Files.writeString(xml, TestGuest.xml("keep", serial));
        Process owner = OwnerMain.spawn(root.toString(), xml.toString());
        owners.add(owner);
        long pid = qemuPid(root, "keep");
        owner.destroyForcibly().waitFor();   // kill -9 of the owning JVM
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "QEMU survived its owner");

        EventLog events = new EventLog();
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            c.addDomainEventListener(events);
            Domain d = c.lookupByName("keep");
            assertTrue(d.isActive());
            assertEquals(StateReason.RUNNING_BOOTED, d.getState().reason());
            TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(60));
            // the monitor is live again: an ACPI shutdown reaches the guest
            d.shutdown();
            TestGuest.await(() -> !d.isActive(), Duration.ofSeconds(60), "shutoff after reattach");
            assertEquals(StateReason.SHUTOFF_SHUTDOWN, d.getState().reason());
            events.await("keep", LifecycleDetail.STOPPED_SHUTDOWN, Duration.ofSeconds(5));
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void guestThatDiedWhileDetachedIsShutoffCrashed() throws Exception {
        Path root = tmp.resolve("died");
        Path xml = tmp.resolve("g.xml");
        Files.writeString(xml, TestGuest.xml("gone", tmp.resolve("serial.log")));
        Process owner = OwnerMain.spawn(root.toString(), xml.toString());
        owners.add(owner);
        long pid = qemuPid(root, "gone");
        owner.destroyForcibly().waitFor();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        TestGuest.await(() -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(10), "QEMU gone");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.lookupByName("gone");
            assertFalse(d.isActive());
            assertEquals(StateReason.SHUTOFF_CRASHED, d.getState().reason());
            assertFalse(Files.exists(root.resolve("run/qemu/gone.xml")), "stale status removed");
        }
    }

    @Test
    void autodestroyGuestOfAKilledOwnerIsDestroyedAtNextOpen() throws Exception {
        Path root = tmp.resolve("ad");
        Path xml = tmp.resolve("g.xml");
        Files.writeString(xml, TestGuest.xml("ad", tmp.resolve("serial.log")));
        Process owner = OwnerMain.spawn(root.toString(), xml.toString(), "autodestroy");
        owners.add(owner);
        long pid = qemuPid(root, "ad");
        owner.destroyForcibly().waitFor();
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            assertEquals(0, c.listAllDomains(0).size());
        }
        TestGuest.await(() -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(10), "autodestroy QEMU gone");
    }

    @Test
    void autodestroyGuestDiesWithItsConnection() {
        Path root = tmp.resolve("ad2");
        long pid;
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.createXML(TestGuest.xml("ad2", tmp.resolve("serial.log")), Flags.Start.AUTODESTROY);
            pid = assertDoesNotThrowPid(root);
            assertTrue(d.isActive());
        }
        TestGuest.await(() -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(10), "QEMU gone with its connection");
    }

    private long assertDoesNotThrowPid(Path root) {
        try {
            return qemuPid(root, "ad2");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void longRootStillStartsThroughTheShortSocketFallback() {
        Path root = tmp.resolve("x".repeat(60)).resolve("y".repeat(60));
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.createXML(TestGuest.xml("long", tmp.resolve("serial.log")), 0);
            try {
                assertTrue(d.isActive());
                assertEquals(StateReason.RUNNING_BOOTED, d.getState().reason());
            } finally {
                d.destroy();
            }
        }
    }

    @Test
    void aReusedPidIsNeverAdopted() throws Exception {
        Path root = tmp.resolve("reuse");
        long qemu;
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            c.defineXML(TestGuest.xml("pr", tmp.resolve("serial.log"))).create();
            qemu = qemuPid(root, "pr");
        } // detached: the guest runs on
        ProcessHandle.of(qemu).ifPresent(ProcessHandle::destroyForcibly);
        TestGuest.await(() -> ProcessHandle.of(qemu).isEmpty(), Duration.ofSeconds(10), "QEMU gone");
        // another program now holds a pid the status file could name: give it that pid and start time
        Process impostor = new ProcessBuilder("sleep", "300").start();
        try {
            String stat = Files.readString(Path.of("/proc/" + impostor.pid() + "/stat"));
            String start = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[19];
            Path status = root.resolve("run/qemu/pr.xml");
            Files.writeString(status, Files.readString(status)
                    .replaceFirst("pid='\\d+'", "pid='" + impostor.pid() + "'")
                    .replaceFirst("starttime='\\d+'", "starttime='" + start + "'"));
            try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
                Domain d = c.lookupByName("pr");
                assertFalse(d.isActive(), "not adopted: its command line is not this guest's QEMU");
                assertEquals(StateReason.SHUTOFF_CRASHED, d.getState().reason());
            }
            assertTrue(impostor.isAlive(), "the other program was left alone");
        } finally {
            impostor.destroyForcibly();
        }
    }

    @Test
    void autostartGuestsStartWhenTheRootIsFirstOpened() throws Exception {
        Path root = tmp.resolve("auto");
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.defineXML(TestGuest.xml("au", tmp.resolve("serial.log")));
            d.setAutostart(true);
            assertTrue(Files.isSymbolicLink(root.resolve("etc/qemu/autostart/au.xml")));
            assertFalse(d.isActive());
        }
        try (Connect c = Connect.open("qemu:///embed?root=" + root)) {
            Domain d = c.lookupByName("au");
            assertTrue(d.isActive(), "started at open");
            assertTrue(d.getAutostart());
            qemuPid(root, "au");
            d.destroy();
        }
    }
}
