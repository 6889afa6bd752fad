package io.jvirt.it.remote;

import io.jvirt.Connect;
import io.jvirt.EventRegistration;
import io.jvirt.NodeDeviceEventListener;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Host device lifecycle events through jvirtd: a tap interface the test creates and deletes (with
 * {@code ip tuntap}, as root) is reported Created then Deleted to the real virsh's
 * {@code nodedev-event}, to jvirsh's, and to the Java client; a listener filtered on another device
 * hears nothing. Every tap is deleted again, and the event clients are stopped, by the test.
 */
@Tag("interop")
class NodeDeviceEventsIT {
    @TempDir
    Path tmp;
    Daemons.Running jvirtd;
    final List<String> taps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        jvirtd = Daemons.jvirtd(tmp);
    }

    @AfterEach
    void stop() throws Exception {
        for (String tap : taps) {
            ip("tuntap", "del", tap, "mode", "tap");
        }
        if (jvirtd != null) {
            jvirtd.stop();
        }
    }

    private static void ip(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), cmd + ": " + out);
    }

    /** Creates a tap; returns its node device name. */
    private String addTap(String name) throws Exception {
        ip("tuntap", "add", name, "mode", "tap");
        taps.add(name);
        return "net_" + name + "_" + Files.readString(Path.of("/sys/class/net", name, "address")).strip().replace(':', '_');
    }

    private void deleteTap(String name) throws Exception {
        ip("tuntap", "del", name, "mode", "tap");
        taps.remove(name);
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }

    @Test
    void aTapComingAndGoingIsCreatedThenDeletedForEveryClient() throws Exception {
        String uri = "qemu+unix:///session?socket=" + jvirtd.socket();
        Path virshOut = tmp.resolve("virsh-events.log");
        Path jvirshOut = tmp.resolve("jvirsh-events.log");
        Process virsh = new ProcessBuilder("virsh", "-c", uri, "nodedev-event", "--event", "lifecycle", "--loop",
                "--timeout", "60").redirectErrorStream(true).redirectOutput(virshOut.toFile()).start();
        Process jvirsh = new ProcessBuilder(Daemons.REPO.resolve("bin/jvirsh").toString(), "-c", uri, "nodedev-event",
                "--event", "lifecycle", "--loop", "--timeout", "60").redirectErrorStream(true)
                .redirectOutput(jvirshOut.toFile()).start();
        List<String> heard = new CopyOnWriteArrayList<>();
        List<String> filtered = new CopyOnWriteArrayList<>();
        try (Connect c = Connect.open(uri);
             EventRegistration all = c.addNodeDeviceEventListener(null, (dev, event, detail) ->
                     heard.add(dev + " " + (event == NodeDeviceEventListener.CREATED ? "Created" : "Deleted") + " " + detail));
             EventRegistration lo = c.addNodeDeviceEventListener("net_lo_00_00_00_00_00_00",
                     (dev, event, detail) -> filtered.add(dev))) {
            // both command-line clients are listening once each has reported a marker tap
            int n = 0;
            while (!(read(virshOut).contains("net_jvmark") && read(jvirshOut).contains("net_jvmark"))) {
                assertTrue(n < 40, "virsh and jvirsh never reported a marker tap:\n" + read(virshOut) + read(jvirshOut));
                String mark = "jvmark" + n++;
                addTap(mark);
                Thread.sleep(700);
                deleteTap(mark);
            }
            String dev = addTap("jvev0");
            TestGuest.await(() -> heard.contains(dev + " Created 0"), Duration.ofSeconds(10), "the Java client's event");
            deleteTap("jvev0");
            TestGuest.await(() -> heard.contains(dev + " Deleted 0"), Duration.ofSeconds(10), "its deletion");
            String expected = "event 'lifecycle' for node device " + dev + ": Created\n"
                    + "event 'lifecycle' for node device " + dev + ": Deleted\n";
            TestGuest.await(() -> read(virshOut).contains(expected) && read(jvirshOut).contains(expected),
                    Duration.ofSeconds(10), "virsh and jvirsh to print\n" + expected);
            assertTrue(heard.indexOf(dev + " Created 0") < heard.indexOf(dev + " Deleted 0"), heard.toString());
            assertEquals(List.of(), filtered, "a listener for the loopback hears of no other device");
        } finally {
            virsh.destroy();
            jvirsh.destroy();
            virsh.waitFor(10, TimeUnit.SECONDS);
            jvirsh.waitFor(10, TimeUnit.SECONDS);
        }
        // the same lines, in the same format, from the real virsh and from jvirsh
        List<String> v = read(virshOut).lines().filter(l -> l.contains("jvev0")).toList();
        List<String> j = read(jvirshOut).lines().filter(l -> l.contains("jvev0")).toList();
        assertEquals(v, j);
    }
}
