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

import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
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

    private static long swtpmPid(Path root, int id, String name) throws Exception {
        Path pidFile = root.resolve("run/swtpm/" + id + "-" + name + "-swtpm.pid");
        TestGuest.await(() -> Files.exists(pidFile), Duration.ofSeconds(10), "swtpm pid file " + pidFile);
        return Long.parseLong(Files.readString(pidFile).trim());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void emulatedTpmIsSeenByTheGuestAndItsSwtpmLivesAndDiesWithQemu() throws Exception {
        Path root = tmp.resolve("root");
        Path serial = tmp.resolve("tpm.log");
        String xml = TestGuest.xml("tpm", serial).replace("<memballoon model='none'/>",
                "<tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm><memballoon model='none'/>");
        Domain d = conn.defineXML(xml);
        Path state = root.resolve("lib/swtpm/" + d.getUUID() + "/tpm2");
        assertFalse(Files.exists(state), "no TPM state before the first start");
        d.create();
        long swtpm = swtpmPid(root, 1, "tpm");
        assertTrue(alive(swtpm), "swtpm runs beside QEMU");
        assertTrue(Files.exists(state.resolve("tpm2-00.permall")), "swtpm_setup made the state");
        assertTrue(Files.exists(root.resolve("log/swtpm/tpm-swtpm.log")));
        TestGuest.awaitText(serial, "JVIRT-GUEST-TPMS: tpm0", BOOT);

        // the driver goes away and comes back: QEMU and swtpm outlive it and are found again
        conn.close();
        assertTrue(alive(swtpm), "swtpm outlives the driver");
        conn = Connect.open("qemu:///embed?root=" + root);
        Domain again = conn.lookupByName("tpm");
        assertTrue(again.isActive());
        again.destroy();
        TestGuest.await(() -> !alive(swtpm), Duration.ofSeconds(10), "swtpm gone after destroy");
        assertFalse(Files.exists(root.resolve("run/swtpm/1-tpm-swtpm.sock")), "socket removed");

        // the second start uses the state made at the first; undefine --keep-tpm keeps it, plain undefine removes it
        String before = Files.readString(state.resolve("tpm2-00.permall"), java.nio.charset.StandardCharsets.ISO_8859_1);
        again.create();
        long swtpm2 = swtpmPid(root, 2, "tpm");
        again.destroy();
        TestGuest.await(() -> !alive(swtpm2), Duration.ofSeconds(10), "second swtpm gone");
        assertFalse(before.isEmpty());
        again.undefine(Flags.Undefine.KEEP_TPM);
        assertTrue(Files.exists(state), "--keep-tpm keeps the state");
        Domain redefined = conn.defineXML(TestGuest.xml("tpm", d.getUUID(), serial).replace(
                "<memballoon model='none'/>", "<tpm model='tpm-tis'><backend type='emulator' version='2.0'/></tpm>"
                        + "<memballoon model='none'/>"));
        redefined.undefine();
        assertFalse(Files.exists(state.getParent()), "undefine removes the TPM state");

        // a transient domain's TPM state goes when it stops
        Domain t = conn.createXML(TestGuest.xml("tpmt", tmp.resolve("t.log")).replace("<memballoon model='none'/>",
                "<tpm model='tpm-crb'><backend type='emulator' version='2.0'/></tpm><memballoon model='none'/>"),
                Flags.Start.PAUSED);
        Path transientState = root.resolve("lib/swtpm/" + t.getUUID());
        assertTrue(Files.exists(transientState.resolve("tpm2")));
        t.destroy();
        assertFalse(Files.exists(transientState), "transient TPM state removed at stop");
    }

    @Test
    void uefiGuestBootsWithOvmfAndUndefineHonoursTheNvramFlags() throws Exception {
        Path root = tmp.resolve("root");
        Path serial = tmp.resolve("efi.log");
        // OVMF with the kernel and initrd loaded through fw_cfg needs more than the usual 128 MiB
        String xml = TestGuest.xml("efi", serial).replace("<os>", "<os firmware='efi'>")
                .replace("<memory unit='MiB'>128</memory>", "<memory unit='MiB'>256</memory>");
        Domain d = conn.defineXML(xml);
        Path nvram = root.resolve("lib/qemu/nvram/efi_VARS.fd");
        assertFalse(d.getXMLDesc(0).contains("<loader"), "the inactive definition keeps only firmware='efi'");
        d.create();
        assertTrue(Files.exists(nvram), "NVRAM created from the template at the first start");
        assertEquals(Files.size(Path.of("/usr/share/OVMF/OVMF_VARS_4M.fd")), Files.size(nvram));
        String live = d.getXMLDesc(0);
        assertTrue(live.contains("<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE_4M.fd</loader>"), live);
        assertTrue(live.contains("<nvram template='/usr/share/OVMF/OVMF_VARS_4M.fd'>" + nvram + "</nvram>"), live);
        String blocks = d.qemuMonitorCommand("{\"execute\":\"query-named-block-nodes\"}", 0);
        assertTrue(blocks.contains("OVMF_CODE_4M.fd") && blocks.contains("efi_VARS.fd"), blocks);
        // OVMF under TCG is slow; it then loads the kernel directly (EFI stub)
        long t0 = System.nanoTime();
        TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(240));
        System.out.printf("OVMF guest READY after %.1f s%n", (System.nanoTime() - t0) / 1e9);
        d.destroy();

        LibvirtException e = assertThrows(LibvirtException.class, d::undefine);
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        assertEquals("cannot undefine domain with nvram", e.detail());
        e = assertThrows(LibvirtException.class,
                () -> d.undefine(Flags.Undefine.NVRAM | Flags.Undefine.KEEP_NVRAM));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        d.undefine(Flags.Undefine.KEEP_NVRAM);
        assertTrue(Files.exists(nvram), "--keep-nvram keeps it");
        Domain d2 = conn.defineXML(xml);
        d2.undefine(Flags.Undefine.NVRAM);
        assertFalse(Files.exists(nvram), "--nvram removes it");
    }
}
