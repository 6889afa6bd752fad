package io.jvirt.it.daemon;

import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real virsh 9.0 managing a real guest through jvirtd: a scripted session with expected output. */
@Tag("qemu")
class JvirtdVirshIT {
    @TempDir
    Path tmp;
    JvirtdProcess jvirtd;
    final List<Long> qemuPids = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        jvirtd = new JvirtdProcess(tmp.resolve("home")).start();
    }

    @AfterEach
    void stop() throws Exception {
        jvirtd.close();
        qemuPids.forEach(p -> ProcessHandle.of(p).ifPresent(ProcessHandle::destroyForcibly));
    }

    /** One step: a virsh command and what its standard output must match (a regex, DOTALL). */
    record Step(String expect, String... args) {
    }

    /**
     * Runs a step. virsh ends each command's output with a blank line (and documents that already
     * end in a newline with one more): trailing newlines are compared as one.
     */
    private void expect(Step s) {
        Virsh.Result r = Virsh.run(jvirtd.uri(), s.args());
        String pattern = s.expect().replaceAll("(\n\\+?)+$", "");
        pattern = pattern.endsWith(".*") ? pattern : pattern + "\n";
        String out = r.out().replaceAll("\n+$", "\n");
        assertTrue(Pattern.compile(pattern, Pattern.DOTALL).matcher(out).matches(),
                "virsh " + String.join(" ", s.args()) + "\nexpected: " + s.expect() + "\n" + r);
    }

    private static List<String> linesFor(String domain, String eventLog) {
        return eventLog.lines().filter(l -> l.startsWith("event '") && l.contains(" for domain '" + domain + "'")).toList();
    }

        private long qemuPid(String name) throws Exception {
        Path status = jvirtd.home.resolve("run/jvirt/qemu/run/" + name + ".xml");
        long pid = Long.parseLong(Files.readString(status).replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
        qemuPids.add(pid);
        return pid;
    }

    @Test
    void scriptedSession() throws Exception {
        Path serial = tmp.resolve("serial.log");
        Path xml = tmp.resolve("g.xml");
        Files.writeString(xml, TestGuest.xml("g", serial).replace("<memballoon model='none'/>", "<memballoon model='virtio'/>"));
        Path events = tmp.resolve("events.log");
        Process eventLoop = new ProcessBuilder("virsh", "-c", jvirtd.uri(), "event", "--all", "--loop", "--timeout", "60")
                .redirectOutput(events.toFile()).redirectErrorStream(true).start();
        // jvirsh's event command next to virsh's: both must print the same lines for domain 'g'
        Path jEvents = tmp.resolve("jvirsh-events.log");
        Process jvirshLoop = new ProcessBuilder(Path.of("").toAbsolutePath().getParent().resolve("bin/jvirsh").toString(),
                "-c", jvirtd.uri(), "event", "--all", "--loop", "--timeout", "90")
                .redirectOutput(jEvents.toFile()).redirectErrorStream(true).start();
        try {
            Thread.sleep(500); // let virsh register
            // registered once it reports a marker domain's definition (each define of it is an event)
            Path marker = tmp.resolve("m.xml");
            Files.writeString(marker, TestGuest.xml("m", tmp.resolve("m.log")));
            TestGuest.await(() -> {
                Virsh.run(jvirtd.uri(), "define", marker.toString());
                try {
                    return Files.readString(jEvents).contains("for domain 'm': Defined");
                } catch (java.io.IOException e) {
                    return false;
                }
            }, Duration.ofSeconds(60), "jvirsh event to register");
            expect(new Step("Domain 'm' has been undefined\n\n", "undefine", "m"));
            String uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
            List<Step> steps = List.of(
                    new Step("Compiled against library: libvirt 9\\.0\\.0\nUsing library: libvirt 9\\.0\\.0\nUsing API: QEMU 9\\.0\\.0\n"
                            + "Running hypervisor: QEMU 7\\.2\\.\\d+\n\n", "version"),
                    new Step("qemu\\+unix:///session\\?socket=.*jvirt-sock\n\n", "uri"),
                    new Step(".+\n\n", "hostname"),
                    new Step("CPU model: .*CPU\\(s\\): +\\d+\n.*Memory size: +\\d+ KiB\n\n", "nodeinfo"),
                    new Step("<capabilities>.*</capabilities>\n+", "capabilities"),
                    new Step("Domain 'g' defined from " + Pattern.quote(xml.toString()) + "\n\n", "define", xml.toString()),
                    new Step(" Id   Name   State\n-----------------------\n -    g      shut off\n\n", "list", "--all"),
                    new Step("shut off \\(unknown\\)\n\n", "domstate", "g", "--reason"),
                    new Step("Id: +-\nName: +g\nUUID: +" + uuid + "\n.*State: +shut off\n.*Persistent: +yes\n.*", "dominfo", "g"),
                    new Step("Domain 'g' started\n\n", "start", "g"),
                    new Step(" Id   Name   State\n----------------------\n 1    g      running\n\n", "list"),
                    new Step("1\n\n", "domid", "g"),
                    new Step(uuid + "\n\n", "domuuid", "g"),
                    new Step("g\n\n", "domname", "1"),
                    new Step("running \\(booted\\)\n\n", "domstate", "g", "--reason"),
                    new Step("<domain type='qemu' id='1'>\n  <name>g</name>.*</domain>\n+", "dumpxml", "g"),
                    new Step("Domain 'g' suspended\n\n", "suspend", "g"),
                    new Step("paused \\(user\\)\n\n", "domstate", "g", "--reason"),
                    new Step("Domain 'g' resumed\n\n", "resume", "g"),
                    new Step("running \\(unpaused\\)\n\n", "domstate", "g", "--reason"),
                    new Step("VM status: running\r?\n+", "qemu-monitor-command", "g", "--hmp", "info", "status"),
                    new Step("\\{\n  \"return\": \\{\n.*\"running\": true.*\\}\n\n", "qemu-monitor-command", "g", "--pretty",
                            "{\"execute\":\"query-status\"}"),
                    new Step("actual \\d+\nrss \\d+\n\n", "dommemstat", "g"),
                    new Step("Domain 'g' marked as autostarted\n\n", "autostart", "g"),
                    new Step(".*Autostart: +enable\n.*", "dominfo", "g"),
                    new Step("Domain 'g' unmarked as autostarted\n\n", "autostart", "g", "--disable"),
                    new Step("\n", "setmem", "g", "100M", "--config"),
                    new Step(".*<currentMemory unit='KiB'>102400</currentMemory>.*", "dumpxml", "g", "--inactive"),
                    new Step(" Target   Source\n-+\n\n", "domblklist", "g"),
                    new Step(".*<host>.*", "sysinfo")  // replaced below: sysinfo may be unavailable
            );
            for (Step s : steps.subList(0, steps.size() - 1)) {
                expect(s);
            }
            long pid = qemuPid("g");
            TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(60));

            // a memory-only core dump through the real virsh: an ELF core, and the guest runs on
            Path core = tmp.resolve("g.core");
            expect(new Step("\nDomain 'g' dumped to " + Pattern.quote(core.toString()) + "\n\n", "dump", "g",
                    core.toString(), "--memory-only"));
            try (var in = Files.newInputStream(core)) {
                assertEquals("\u007fELF", new String(in.readNBytes(4), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
            Path kdump = tmp.resolve("g.kdump");
            expect(new Step("\nDomain 'g' dumped to " + Pattern.quote(kdump.toString()) + "\n\n", "dump", "g",
                    kdump.toString(), "--memory-only", "--format", "kdump-zlib"));
            expect(new Step("running \\(unpaused\\)\n\n", "domstate", "g", "--reason"));
            expect(new Step("Job type: +None +\n\n", "domjobinfo", "g"));
            Virsh.Result abort = Virsh.run(jvirtd.uri(), "domjobabort", "g");
            assertEquals("error: Requested operation is not valid: no job is active on the domain\n", abort.err());

            // tuning through the guest's cgroup, as virsh prints it; config changes land in the inactive XML
            expect(new Step("\n", "memtune", "g", "--hard-limit", "1G", "--live"));
            expect(new Step("hard_limit     : 1048576\nsoft_limit     : unlimited\nswap_hard_limit: unlimited\n\n",
                    "memtune", "g"));
            expect(new Step("Scheduler      : posix\ncpu_shares     : 300\nvcpu_period    : 100000\nvcpu_quota     : 20000\n"
                    + "emulator_period: 100000\nemulator_quota : -1\nglobal_period  : 100000\nglobal_quota   : -1\n"
                    + "iothread_period: 0\niothread_quota : 0\n\n", "schedinfo", "g", "--live", "cpu_shares=300",
                    "vcpu_quota=20000"));
            expect(new Step("numa_mode      : strict\nnuma_nodeset   : \n\n", "numatune", "g"));
            expect(new Step("weight         : 0\ndevice_weight  : \ndevice_read_iops_sec: \n.*", "blkiotune", "g"));
            expect(new Step("\n", "memtune", "g", "--soft-limit", "200M", "--config"));
            expect(new Step(".*<memtune>\n    <soft_limit unit='KiB'>204800</soft_limit>\n  </memtune>.*", "dumpxml", "g",
                    "--inactive"));
            expect(new Step(" VCPU   CPU Affinity\n-{22}\n 0      [0-9,-]+\n\n", "vcpupin", "g"));
            expect(new Step("\n", "vcpupin", "g", "0", "0"));
            expect(new Step(" VCPU   CPU Affinity\n-{22}\n 0      0\n\n", "vcpupin", "g"));
            expect(new Step("\n", "emulatorpin", "g", "0", "--live"));
            expect(new Step("emulator: CPU Affinity\n-{34}\n       \\*: 0\n\n", "emulatorpin", "g"));
            assertEquals("0", Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(l -> l.startsWith("Cpus_allowed_list:")).findFirst().orElseThrow()
                    .substring("Cpus_allowed_list:".length()).strip(), "QEMU's main thread follows emulatorpin");
            // a disk's throttle through the real virsh: set, read back, the total replaced by a read limit
            Path img = tmp.resolve("t.img");
            try (var raf = new java.io.RandomAccessFile(img.toFile(), "rw")) {
                raf.setLength(16L << 20);
            }
            Path txml = tmp.resolve("t.xml");
            Files.writeString(txml, TestGuest.xml("t", tmp.resolve("t.log")).replace("<vcpu>1</vcpu>",
                    "<vcpu current='1'>2</vcpu>").replace("<memballoon model='none'/>",
                    "<disk type='file' device='disk'><driver name='qemu' type='raw'/><source file='" + img
                            + "'/><target dev='vda' bus='virtio'/></disk><memballoon model='none'/>"));
            expect(new Step("Domain 't' created from .*", "create", txml.toString(), "--paused"));
            qemuPid("t");
            expect(new Step("\n", "blkdeviotune", "t", "vda", "--total-bytes-sec", "10M", "--group-name", "grp"));
            expect(new Step("total_bytes_sec: 10485760\nread_bytes_sec : 0\nwrite_bytes_sec: 0\ntotal_iops_sec : 0\n.*"
                    + "size_iops_sec  : 0\ngroup_name     : grp\n.*", "blkdeviotune", "t", "vda"));
            expect(new Step("\n", "blkdeviotune", "t", "vda", "--read-bytes-sec", "1000"));
            expect(new Step("total_bytes_sec: 0\nread_bytes_sec : 1000\n.*", "blkdeviotune", "t", "vda"));
            assertTrue(Virsh.run(jvirtd.uri(), "qemu-monitor-command", "t", "{\"execute\":\"query-block\"}").out()
                    .replace(" ", "").contains("\"bps_rd\":1000"));
            // IOThreads added, pinned and removed live through the real virsh
            expect(new Step("No IOThreads found for the domain\n\n", "iothreadinfo", "t"));
            expect(new Step("\n", "iothreadadd", "t", "3", "--live"));
            expect(new Step(" IOThread ID   CPU Affinity\n-{29}\n 3             [0-9,-]+\n\n", "iothreadinfo", "t"));
            expect(new Step("\n", "iothreadpin", "t", "3", "0"));
            expect(new Step(" IOThread ID   CPU Affinity\n-{29}\n 3             0\n\n", "iothreadinfo", "t"));
            assertTrue(Virsh.run(jvirtd.uri(), "qemu-monitor-command", "t", "{\"execute\":\"query-iothreads\"}").out()
                    .contains("iothread3"));
            expect(new Step("\n", "iothreaddel", "t", "3"));
            expect(new Step("No IOThreads found for the domain\n\n", "iothreadinfo", "t"));
            // one vCPU plugged by number (virDomainSetVcpu); a boot vCPU cannot come out
            expect(new Step("\n", "setvcpu", "t", "1", "--enable"));
            expect(new Step("(?s).*current      live           2\n.*", "vcpucount", "t"));
            Virsh.Result unplug0 = Virsh.exec(List.of("virsh", "-c", jvirtd.uri(), "setvcpu", "t", "0", "--disable"));
            assertEquals("error: Operation not supported: vcpu '0' can't be unplugged\n", unplug0.err());
            expect(new Step("Domain 't' destroyed\n\n", "destroy", "t"));
            Virsh.Result roTune = Virsh.exec(List.of("virsh", "-r", "-c", jvirtd.uri(), "memtune", "g", "--hard-limit", "2G"));
            assertEquals("error: Unable to change memory parameters\n"
                    + "error: operation forbidden: read only access prevents virDomainSetMemoryParameters\n", roTune.err());

            // the read-only twin of the same URI refuses changes, allows queries
            Virsh.Result ro = Virsh.exec(List.of("virsh", "-r", "-c", jvirtd.uri(), "destroy", "g"));
            assertEquals(1, ro.exit());
            assertEquals("error: Failed to destroy domain 'g'\n"
                    + "error: operation forbidden: read only access prevents virDomainDestroy\n", ro.err());
            assertEquals("running\n\n", Virsh.exec(List.of("virsh", "-r", "-c", jvirtd.uri(), "domstate", "g")).out());

            // the console, through a pty (virsh insists on one): type into the guest's shell
            Virsh.Result console = Virsh.exec(List.of("sh", "-c", "(sleep 2; printf 'echo console-$((6*7))\\n'; sleep 2;"
                    + " printf '\\035') | script -qfec 'virsh -c \"" + jvirtd.uri() + "\" console g' /dev/null"));
            assertTrue(console.out().contains("Connected to domain 'g'"), console.toString());
            assertTrue(console.out().contains("console-42"), console.toString());

            expect(new Step("Domain 'g' is being shutdown\n\n", "shutdown", "g"));
            TestGuest.await(() -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(60), "guest power-off");
            expect(new Step("shut off \\(shutdown\\)\n\n", "domstate", "g", "--reason"));
            expect(new Step("Domain 'g' started\n\n", "start", "g"));
            expect(new Step("Domain 'g' destroyed\n\n", "destroy", "g"));
            expect(new Step("shut off \\(destroyed\\)\n\n", "domstate", "g", "--reason"));
            expect(new Step("Domain 'g' has been undefined\n\n", "undefine", "g"));
            expect(new Step(" Id   Name   State\n--------------------\n\n", "list", "--all"));
            Virsh.Result missing = Virsh.run(jvirtd.uri(), "dominfo", "nope");
            assertEquals(1, missing.exit());
            assertEquals("error: failed to get domain 'nope'\n", missing.err());
        } finally {
            eventLoop.destroy();
            eventLoop.waitFor();
            jvirshLoop.destroy();
            jvirshLoop.waitFor();
        }
        String ev = Files.readString(events);
        assertEquals(linesFor("g", ev), linesFor("g", Files.readString(jEvents)), "jvirsh event prints what virsh event prints");
        for (String e : List.of("Defined Added", "Resumed Unpaused", "Started Booted", "Suspended Paused",
                "Shutdown Finished after guest request", "Stopped Shutdown", "Stopped Destroyed", "Undefined Removed")) {
            assertTrue(ev.contains("event 'lifecycle' for domain 'g': " + e), e + " in\n" + ev);
        }
        String g = String.join("\n", linesFor("g", ev));
        assertTrue(g.indexOf("Started Booted") < g.indexOf("Suspended Paused"), "in order:\n" + ev);
        // destroy: QEMU's answer to SIGTERM first, as libvirtd reports it
        int host = g.indexOf("Shutdown Finished after host request");
        assertTrue(host > g.indexOf("Stopped Shutdown") && host < g.indexOf("Stopped Destroyed"), "destroy's order:\n" + ev);
    }

    @Test
    void watchdogEventsReachVirshAndJvirsh() throws Exception {
        Path serial = tmp.resolve("wd.log");
        Path xml = tmp.resolve("wd.xml");
        Files.writeString(xml, TestGuest.xml("wd", serial).replace("quiet panic=-1", "quiet panic=-1 jvirt.watchdog=1")
                .replace("<memballoon model='none'/>", "<watchdog model='i6300esb' action='pause'/><memballoon model='none'/>"));
        Path vEvents = tmp.resolve("virsh-wd.log");
        Path jEvents = tmp.resolve("jvirsh-wd.log");
        Process virsh = new ProcessBuilder("virsh", "-c", jvirtd.uri(), "event", "--event", "watchdog", "--timeout", "120")
                .redirectOutput(vEvents.toFile()).redirectErrorStream(true).start();
        Process jvirsh = new ProcessBuilder(Path.of("").toAbsolutePath().getParent().resolve("bin/jvirsh").toString(),
                "-c", jvirtd.uri(), "event", "--event", "watchdog", "--timeout", "120")
                .redirectOutput(jEvents.toFile()).redirectErrorStream(true).start();
        try {
            Thread.sleep(3000); // both registered (jvirsh's JVM starts in about a second)
            expect(new Step("Domain 'wd' created from " + Pattern.quote(xml.toString()) + "\n\n", "create", xml.toString()));
            qemuPid("wd");
            assertTrue(virsh.waitFor(90, java.util.concurrent.TimeUnit.SECONDS), "virsh got its event");
            assertTrue(jvirsh.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "jvirsh got its event");
        } finally {
            virsh.destroy();
            jvirsh.destroy();
        }
        String expected = "event 'watchdog' for domain 'wd': pause\nevents received: 1\n";
        assertEquals(expected, Files.readString(vEvents).replaceAll("\n+$", "\n"));
        assertEquals(expected, Files.readString(jEvents).replaceAll("\n+$", "\n"));
        expect(new Step("paused \\(watchdog\\)\n\n", "domstate", "wd", "--reason"));
        expect(new Step("Domain 'wd' destroyed\n\n", "destroy", "wd"));
    }

    @Test
    void guestsSurviveADaemonRestart() throws Exception {
        Path xml = tmp.resolve("s.xml");
        Files.writeString(xml, TestGuest.xml("s", tmp.resolve("serial.log")));
        expect(new Step("Domain 's' defined from .*\n\n", "define", xml.toString()));
        expect(new Step("Domain 's' started\n\n", "start", "s"));
        long pid = qemuPid("s");
        assertEquals(143, jvirtd.stop(), "SIGTERM: the JVM's exit status");
        assertTrue(ProcessHandle.of(pid).isPresent(), "the guest keeps running without jvirtd");
        assertFalse(Files.exists(jvirtd.socket), "socket removed");
        jvirtd = new JvirtdProcess(tmp.resolve("home")).start();
        expect(new Step(" Id   Name   State\n----------------------\n 1    s      running\n\n", "list"));
        expect(new Step("running \\(booted\\)\n\n", "domstate", "s", "--reason"));
        expect(new Step("Domain 's' destroyed\n\n", "destroy", "s"));
        assertTrue(ProcessHandle.of(pid).isEmpty());
    }

    @Test
    void unknownUriIsRefusedAndConnectionStaysUsable() {
        Virsh.Result r = Virsh.exec(List.of("virsh", "-c", "qemu+unix:///system?socket=" + jvirtd.socket, "list"));
        assertEquals(1, r.exit());
        assertTrue(r.err().contains("no connection driver available for qemu:///system"), r.toString());
    }
}
