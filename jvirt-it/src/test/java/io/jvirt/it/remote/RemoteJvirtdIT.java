package io.jvirt.it.remote;

import io.jvirt.ByteStream;
import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.DomainState;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.error.OperationDeniedException;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Java remote client against bin/jvirtd over its UNIX socket (qemu+unix with ?socket=). */
@Tag("qemu")
class RemoteJvirtdIT {
    @TempDir
    Path tmp;
    Daemons.Running jvirtd;
    String uri;

    @BeforeEach
    void start() throws Exception {
        jvirtd = Daemons.jvirtd(tmp);
        uri = "qemu+unix:///session?socket=" + jvirtd.socket();
    }

    @AfterEach
    void stop() {
        if (jvirtd != null) {
            jvirtd.stop();
        }
    }

    @Test
    void hostCalls() {
        try (Connect c = Connect.open(uri)) {
            assertEquals(uri, c.getURI());
            assertEquals("QEMU", c.getType());
            assertTrue(c.getVersion() >= 7_000_000, "QEMU version " + c.getVersion());
            assertTrue(c.getLibVersion() >= 9_000_000, "lib version " + c.getLibVersion());
            assertFalse(c.getHostname().isBlank());
            assertTrue(c.getCapabilities().contains("<capabilities>"));
            assertTrue(c.getNodeInfo().cpus() > 0);
            assertEquals("x86_64", c.getNodeInfo().model());
            assertTrue(c.getNodeMemoryStats(-1, 0).get("total") > 0, c.getNodeMemoryStats(-1, 0).toString());
            try {
                assertTrue(c.getSysinfo(0).contains("<sysinfo"));
            } catch (io.jvirt.error.ConfigUnsupportedException e) {
                // no SMBIOS in this machine: the server's error arrives unchanged
                assertEquals("unsupported configuration: Host SMBIOS information is not available", e.getMessage());
            }
            assertTrue(c.getDomainCapabilities(null, null, null, "qemu", 0).contains("<domainCapabilities>"));
            assertEquals(List.of(), c.listAllDomains(0));
        }
    }

    @Test
    void guestLifecycleEventsAndConsole() throws Exception {
        Path serial = tmp.resolve("serial.log");
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (Connect c = Connect.open(uri)) {
            c.addDomainEventListener(events::add);
            Domain d = c.defineXML(TestGuest.xml("vm", serial));
            assertEquals(-1, d.getID());
            d.create();
            try {
                assertTrue(d.getID() > 0);
                List<Domain> all = c.listAllDomains(0);
                assertEquals(1, all.size());
                assertEquals("vm", all.getFirst().getName());
                assertEquals(d.getID(), all.getFirst().getID());
                String xml = d.getXMLDesc(0);
                assertTrue(xml.startsWith("<domain type='qemu' id='" + d.getID() + "'>\n  <name>vm</name>\n"), xml);
                assertEquals(StateReason.RUNNING_BOOTED, d.getState().reason());
                assertTrue(d.isActive());
                assertTrue(d.isPersistent());
                assertEquals("hvm", d.getOSType());
                assertEquals(131072, d.getInfo().maxMemKiB());

                TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(90));
                assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-status\"}", 0).contains("\"running\""));

                // the console: type into the guest's shell, read its answer through the stream
                try (ByteStream console = d.openConsole(null)) {
                    ByteArrayOutputStream seen = new ByteArrayOutputStream();
                    Thread reader = Thread.ofVirtual().start(() -> {
                        byte[] buf = new byte[4096];
                        try {
                            int n;
                            while ((n = console.input().read(buf)) > 0) {
                                synchronized (seen) {
                                    seen.write(buf, 0, n);
                                }
                            }
                        } catch (java.io.IOException e) {
                            // closed
                        }
                    });
                    console.output().write("echo remote-$((6*7))\n".getBytes(StandardCharsets.US_ASCII));
                    TestGuest.await(() -> {
                        synchronized (seen) {
                            return seen.toString(StandardCharsets.UTF_8).contains("remote-42");
                        }
                    }, Duration.ofSeconds(30), "the guest's answer on the console stream");
                    console.close();
                    reader.join(5000);
                }

                d.suspend();
                assertEquals(StateReason.PAUSED_USER, d.getState().reason());
                d.resume();
                assertEquals(DomainState.RUNNING, d.getState().state());
            } finally {
                d.destroy();
            }
            assertEquals(StateReason.SHUTOFF_DESTROYED, d.getState().reason());
            d.undefine();
            assertEquals(List.of(), c.listAllDomains(0));

            List<LifecycleDetail> expected = List.of(LifecycleDetail.DEFINED_ADDED, LifecycleDetail.RESUMED_UNPAUSED,
                    LifecycleDetail.STARTED_BOOTED, LifecycleDetail.SUSPENDED_PAUSED, LifecycleDetail.RESUMED_UNPAUSED,
                    // the same sequence libvirtd 9.0 sends (RemoteLibvirtdIT): SHUTDOWN_HOST before STOPPED_DESTROYED
                    LifecycleDetail.SHUTDOWN_HOST, LifecycleDetail.STOPPED_DESTROYED, LifecycleDetail.UNDEFINED_REMOVED);
            TestGuest.await(() -> events.size() >= expected.size(), Duration.ofSeconds(10), "events " + events);
            assertEquals(expected, events.stream().map(e -> ((DomainEvent.Lifecycle) e).detail()).toList(), events.toString());
            assertTrue(events.stream().allMatch(e -> e.domain().name().equals("vm")));
        }
    }

    @Test
    void errorsKeepTheServersNumberAndMessage() throws Exception {
        try (Connect c = Connect.open(uri)) {
            NoSuchObjectException e = assertThrows(NoSuchObjectException.class, () -> c.lookupByName("nope"));
            assertEquals(ErrorNumber.NO_DOMAIN, e.number());
            assertEquals("Domain not found: no domain with matching name 'nope'", e.getMessage());

            Domain d = c.defineXML(TestGuest.xml("ro", tmp.resolve("serial.log")));
            LibvirtException notRunning = assertThrows(LibvirtException.class, () -> d.destroy());
            assertEquals(ErrorNumber.OPERATION_INVALID, notRunning.number());
            assertEquals("Requested operation is not valid: domain is not running", notRunning.getMessage());

            try (Connect ro = Connect.openReadOnly(uri)) {
                assertTrue(ro.isReadOnly());
                Domain r = ro.lookupByName("ro");
                assertEquals(DomainState.SHUTOFF, r.getState().state());
                OperationDeniedException denied = assertThrows(OperationDeniedException.class, r::destroy);
                assertEquals(ErrorNumber.OPERATION_DENIED, denied.number());
                assertTrue(denied.getMessage().startsWith("operation forbidden: read only access prevents"), denied.getMessage());
                assertThrows(OperationDeniedException.class, r::undefine);
            }
            try (Connect ro = Connect.open(uri + "&readonly=1")) {
                assertThrows(OperationDeniedException.class, () -> ro.lookupByName("ro").create());
            }
            d.undefine();
        }
    }

    @Test
    void missingSocketIsASystemError() {
        LibvirtException e = assertThrows(LibvirtException.class,
                () -> Connect.open("qemu+unix:///session?socket=" + tmp.resolve("nothing-here")));
        assertEquals(ErrorNumber.SYSTEM_ERROR, e.number());
        assertEquals("Failed to connect socket to '" + tmp.resolve("nothing-here") + "': No such file or directory",
                e.getMessage());
    }
}
