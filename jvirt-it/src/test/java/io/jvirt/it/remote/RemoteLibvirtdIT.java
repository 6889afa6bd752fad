package io.jvirt.it.remote;

import io.jvirt.ByteStream;
import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorNumber;
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
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Java remote client against a real libvirtd 9.0 (Debian's /usr/sbin/libvirtd), started
 * privileged in a private mount namespace with its own config and sockets (see
 * {@link Daemons#libvirtd}). Needs root and unshare; fails, never skips, without them.
 */
@Tag("interop")
class RemoteLibvirtdIT {
    @TempDir
    Path tmp;
    Daemons.Running libvirtd;
    String uri;

    @BeforeEach
    void start() throws Exception {
        libvirtd = Daemons.libvirtd(tmp);
        uri = "qemu+unix:///system?socket=" + libvirtd.socket();
    }

    @AfterEach
    void stop() {
        if (libvirtd != null) {
            libvirtd.stop();
        }
    }

    @Test
    void guestLifecycleWithEventsAgainstRealLibvirtd() throws Exception {
        Path serial = tmp.resolve("serial.log");
        String name = "jvirt-remote-" + ProcessHandle.current().pid();
        List<DomainEvent> events = new CopyOnWriteArrayList<>();
        try (Connect c = Connect.open(uri)) {
            assertEquals("QEMU", c.getType());
            assertEquals(9_000_000, c.getLibVersion());
            assertTrue(c.getCapabilities().contains("<capabilities>"));
            assertTrue(c.getNodeInfo().memoryKiB() > 0);
            c.addDomainEventListener(events::add);

            Domain d = c.defineXML(TestGuest.xml(name, serial));
            d.create();
            try {
                int id = d.getID();
                assertTrue(id > 0);
                List<Domain> all = c.listAllDomains(0);
                assertEquals(List.of(name), all.stream().map(Domain::getName).toList());
                assertEquals(id, all.getFirst().getID());
                String xml = d.getXMLDesc(0);
                assertTrue(xml.startsWith("<domain type='qemu' id='" + id + "'>\n  <name>" + name + "</name>\n"), xml);
                assertEquals(StateReason.RUNNING_BOOTED, d.getState().reason());

                TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(90));
                assertTrue(d.qemuMonitorCommand("{\"execute\":\"query-status\"}", 0).contains("\"running\""));
                try (ByteStream console = d.openConsole(null)) {
                    ByteArrayOutputStream seen = new ByteArrayOutputStream();
                    Thread.ofVirtual().start(() -> {
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
                    console.output().write("echo libvirtd-$((6*7))\n".getBytes(StandardCharsets.US_ASCII));
                    TestGuest.await(() -> {
                        synchronized (seen) {
                            return seen.toString(StandardCharsets.UTF_8).contains("libvirtd-42");
                        }
                    }, Duration.ofSeconds(30), "the guest's answer through libvirtd's console stream");
                }
                d.suspend();
                assertEquals(StateReason.PAUSED_USER, d.getState().reason());
                d.resume();

                try (Connect ro = Connect.openReadOnly(uri)) {
                    OperationDeniedException e = assertThrows(OperationDeniedException.class, () -> ro.lookupByName(name).destroy());
                    assertEquals(ErrorNumber.OPERATION_DENIED, e.number());
                }
            } finally {
                d.destroy();
            }
            assertEquals(StateReason.SHUTOFF_DESTROYED, d.getState().reason());
            d.undefine();
            NoSuchObjectException gone = assertThrows(NoSuchObjectException.class, () -> c.lookupByName(name));
            assertEquals(ErrorNumber.NO_DOMAIN, gone.number());
            assertEquals("Domain not found: no domain with matching name '" + name + "'", gone.getMessage());

            List<LifecycleDetail> expected = List.of(LifecycleDetail.DEFINED_ADDED, LifecycleDetail.RESUMED_UNPAUSED,
                    LifecycleDetail.STARTED_BOOTED, LifecycleDetail.SUSPENDED_PAUSED, LifecycleDetail.RESUMED_UNPAUSED,
                    LifecycleDetail.SHUTDOWN_HOST, LifecycleDetail.STOPPED_DESTROYED, LifecycleDetail.UNDEFINED_REMOVED);
            TestGuest.await(() -> events.size() >= expected.size(), Duration.ofSeconds(10), "events " + events);
            assertEquals(expected, events.stream().map(e -> ((DomainEvent.Lifecycle) e).detail()).toList(), events.toString());
        }
    }
}
