package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.ByteStream;
import io.jvirt.Connect;
import io.jvirt.DomainJobInfo;
import io.jvirt.DomainState;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.EventLog;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded driver with the real test guest under TCG: define, start, stop, crash. */
@Tag("qemu")
class EmbeddedLifecycleIT {
    static final Duration BOOT = Duration.ofSeconds(60);
    @TempDir
    Path tmp;
    Connect conn;
    EventLog events = new EventLog();

    @BeforeEach
    void open() {
        conn = Connect.open("qemu:///embed?root=" + tmp.resolve("root"));
        conn.addDomainEventListener(events);
    }

    @AfterEach
    void close() {
        for (Domain d : conn.listAllDomains(Flags.ListAll.ACTIVE)) {
            d.destroy();
        }
        conn.close();
    }

    @Test
    void definedGuestBootsAndPowersOffOnAcpiShutdown() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("g1", serial));
        Path config = tmp.resolve("root/etc/qemu/g1.xml");
        assertTrue(Files.exists(config), "config written");
        assertEquals(StateReason.SHUTOFF_UNKNOWN, d.getState().reason());

        d.create();
        assertEquals(StateReason.RUNNING_BOOTED, d.getState().reason());
        assertTrue(d.isActive());
        assertTrue(d.getID() > 0);
        assertTrue(Files.exists(tmp.resolve("root/run/qemu/g1.xml")), "status file written");
        assertTrue(Files.readString(tmp.resolve("root/log/qemu/g1.log")).contains("-name"), "argv logged");
        assertTrue(d.getXMLDesc(0).contains("<domain type='qemu' id='" + d.getID() + "'>"));
        TestGuest.awaitText(serial, TestGuest.READY, BOOT);

        d.shutdown();
        TestGuest.await(() -> !d.isActive(), BOOT, "shutoff after ACPI shutdown");
        assertEquals(StateReason.SHUTOFF_SHUTDOWN, d.getState().reason());
        assertFalse(Files.exists(tmp.resolve("root/run/qemu/g1.xml")), "status file removed");
        events.await("g1", LifecycleDetail.STOPPED_SHUTDOWN, Duration.ofSeconds(5));
        assertEquals(List.of("g1:DEFINED_ADDED", "g1:RESUMED_UNPAUSED", "g1:STARTED_BOOTED", "g1:SHUTDOWN_GUEST",
                "g1:STOPPED_SHUTDOWN"), events.all());

        d.undefine();
        assertFalse(Files.exists(config), "config removed");
        events.await("g1", LifecycleDetail.UNDEFINED_REMOVED, Duration.ofSeconds(5));
        LibvirtException e = assertThrows(LibvirtException.class, () -> conn.lookupByName("g1"));
        assertEquals(ErrorNumber.NO_DOMAIN, e.number());
    }

    @Test
    void onPoweroffRestartBootsTheGuestAgainInTheSameQemu() throws Exception {
        Path serial = tmp.resolve("serial.log");
        String xml = TestGuest.xml("rs", serial).replace("quiet panic=-1", "quiet panic=-1 jvirt.poweroff=1")
                .replace("</features>", "</features><on_poweroff>restart</on_poweroff>");
        Domain d = conn.defineXML(xml);
        d.create();
        long pid = Long.parseLong(Files.readString(tmp.resolve("root/run/qemu/domain-1-rs/qemu.pid")).trim());
        // the guest powers itself off a second after boot, and comes back
        TestGuest.await(() -> count(serial, TestGuest.READY) >= 2, BOOT.multipliedBy(2), "a second boot");
        assertTrue(d.isActive());
        assertEquals(DomainState.RUNNING, d.getState().state());
        assertTrue(ProcessHandle.of(pid).isPresent(), "the same QEMU process");
        assertTrue(events.has("rs", LifecycleDetail.SHUTDOWN_GUEST), events.all().toString());
        assertFalse(events.has("rs", LifecycleDetail.STOPPED_SHUTDOWN), events.all().toString());
        d.destroy();
        assertEquals(StateReason.SHUTOFF_DESTROYED, d.getState().reason());
    }

    private Domain panicking(String name, Path serial, String onCrash) {
        String xml = TestGuest.xml(name, serial).replace("quiet panic=-1", "quiet panic=-1 jvirt.panic=1")
                .replace("</features>", "</features><on_crash>" + onCrash + "</on_crash>")
                .replace("<memballoon model='none'/>", "<panic model='isa'/><memballoon model='none'/>");
        Domain d = conn.defineXML(xml);
        d.create();
        TestGuest.awaitText(serial, "JVIRT-GUEST-PANIC", BOOT);
        return d;
    }

    @Test
    void guestPanicWithOnCrashDestroyStopsItCrashed() throws Exception {
        Path serial = tmp.resolve("p1.log");
        Domain d = panicking("p1", serial, "destroy");
        events.await("p1", LifecycleDetail.STOPPED_CRASHED, Duration.ofSeconds(30));
        assertEquals(StateReason.SHUTOFF_CRASHED, d.getState().reason());
        List<String> seen = events.all();
        assertTrue(seen.indexOf("p1:CRASHED_PANICKED") >= 0
                && seen.indexOf("p1:CRASHED_PANICKED") < seen.indexOf("p1:STOPPED_CRASHED"), seen.toString());
    }

    @Test
    void guestPanicWithOnCrashRestartOrPreserve() throws Exception {
        Path serial = tmp.resolve("p2.log");
        Domain d = panicking("p2", serial, "restart");
        TestGuest.await(() -> count(serial, TestGuest.READY) >= 2, BOOT.multipliedBy(2), "the guest booting again");
        assertTrue(events.has("p2", LifecycleDetail.CRASHED_PANICKED), events.all().toString());
        assertEquals(DomainState.RUNNING, d.getState().state());
        d.destroy();

        Path serial3 = tmp.resolve("p3.log");
        Domain p = panicking("p3", serial3, "preserve");
        events.await("p3", LifecycleDetail.CRASHED_PANICKED, Duration.ofSeconds(30));
        assertEquals(StateReason.CRASHED_PANICKED, p.getState().reason());
        assertTrue(p.isActive(), "preserved for inspection");
        p.destroy();
        assertEquals(StateReason.SHUTOFF_DESTROYED, p.getState().reason());
    }

    @Test
    void guestPanicWithOnCrashCoredumpDumpsMemoryThenDestroysOrRestarts() throws Exception {
        Path dumps = tmp.resolve("root/lib/qemu/dump");
        Path serial = tmp.resolve("cd1.log");
        Domain d = panicking("cd1", serial, "coredump-destroy");
        events.await("cd1", LifecycleDetail.STOPPED_CRASHED, Duration.ofSeconds(60));
        assertEquals(StateReason.SHUTOFF_CRASHED, d.getState().reason());
        Path core = onlyDump(dumps, "cd1");
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, head(core, 4), "an ELF core");
        // the guest has 64 MiB or more: its RAM is in the dump
        assertTrue(Files.size(core) > 32L << 20, core + ": " + Files.size(core) + " bytes");

        Path serial2 = tmp.resolve("cd2.log");
        Domain r = panicking("cd2", serial2, "coredump-restart");
        TestGuest.await(() -> count(serial2, TestGuest.READY) >= 2, BOOT.multipliedBy(2), "the guest booting again");
        assertEquals(DomainState.RUNNING, r.getState().state());
        onlyDump(dumps, "cd2");
        r.destroy();
        try (var s = Files.list(dumps)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".part")).toList(), "no partial dump");
        }
    }

    @Test
    void coreDumpOfARunningGuestKeepsItRunningUnlessAskedToCrash() throws Exception {
        Path serial = tmp.resolve("dmp.log");
        Domain d = conn.defineXML(TestGuest.xml("dmp", serial).replace("panic=-1", "panic=-1 jvirt.ticker=1"));
        d.create();
        TestGuest.await(() -> lastTick(serial) >= 1, BOOT, "the guest's clock ticking");
        String file = tmp.resolve("x.core").toString();
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(LibvirtException.class,
                () -> d.coreDump(file, Flags.Dump.CRASH | Flags.Dump.LIVE)).number());
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(LibvirtException.class,
                () -> d.coreDump(file, Flags.Dump.CRASH | Flags.Dump.RESET)).number());
        assertEquals(ErrorNumber.OPERATION_UNSUPPORTED, assertThrows(LibvirtException.class,
                () -> d.coreDumpWithFormat(file, Flags.DumpFormat.KDUMP_ZLIB, 0)).number());
        assertEquals(ErrorNumber.INVALID_ARG, assertThrows(LibvirtException.class,
                () -> d.coreDump("relative.core", Flags.Dump.MEMORY_ONLY)).number());
        // QEMU cannot create the file: an error, and the guest runs on
        assertThrows(LibvirtException.class, () -> d.coreDump(tmp.resolve("no/such/dir/x.core").toString(), Flags.Dump.MEMORY_ONLY));
        assertEquals(DomainState.RUNNING, d.getState().state());

        Path elf = tmp.resolve("dmp.core");
        d.coreDump(elf.toString(), Flags.Dump.MEMORY_ONLY);
        assertArrayEquals(new byte[] {0x7f, 'E', 'L', 'F'}, head(elf, 4), "an ELF core");
        assertTrue(Files.size(elf) > 64L << 20, "guest RAM is in it: " + Files.size(elf));
        Path kdump = tmp.resolve("dmp.kdump");
        d.coreDumpWithFormat(kdump.toString(), Flags.DumpFormat.KDUMP_ZLIB, Flags.Dump.MEMORY_ONLY);
        // QEMU 7.2 writes kdump cores in makedumpfile's flattened format
        assertEquals("makedumpfile", new String(head(kdump, 12), java.nio.charset.StandardCharsets.US_ASCII));
        Path whole = tmp.resolve("dmp.state");
        d.coreDump(whole.toString(), 0);
        assertEquals("QEVM", new String(head(whole, 4), java.nio.charset.StandardCharsets.US_ASCII), "QEMU's state stream");
        assertEquals(StateReason.RUNNING_UNPAUSED, d.getState().reason(), "running again after the dumps");
        double before = lastTick(serial);
        TestGuest.await(() -> lastTick(serial) > before + 1, BOOT, "the clock going on after the dumps");

        d.coreDump(tmp.resolve("dmp.crash").toString(), Flags.Dump.MEMORY_ONLY | Flags.Dump.CRASH);
        assertEquals(StateReason.SHUTOFF_CRASHED, d.getState().reason());
        events.await("dmp", LifecycleDetail.STOPPED_CRASHED, Duration.ofSeconds(5));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("jvirt-part")).toList(), "no partial file");
        }
        assertFalse(Files.exists(tmp.resolve("no")));
    }

    @Test
    void saveReportsItsProgressAndCanBeAborted() throws Exception {
        Path serial = tmp.resolve("jp.log");
        Domain d = conn.defineXML(TestGuest.xml("jp", serial)
                .replace("<memory unit='MiB'>128</memory>", "<memory unit='MiB'>512</memory>"));
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, BOOT);
        assertEquals(DomainJobInfo.TYPE_NONE, d.getJobInfo().type());
        assertEquals(ErrorNumber.OPERATION_INVALID, assertThrows(LibvirtException.class, d::abortJob).number());
        // guest memory full of random data, so that a save has 200 MB to move: long enough to watch
        try (ByteStream console = d.openConsole(null)) {
            console.output().write("head -c 200000000 /dev/urandom > /fill; echo JVIRT-$((40+2))-FILLED\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            console.output().flush();
            TestGuest.awaitText(serial, "JVIRT-42-FILLED", Duration.ofSeconds(180));
        }

        Path image = tmp.resolve("jp.save");
        List<DomainJobInfo> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        var save = java.util.concurrent.CompletableFuture.runAsync(() -> d.save(image.toString(), 0));
        while (!save.isDone()) {
            DomainJobInfo j = d.getJobInfo();
            if (j.type() != DomainJobInfo.TYPE_NONE) {
                seen.add(j);
            }
            Thread.sleep(2);
        }
        save.join();
        assertFalse(seen.isEmpty(), "progress seen while saving");
        DomainJobInfo last = seen.get(seen.size() - 1);
        assertEquals(DomainJobInfo.TYPE_UNBOUNDED, last.type());
        // guest RAM plus QEMU's small RAM blocks (ROMs, video memory)
        assertTrue(last.memTotal() >= 512L << 20 && last.memTotal() < 576L << 20, last.toString());
        assertTrue(seen.stream().anyMatch(j -> j.dataProcessed() > 0 && j.dataRemaining() < j.dataTotal()), seen.toString());
        assertEquals(DomainJobInfo.TYPE_NONE, d.getJobInfo().type(), "no job once the save is done");

        Domain r = conn.restore(image.toString(), 0);
        Path image2 = tmp.resolve("jp2.save");
        var save2 = java.util.concurrent.CompletableFuture.runAsync(() -> r.save(image2.toString(), 0));
        TestGuest.await(() -> r.getJobInfo().type() != DomainJobInfo.TYPE_NONE || save2.isDone(), BOOT, "the save job");
        r.abortJob();
        var e = assertThrows(java.util.concurrent.CompletionException.class, save2::join);
        assertEquals(ErrorNumber.OPERATION_ABORTED, ((LibvirtException) e.getCause()).number(), e.getCause().toString());
        assertEquals(DomainState.RUNNING, r.getState().state(), "the guest runs on");
        assertFalse(Files.exists(image2));
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("jvirt-part")).toList(), "no partial file");
        }
        r.destroy();
    }

    private static byte[] head(Path file, int n) throws java.io.IOException {
        try (var in = Files.newInputStream(file)) {
            return in.readNBytes(n);
        }
    }

    private static Path onlyDump(Path dir, String name) throws java.io.IOException {
        try (var s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().matches("\\d+-" + name
                    + "-\\d{4}-\\d\\d-\\d\\d-\\d\\d:\\d\\d:\\d\\d")).toList();
            assertEquals(1, found.size(), "one dump of " + name + " in " + dir + ": " + found);
            return found.get(0);
        }
    }

    private static int count(Path file, String marker) {
        try {
            return Files.exists(file) ? Files.readString(file).split(marker, -1).length - 1 : 0;
        } catch (java.io.IOException e) {
            return 0;
        }
    }

    @Test
    void transientGuestLeavesNothingBehindWhenDestroyed() {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.createXML(TestGuest.xml("t1", serial), 0);
        assertTrue(d.isActive());
        assertFalse(d.isPersistent());
        assertFalse(Files.exists(tmp.resolve("root/etc/qemu/t1.xml")));
        assertEquals(1, conn.listAllDomains(Flags.ListAll.TRANSIENT).size());
        assertEquals(0, conn.listAllDomains(Flags.ListAll.PERSISTENT).size());
        TestGuest.awaitText(serial, TestGuest.READY, BOOT);

        d.destroy();
        events.await("t1", LifecycleDetail.STOPPED_DESTROYED, Duration.ofSeconds(5));
        assertEquals(ErrorNumber.NO_DOMAIN,
                assertThrows(LibvirtException.class, () -> conn.lookupByName("t1")).number());
        assertFalse(Files.exists(tmp.resolve("root/run/qemu/t1.xml")));
    }

    @Test
    void qemuKilledFromOutsideIsShutoffCrashedWithEvent() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("c1", serial));
        d.create();
        long pid = Long.parseLong(Files.readString(tmp.resolve("root/run/qemu/c1.xml"))
                .replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
        assertTrue(ProcessHandle.of(pid).isPresent());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();

        events.await("c1", LifecycleDetail.STOPPED_FAILED, Duration.ofSeconds(10));
        assertEquals(DomainState.SHUTOFF, d.getState().state());
        assertEquals(StateReason.SHUTOFF_CRASHED, d.getState().reason());
        assertTrue(d.isPersistent(), "a persistent guest stays defined after a crash");
    }

    @Test
    void pausedStartAndSuspendResume() {
        Domain d = conn.createXML(TestGuest.xml("p1", tmp.resolve("serial.log")), Flags.Start.PAUSED);
        assertEquals(StateReason.PAUSED_USER, d.getState().reason());
        d.resume();
        assertEquals(StateReason.RUNNING_UNPAUSED, d.getState().reason());
        d.suspend();
        assertEquals(StateReason.PAUSED_USER, d.getState().reason());
        TestGuest.await(() -> events.all().size() == 4, Duration.ofSeconds(5), "4 events");
        assertEquals(List.of("p1:STARTED_BOOTED", "p1:SUSPENDED_PAUSED", "p1:RESUMED_UNPAUSED", "p1:SUSPENDED_PAUSED"),
                events.all());
    }

    @Test
    void startingARunningDomainIsOperationInvalid() {
        Domain d = conn.defineXML(TestGuest.xml("r1", tmp.resolve("serial.log")));
        d.create();
        LibvirtException e = assertThrows(LibvirtException.class, d::create);
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        // undefining a running guest makes it transient; it disappears when it stops
        d.undefine();
        assertTrue(d.isActive());
        assertFalse(d.isPersistent());
        d.destroy();
        assertEquals(ErrorNumber.NO_DOMAIN,
                assertThrows(LibvirtException.class, () -> conn.lookupByName("r1")).number());
    }

    @Test
    void balloonSetmemLiveAndConfig() {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("m1", serial).replace("<memballoon model='none'/>",
                "<memballoon model='virtio'/>"));
        d.setMemory(100 * 1024, Flags.Affect.CONFIG);
        assertTrue(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<currentMemory unit='KiB'>102400</currentMemory>"));
        LibvirtException e = assertThrows(LibvirtException.class, () -> d.setMemory(200 * 1024, Flags.Affect.LIVE));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number(), "live change of an inactive domain");

        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, BOOT);
        d.setMemory(96 * 1024, Flags.Affect.LIVE);
        assertEquals(96 * 1024, d.getInfo().memoryKiB());
        TestGuest.await(() -> d.memoryStats().get("actual") == 96 * 1024, Duration.ofSeconds(30),
                "the guest's balloon driver to give back memory (got " + d.memoryStats() + ")");
        assertTrue(d.memoryStats().get("rss") > 0);
        e = assertThrows(LibvirtException.class, () -> d.setMemory(256 * 1024, Flags.Affect.LIVE | Flags.Memory.MAXIMUM));
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        e = assertThrows(LibvirtException.class, () -> d.setMemory(1024 * 1024, Flags.Affect.LIVE));
        assertEquals(ErrorNumber.INVALID_ARG, e.number(), "above the maximum");
        assertTrue(d.getXMLDesc(Flags.Xml.INACTIVE).contains("<currentMemory unit='KiB'>102400</currentMemory>"),
                "live change leaves the config alone");
    }

    @Test
    void apiRebootRestartsTheGuestInTheSameQemu() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.createXML(TestGuest.xml("rb", serial), 0);
        TestGuest.awaitText(serial, TestGuest.READY, BOOT);
        List<String> reboots = new java.util.concurrent.CopyOnWriteArrayList<>();
        conn.addDomainEventListener(ev -> {
            if (ev instanceof io.jvirt.DomainEvent.Reboot r) {
                reboots.add(r.domain().name());
            }
        });
        long pid = Long.parseLong(Files.readString(tmp.resolve("root/run/qemu/rb.xml")).replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
        d.reboot();
        TestGuest.await(() -> {
            try {
                return Files.readString(serial).split(TestGuest.READY, -1).length == 3;
            } catch (java.io.IOException ex) {
                return false;
            }
        }, BOOT, "a second READY after reboot");
        assertEquals(StateReason.RUNNING_BOOTED, d.getState().reason());
        assertFalse(reboots.isEmpty(), "reboot event");
        assertTrue(reboots.stream().allMatch("rb"::equals), reboots.toString());
        assertTrue(ProcessHandle.of(pid).isPresent(), "same QEMU process");
        assertFalse(events.all().stream().anyMatch(x -> x.contains("STOPPED") || x.contains("SHUTDOWN")), events.all().toString());
    }

    /** The last "JVIRT-GUEST-TICK <uptime>" in the serial log, or -1. */
    private static double lastTick(Path serial) {
        try {
            var m = java.util.regex.Pattern.compile("JVIRT-GUEST-TICK (\\d+\\.\\d+)").matcher(Files.readString(serial));
            double last = -1;
            while (m.find()) {
                last = Double.parseDouble(m.group(1));
            }
            return last;
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void saveAndRestoreKeepTheGuestsState() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("sv", serial).replace("panic=-1", "panic=-1 jvirt.ticker=1"));
        d.create();
        TestGuest.await(() -> lastTick(serial) >= 2, BOOT, "the guest's clock ticking");
        Path image = tmp.resolve("sv.save");
        d.save(image.toString(), 0);
        double before = lastTick(serial);
        assertEquals(StateReason.SHUTOFF_SAVED, d.getState().reason());
        events.await("sv", LifecycleDetail.STOPPED_SAVED, Duration.ofSeconds(5));
        assertTrue(Files.size(image) > 4096);
        try (var s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains("jvirt-part")).toList(), "no partial file");
        }

        Domain r = conn.restore(image.toString(), 0);
        assertEquals("sv", r.getName());
        assertEquals(StateReason.RUNNING_RESTORED, r.getState().reason());
        events.await("sv", LifecycleDetail.STARTED_RESTORED, Duration.ofSeconds(5));
        TestGuest.await(() -> lastTick(serial) > before, BOOT, "the clock going on after restore");
        assertTrue(lastTick(serial) >= before, "uptime continued (" + before + " -> " + lastTick(serial) + ")");
        assertFalse(Files.readString(serial).contains("JVIRT-GUEST-INIT"), "the guest did not boot again");
        r.shutdown(); // the restored guest still answers the power button
        TestGuest.await(() -> !r.isActive(), BOOT, "shutoff after ACPI shutdown");
        assertEquals(StateReason.SHUTOFF_SHUTDOWN, r.getState().reason());
    }

    @Test
    void managedSaveResumesOnNextStartAndBlocksUndefine() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Domain d = conn.defineXML(TestGuest.xml("ms", serial).replace("panic=-1", "panic=-1 jvirt.ticker=1"));
        d.create();
        TestGuest.await(() -> lastTick(serial) >= 1, BOOT, "the guest's clock ticking");
        d.managedSave(0);
        assertTrue(d.hasManagedSaveImage());
        assertEquals(1, conn.listAllDomains(Flags.ListAll.MANAGEDSAVE).size());
        LibvirtException e = assertThrows(LibvirtException.class, d::undefine);
        assertEquals(ErrorNumber.OPERATION_INVALID, e.number());
        double before = lastTick(serial);
        d.create();
        assertEquals(StateReason.RUNNING_RESTORED, d.getState().reason());
        assertFalse(d.hasManagedSaveImage(), "image consumed");
        TestGuest.await(() -> lastTick(serial) > before, BOOT, "the clock going on");
        assertFalse(Files.readString(serial).contains("JVIRT-GUEST-INIT"), "resumed, not booted");
    }

    @Test
    void restoreOfSomethingElseIsAClearError() throws Exception {
        Path junk = tmp.resolve("junk.save");
        Files.writeString(junk, "not a save image");
        LibvirtException e = assertThrows(LibvirtException.class, () -> conn.restore(junk.toString(), 0));
        assertEquals(ErrorNumber.OPERATION_FAILED, e.number());
        assertTrue(e.getMessage().contains("not a jvirt save image"), e.getMessage());
        assertEquals(0, conn.listAllDomains(0).size());
    }
}
