package io.jvirt.it.cli;

import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bin/jvirsh across separate invocations on the default embedded root: no daemon. */
@Tag("qemu")
class JvirshIT {
    @TempDir
    Path tmp;
    Long qemuPid;

    Map<String, String> env() {
        return Map.of("XDG_DATA_HOME", tmp.resolve("data").toString());
    }

    Cli.Result jvirsh(String... args) {
        return Cli.run(env(), "jvirsh", args);
    }

    @AfterEach
    void killLeftover() {
        if (qemuPid != null) {
            ProcessHandle.of(qemuPid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private long pidOf(String name) throws Exception {
        Path status = tmp.resolve("data/jvirt/embed/run/qemu/" + name + ".xml");
        return Long.parseLong(Files.readString(status).replaceAll("(?s).*?pid='(\\d+)'.*", "$1"));
    }

    @Test
    void guestRunsOnBetweenInvocations() throws Exception {
        Path xml = tmp.resolve("vm.xml");
        Path serial = tmp.resolve("serial.log");
        Files.writeString(xml, TestGuest.xml("vm", serial));

        Cli.Result r = jvirsh("define", xml.toString());
        assertEquals(0, r.exit(), r.toString());
        assertEquals("Domain 'vm' defined from " + xml + "\n\n", r.out());
        assertTrue(Files.exists(tmp.resolve("data/jvirt/embed/etc/qemu/vm.xml")), "default root in XDG_DATA_HOME");

        r = jvirsh("start", "vm");
        assertEquals("Domain 'vm' started\n\n", r.out(), r.toString());
        qemuPid = pidOf("vm");

        r = jvirsh("list");
        assertEquals(" Id   Name   State\n----------------------\n 1    vm     running\n\n", r.out(), r.toString());
        assertTrue(ProcessHandle.of(qemuPid).isPresent(), "guest kept running after jvirsh exited");

        r = jvirsh("domstate", "vm", "--reason");
        assertEquals("running (booted)\n\n", r.out(), r.toString());
        r = jvirsh("dominfo", "1");
        assertTrue(r.out().contains("Name:           vm\n"), r.toString());
        assertTrue(r.out().contains("State:          running\n"), r.toString());
        assertTrue(r.out().contains("Max memory:     131072 KiB\n"), r.toString());
        r = jvirsh("dumpxml", "vm");
        assertTrue(r.out().startsWith("<domain type='qemu' id='1'>\n  <name>vm</name>\n"), r.toString());

        TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(60));
        r = jvirsh("shutdown", "vm");
        assertEquals("Domain 'vm' is being shutdown\n\n", r.out(), r.toString());
        long pid = qemuPid;
        TestGuest.await(() -> ProcessHandle.of(pid).isEmpty(), Duration.ofSeconds(60), "QEMU to exit after shutdown");

        // the guest powered off while no jvirsh was attached: its reason is still known
        r = jvirsh("list", "--all");
        assertEquals(" Id   Name   State\n-----------------------\n -    vm     shut off\n\n", r.out(), r.toString());
        r = jvirsh("domstate", "vm", "--reason");
        assertEquals("shut off (shutdown)\n\n", r.out(), r.toString());

        r = jvirsh("undefine", "vm");
        assertEquals("Domain 'vm' has been undefined\n\n", r.out(), r.toString());
        assertFalse(Files.exists(tmp.resolve("data/jvirt/embed/etc/qemu/vm.xml")));
    }

    @Test
    void createRunsATransientGuestThatDumpAndDestroyHandle() throws Exception {
        Path xml = tmp.resolve("t.xml");
        Path serial = tmp.resolve("t-serial.log");
        Files.writeString(xml, TestGuest.xml("t", serial));
        Cli.Result r = jvirsh("create", xml.toString());
        assertEquals("Domain 't' created from " + xml + "\n\n", r.out(), r.toString());
        qemuPid = pidOf("t");
        assertFalse(Files.exists(tmp.resolve("data/jvirt/embed/etc/qemu/t.xml")), "transient: no config");
        TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(60));
        assertEquals("Job type:         None        \n\n", jvirsh("domjobinfo", "t").out());
        Path core = tmp.resolve("t.core");
        r = jvirsh("dump", "t", core.toString(), "--memory-only", "--verbose");
        assertEquals("\nDomain 't' dumped to " + core + "\n\n", r.out(), r.toString());
        assertTrue(r.err().endsWith("Dump: [100 %]\n"), r.toString());
        assertTrue(Files.size(core) > 64L << 20, "guest memory in the core");
        r = jvirsh("dump", "t", core.toString(), "--format", "elf");
        assertEquals(1, r.exit());
        assertEquals("error: --format only works with --memory-only\n", r.err());
        r = jvirsh("destroy", "t");
        assertEquals("Domain 't' destroyed\n\n", r.out(), r.toString());
        r = jvirsh("domstate", "t");
        assertEquals(1, r.exit());
        r = jvirsh("create", tmp.resolve("missing.xml").toString());
        assertEquals("error: Failed to open file '" + tmp.resolve("missing.xml") + "': No such file or directory\n", r.err());
    }

    @Test
    void destroyFromAnotherInvocation() throws Exception {
        Path xml = tmp.resolve("d.xml");
        Files.writeString(xml, TestGuest.xml("d", tmp.resolve("serial.log")));
        assertEquals(0, jvirsh("define", xml.toString()).exit());
        assertEquals(0, jvirsh("start", "d").exit());
        qemuPid = pidOf("d");
        Cli.Result r = jvirsh("destroy", "d");
        assertEquals("Domain 'd' destroyed\n\n", r.out(), r.toString());
        assertTrue(ProcessHandle.of(qemuPid).isEmpty());
        assertEquals("shut off (destroyed)\n\n", jvirsh("domstate", "d", "--reason").out());
        r = jvirsh("destroy", "d");
        assertEquals(1, r.exit());
        assertEquals("error: Failed to destroy domain 'd'\nerror: Requested operation is not valid: domain is not running\n",
                r.err());
    }

    @Test
    void controlCommandsConsoleAndMonitor() throws Exception {
        Path xml = tmp.resolve("c.xml");
        Path serial = tmp.resolve("serial.log");
        Files.writeString(xml, TestGuest.xml("c", serial));
        assertEquals(0, jvirsh("define", xml.toString()).exit());
        assertEquals(0, jvirsh("start", "c").exit());
        qemuPid = pidOf("c");
        TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(60));

        assertEquals("1\n\n", jvirsh("domid", "c").out());
        assertEquals("c\n\n", jvirsh("domname", "1").out());
        assertEquals("Domain 'c' suspended\n\n", jvirsh("suspend", "c").out());
        assertEquals("paused (user)\n\n", jvirsh("domstate", "c", "--reason").out());
        Cli.Result r = jvirsh("qemu-monitor-command", "c", "{\"execute\":\"query-status\"}");
        assertTrue(r.out().contains("\"status\": \"paused\""), r.toString());
        assertEquals("Domain 'c' resumed\n\n", jvirsh("resume", "c").out());
        r = jvirsh("qemu-monitor-command", "c", "--hmp", "info", "status");
        assertTrue(r.out().contains("VM status: running"), r.toString());
        r = jvirsh("qemu-monitor-command", "c", "--pretty", "{\"execute\":\"query-status\"}");
        assertTrue(r.out().contains("\n  \"return\" : {"), r.toString());
        assertTrue(Files.readString(tmp.resolve("data/jvirt/embed/log/qemu/c.log")).contains("is tainted: custom-monitor"));

        assertEquals("Domain 'c' marked as autostarted\n\n", jvirsh("autostart", "c").out());
        assertTrue(Files.isSymbolicLink(tmp.resolve("data/jvirt/embed/etc/qemu/autostart/c.xml")));
        assertEquals("Domain 'c' unmarked as autostarted\n\n", jvirsh("autostart", "--disable", "c").out());

        // the console: type a command into the guest's shell, leave with ^]
        r = Cli.runTyping(env(), java.util.List.of("echo console-$((6*7))\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                new byte[] {0x1d}), "jvirsh", "console", "c");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().startsWith("Connected to domain 'c'\nEscape character is ^] (Ctrl + ])\n"), r.toString());
        assertTrue(r.out().contains("console-42"), r.toString());

        // reboot: the guest goes down and comes up again in the same QEMU
        long before = Files.readString(serial).split("JVIRT-GUEST-INIT", -1).length;
        assertEquals("Domain 'c' is being rebooted\n\n", jvirsh("reboot", "c").out());
        TestGuest.await(() -> {
            try {
                return Files.readString(serial).split("JVIRT-GUEST-INIT", -1).length > before;
            } catch (java.io.IOException e) {
                return false;
            }
        }, Duration.ofSeconds(60), "the guest booting again");
        assertEquals(qemuPid.longValue(), pidOf("c"), "same QEMU");
        assertEquals("running\n\n", jvirsh("domstate", "c").out());
        assertEquals("Domain 'c' was reset\n\n", jvirsh("reset", "c").out());
        assertEquals("Domain 'c' destroyed\n\n", jvirsh("destroy", "c").out());
    }

    @Test
    void diskAndInterfaceListsAndStats() throws Exception {
        Path disk = tmp.resolve("disk.qcow2");
        Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", "qcow2", disk.toString(), "16M").start();
        assertEquals(0, img.waitFor());
        Path xml = tmp.resolve("s.xml");
        Path serial = tmp.resolve("serial.log");
        Files.writeString(xml, TestGuest.xml("s", serial).replace("<memballoon model='none'/>",
                "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + disk + "'/>"
                        + "<target dev='vda' bus='virtio'/></disk><interface type='user'><model type='virtio'/></interface>"
                        + "<memballoon model='none'/>"));
        assertEquals(0, jvirsh("define", xml.toString()).exit());
        assertEquals(0, jvirsh("start", "s").exit());
        qemuPid = pidOf("s");
        TestGuest.awaitText(serial, "JVIRT-GUEST-DISKS: vda", Duration.ofSeconds(60));
        // the NIC line follows the disks line: wait for it rather than read the log at once
        TestGuest.awaitText(serial, "JVIRT-GUEST-NICS: eth0", Duration.ofSeconds(10));

        Cli.Result r = jvirsh("domblklist", "s");
        assertTrue(r.out().contains(" vda      " + disk + "\n"), r.toString());
        r = jvirsh("domblkstat", "s", "vda");
        var rdReq = r.out().lines().filter(l -> l.startsWith("vda rd_req ")).findFirst().orElseThrow();
        assertTrue(Long.parseLong(rdReq.substring(11)) > 0, "the guest read its disk: " + r);
        assertEquals(8, r.out().lines().filter(l -> l.startsWith("vda ")).count(), r.toString());
        r = jvirsh("domiflist", "s");
        assertTrue(r.out().matches("(?s) Interface   Type   Source   Model    MAC\n-+\n -           user   -        virtio   52:54:00:..:..:..\n\n"),
                r.toString());
        r = jvirsh("domblkstat", "s", "vdz");
        assertEquals(1, r.exit());
        assertEquals("error: Failed to get block stats s vdz\nerror: invalid argument: invalid path: vdz\n", r.err());
        assertEquals(0, jvirsh("destroy", "s").exit());
    }

    @Test
    void errorsAreOneLineWithExitOne() throws Exception {
        Cli.Result r = jvirsh("dominfo", "nope");
        assertEquals(1, r.exit());
        assertEquals("error: failed to get domain 'nope'\n", r.err());

        r = jvirsh("define", tmp.resolve("missing.xml").toString());
        assertEquals(1, r.exit());
        assertEquals("error: Failed to open file '" + tmp.resolve("missing.xml") + "': No such file or directory\n", r.err());

        Path bad = tmp.resolve("bad.xml");
        Files.writeString(bad, "<domain type='qemu'><name>x</name>");
        r = jvirsh("define", bad.toString());
        assertEquals(1, r.exit());
        assertTrue(r.err().startsWith("error: Failed to define domain from " + bad + "\nerror: "), r.toString());
        assertEquals(2, r.err().lines().count(), r.toString());
        assertFalse(Files.exists(tmp.resolve("data/jvirt/embed/etc/qemu/x.xml")));

        r = jvirsh("frobnicate");
        assertEquals(1, r.exit());
        assertEquals("error: unknown command: 'frobnicate'\n", r.err());
    }

    @Test
    void setvcpuEditsTheConfigWithVirshsMessages() throws Exception {
        Path xml = tmp.resolve("cpus.xml");
        Files.writeString(xml, TestGuest.xml("cpus", tmp.resolve("serial.log")).replace("<vcpu>1</vcpu>",
                "<vcpu current='2'>4</vcpu>"));
        assertEquals(0, jvirsh("define", xml.toString()).exit());
        Cli.Result r = jvirsh("setvcpu", "cpus", "2", "--enable", "--config");
        assertEquals(0, r.exit(), r.toString());
        r = jvirsh("vcpucount", "cpus");
        assertEquals("maximum      config         4\ncurrent      config         3\n\n", r.out(), r.toString());
        assertTrue(jvirsh("dumpxml", "cpus", "--inactive").out().contains("<vcpu id='2' enabled='yes' hotpluggable='yes'/>"));
        // the same lines as virsh 9.0 prints for the same calls
        r = jvirsh("setvcpu", "cpus", "0", "--disable", "--config");
        assertEquals(1, r.exit());
        assertEquals("error: invalid argument: vCPU '0' can't be modified\n", r.err());
        r = jvirsh("setvcpu", "cpus", "1");
        assertEquals("error: one of --enable, --disable is required\n", r.err());
        r = jvirsh("setvcpu", "cpus", "1", "--enable", "--disable");
        assertEquals("error: Options --enable and --disable are mutually exclusive\n", r.err());
    }

    @Test
    void relativeRootIsRefused() {
        Cli.Result r = jvirsh("-c", "qemu:///embed?root=rel/dir", "list");
        assertEquals(1, r.exit());
        assertEquals("error: failed to connect to the hypervisor\n"
                + "error: invalid argument: root path 'rel/dir' for embedded driver must be absolute\n", r.err());
    }
}
