package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.DomainEvent;
import io.jvirt.DomainState;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.qemu.testing.EventLog;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real test guest with the platform devices: watchdog, TPM (swtpm) and UEFI firmware (OVMF). */
@Tag("qemu")
class PlatformDevicesIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    @TempDir
    Path tmp;
    Connect conn;
    EventLog events = new EventLog();
    List<String> watchdogEvents = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        conn = Connect.open("qemu:///embed?root=" + tmp.resolve("root"));
        conn.addDomainEventListener(events);
        conn.addDomainEventListener(e -> {
            if (e instanceof DomainEvent.Watchdog w) {
                watchdogEvents.add(w.domain().name() + ":" + w.action());
            }
        });
    }

    @AfterEach
    void close() {
        for (Domain d : conn.listAllDomains(Flags.ListAll.ACTIVE)) {
            d.destroy();
        }
        conn.close();
    }

    @Test
    void guestWatchdogThatIsNotFedPausesTheDomainForReasonWatchdog() {
        Path serial = tmp.resolve("wd.log");
        String xml = TestGuest.xml("wd", serial).replace("quiet panic=-1", "quiet panic=-1 jvirt.watchdog=1")
                .replace("<memballoon model='none'/>", "<watchdog model='i6300esb' action='pause'/><memballoon model='none'/>");
        Domain d = conn.defineXML(xml);
        d.create();
        TestGuest.awaitText(serial, "JVIRT-GUEST-WATCHDOG: armed", BOOT);
        events.await("wd", LifecycleDetail.SUSPENDED_WATCHDOG, Duration.ofSeconds(30));
        assertEquals(List.of("wd:" + DomainEvent.Watchdog.PAUSE), watchdogEvents);
        assertEquals(StateReason.PAUSED_WATCHDOG, d.getState().reason());
        assertTrue(d.isActive());
        // the guest can go on (the watchdog resets itself after firing) and be stopped
        d.resume();
        assertEquals(DomainState.RUNNING, d.getState().state());
        d.destroy();
    }
}
