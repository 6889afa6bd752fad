package io.jvirt.qemu.driver;

import io.jvirt.EventRegistration;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link NodeDeviceMonitor} over a device list the test changes: what is reported, to whom, and when it polls. */
class NodeDeviceMonitorTest {
    final AtomicReference<List<String>> host = new AtomicReference<>(List.of("computer", "net_lo"));

    private static boolean pollerRunning() {
        return Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals("jvirt-nodedev-monitor"));
    }

    @Test
    void appearingAndVanishingDevicesAreCreatedAndDeletedForMatchingListeners() {
        try (NodeDeviceMonitor m = new NodeDeviceMonitor(host::get, Duration.ofMillis(20))) {
            List<String> all = new CopyOnWriteArrayList<>();
            List<String> onlyTap = new CopyOnWriteArrayList<>();
            EventRegistration a = m.add(null, (dev, event, detail) -> all.add(dev + ":" + event + ":" + detail));
            EventRegistration t = m.add("net_tap0", (dev, event, detail) -> onlyTap.add(dev + ":" + event));
            host.set(List.of("computer", "net_lo", "net_tap1", "net_tap0"));
            TestGuest.await(() -> all.size() == 2, Duration.ofSeconds(5), "two created");
            assertEquals(List.of("net_tap0:0:0", "net_tap1:0:0"), all, "in name order");
            host.set(List.of("computer", "net_tap1"));
            TestGuest.await(() -> all.size() == 4, Duration.ofSeconds(5), "two deleted");
            assertEquals(List.of("net_tap0:0:0", "net_tap1:0:0", "net_lo:1:0", "net_tap0:1:0"), all);
            assertEquals(List.of("net_tap0:0", "net_tap0:1"), onlyTap);
            a.close();
            t.close();
            TestGuest.await(() -> !pollerRunning(), Duration.ofSeconds(5), "the poller to end with the last listener");
            host.set(List.of("computer"));
            // a new listener starts from the host as it is now: nothing to report
            List<String> later = new CopyOnWriteArrayList<>();
            try (EventRegistration r = m.add(null, (dev, event, detail) -> later.add(dev))) {
                assertTrue(pollerRunning());
                host.set(List.of("computer", "net_tap2"));
                TestGuest.await(() -> later.equals(List.of("net_tap2")), Duration.ofSeconds(5), "only the new device");
            }
        }
        TestGuest.await(() -> !pollerRunning(), Duration.ofSeconds(5), "no poller after close");
    }

    @Test
    void aClosedMonitorTakesNoListener() {
        NodeDeviceMonitor m = new NodeDeviceMonitor(host::get, Duration.ofMillis(20));
        m.add(null, (dev, event, detail) -> { });
        m.close();
        assertThrows(IllegalStateException.class, () -> m.add(null, (dev, event, detail) -> { }));
        TestGuest.await(() -> !pollerRunning(), Duration.ofSeconds(5), "the poller to end");
        assertFalse(pollerRunning());
    }
}
