package io.jvirt.qemu.driver;

import io.jvirt.Connect;
import io.jvirt.Domain;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Disk sources a real guest reads and writes: an NBD export served by a real {@code qemu-nbd} on a
 * UNIX socket, a {@code <transient/>} disk (the guest's writes land in an overlay that goes away
 * at stop; the image is untouched), a LUKS image opened with a passphrase from the secret store,
 * a qcow2 whose backing file the XML does not describe, an explicit {@code <backingStore>} chain
 * and an optional disk whose source is missing (dropped at start). Each disk holds a marker
 * string at offset 0 that the guest prints through its console.
 */
@Tag("qemu")
class DiskSourcesIT {
    static final Duration WAIT = Duration.ofSeconds(90);
    static final String PASSPHRASE = "correct horse battery staple";
    static final String LUKS_UUID = "6b1cbd1e-4a62-4d55-9ad3-52d3a5e7c0f1";

    @TempDir
    Path tmp;
    Connect conn;
    final List<Process> servers = new ArrayList<>();

    @BeforeEach
    void open() {
        conn = Connect.open("qemu:///embed?root=" + tmp.resolve("root"));
    }

    @AfterEach
    void close() throws InterruptedException {
        if (conn != null) {
            conn.listAllDomains(io.jvirt.Flags.ListAll.ACTIVE).forEach(Domain::destroy);
            conn.close();
        }
        for (Process p : servers) {
            p.destroy();
            p.waitFor();
        }
    }

    @Test
    void theGuestReadsNbdTransientLuksAndChainedDisks() throws Exception {
        Path nbdImage = raw("nbd.img", "DATA-FROM-NBD");
        Path nbdSock = tmp.resolve("nbd.sock");
        Process nbd = new ProcessBuilder("qemu-nbd", "--socket=" + nbdSock, "--format=raw", "--export-name=exp1",
                "--persistent", "--shared=4", nbdImage.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("qemu-nbd.log").toFile()).start();
        servers.add(nbd);
        TestGuest.await(() -> Files.exists(nbdSock), WAIT, "the qemu-nbd socket");

        Path transientBase = raw("transient.img", "DATA-OF-THE-BASE");
        byte[] baseBefore = Files.readAllBytes(transientBase);

        Path plain = raw("plain.img", "DATA-INSIDE-LUKS");
        Path luks = tmp.resolve("secret.luks");
        run("qemu-img", "convert", "--object", "secret,id=sec0,file=" + passphraseFile(), "-O", "luks", "-o",
                "key-secret=sec0,iter-time=10", plain.toString(), luks.toString());
        assertFalse(new String(Files.readAllBytes(luks), StandardCharsets.ISO_8859_1).contains("DATA-INSIDE-LUKS"),
                "the image is encrypted");
        conn.secretDefineXML("<secret ephemeral='no' private='yes'><uuid>" + LUKS_UUID + "</uuid>"
                + "<usage type='volume'><volume>" + luks + "</volume></usage></secret>", 0)
                .setValue(PASSPHRASE.getBytes(StandardCharsets.UTF_8), 0);

        Path probedBase = raw("probed-base.img", "DATA-UNDER-AN-OVERLAY");
        Path probedTop = tmp.resolve("probed-top.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", probedBase.toString(), probedTop.toString());

        Path chainBase = raw("chain-base.img", "DATA-AT-THE-CHAIN-BOTTOM");
        Path chainTop = tmp.resolve("chain-top.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", chainTop.toString(), "16M"); // the XML gives the backing

        String disks = """
                <disk type='network' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source protocol='nbd' name='exp1'><host transport='unix' socket='%s'/></source>
                  <target dev='vda' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='%s'/>
                  <target dev='vdb' bus='virtio'/>
                  <transient/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='%s'>
                    <encryption format='luks'><secret type='passphrase' uuid='%s'/></encryption>
                  </source>
                  <target dev='vdc' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='%s'/>
                  <target dev='vdd' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='qcow2'/>
                  <source file='%s'/>
                  <backingStore type='file'>
                    <format type='raw'/>
                    <source file='%s'/>
                    <backingStore/>
                  </backingStore>
                  <target dev='vde' bus='virtio'/>
                </disk>
                <disk type='file' device='disk'>
                  <driver name='qemu' type='raw'/>
                  <source file='%s' startupPolicy='optional'/>
                  <target dev='vdf' bus='virtio'/>
                </disk>
                """.formatted(nbdSock, transientBase, luks, LUKS_UUID, probedTop, chainTop, chainBase,
                tmp.resolve("no-such-disk.img"));
        Path sock = tmp.resolve("ttyS0.sock");
        Path log = tmp.resolve("ttyS0.log");
        String xml = TestGuest.xml("disks", log)
                .replace("<serial type='pty'>", "<serial type='unix'><source mode='bind' path='" + sock + "'/>")
                .replace("<console type='pty'>", "<console type='unix'><source mode='bind' path='" + sock + "'/>")
                .replace("<memballoon model='none'/>", disks + "<memballoon model='none'/>");
        Domain d = conn.createXML(xml, 0);
        Path runDir;
        try (Stream<Path> s = Files.list(tmp.resolve("root/run/qemu"))) {
            runDir = s.filter(p -> p.getFileName().toString().endsWith("-disks")).findFirst().orElseThrow();
        }
        Path overlay = runDir.resolve("transient-virtio-disk1.qcow2");
        assertTrue(Files.exists(overlay), "the transient disk's overlay is in the domain's run directory");
        Path masterKey = runDir.resolve("master-key.aes");
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(masterKey)));
        String qemuLog = Files.readString(tmp.resolve("root/log/qemu/disks.log"));
        assertFalse(qemuLog.contains(PASSPHRASE), "the passphrase is never on the command line");
        assertTrue(qemuLog.contains("\"keyid\":\"masterKey0\""), qemuLog);

        TestGuest.awaitText(log, "JVIRT-GUEST-NICS:", WAIT); // printed after the whole disks line
        String listed = Files.readString(log).lines().filter(l -> l.startsWith("JVIRT-GUEST-DISKS:")).findFirst()
                .orElseThrow();
        for (String dev : List.of("vda", "vdb", "vdc", "vdd", "vde")) {
            assertTrue(listed.contains(dev), "the guest sees " + dev + ": " + listed);
        }
        assertFalse(listed.contains("vdf"), "the optional disk with a missing source was dropped: " + listed);
        String live = d.getXMLDesc(0);
        assertFalse(live.contains("no-such-disk.img"), "nor is it in the live XML");
        assertTrue(live.matches("(?s).*<source file='" + probedTop + "'/>\\s*<backingStore type='file'>\\s*"
                + "<format type='raw'/>\\s*<source file='" + probedBase + "'/>\\s*<backingStore/>.*"),
                "the live XML shows the detected chain: " + live);
        String nodes = d.qemuMonitorCommand("{\"execute\":\"query-named-block-nodes\",\"arguments\":{\"flat\":true}}", 0);
        assertTrue(nodes.contains("\"libvirt-virtio-disk3-b1-format\""), "the detected layer has its own node: " + nodes);

        try (SocketChannel console = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            console.connect(UnixDomainSocketAddress.of(sock));
            StringBuffer out = new StringBuffer();
            Thread.ofVirtual().start(() -> {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                try {
                    while (console.read(buf.clear()) >= 0) {
                        out.append(new String(buf.array(), 0, buf.position(), StandardCharsets.ISO_8859_1));
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            // the typed command is echoed: the markers only appear between R= and =R in the output
            expect(console, out, "vda", "DATA-FROM-NBD");
            expect(console, out, "vdc", "DATA-INSIDE-LUKS");
            expect(console, out, "vdd", "DATA-UNDER-AN-OVERLAY");
            expect(console, out, "vde", "DATA-AT-THE-CHAIN-BOTTOM");
            expect(console, out, "vdb", "DATA-OF-THE-BASE");
            type(console, "printf GUEST-WROTE-HERE | dd of=/dev/vdb conv=notrunc 2>/dev/null; sync");
            expect(console, out, "vdb", "GUEST-WROTE-HERE");
        }
        assertTrue(Files.size(overlay) > 0);
        d.destroy();
        assertFalse(Files.exists(overlay), "the overlay goes away when the domain stops");
        assertTrue(java.util.Arrays.equals(baseBefore, Files.readAllBytes(transientBase)),
                "the transient disk's image was never written");
    }

    @Test
    void anImageThatDoesNotNameItsBackingFormatIsRefused() throws Exception {
        Path base = raw("base.img", "BASE");
        Path top = tmp.resolve("top.qcow2");
        run("qemu-img", "create", "-q", "-f", "qcow2", "-F", "raw", "-b", base.toString(), top.toString());
        // drop the backing format header extension (qemu-img 7.2 no longer writes such images)
        try (RandomAccessFile f = new RandomAccessFile(top.toFile(), "rw")) {
            byte[] head = new byte[4096];
            f.readFully(head);
            int at = indexOf(head, new byte[] {(byte) 0xE2, 0x79, 0x2A, (byte) 0xCA});
            assertTrue(at > 0, "the image has a backing format extension");
            f.seek(at);
            f.write(new byte[4]);
        }
        String xml = TestGuest.xml("nofmt", tmp.resolve("serial.log")).replace("<memballoon model='none'/>",
                "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/><source file='" + top + "'/>"
                        + "<target dev='vda' bus='virtio'/></disk><memballoon model='none'/>");
        io.jvirt.error.LibvirtException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.jvirt.error.LibvirtException.class, () -> conn.createXML(xml, 0));
        assertEquals(io.jvirt.error.ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        assertTrue(e.getMessage().contains("format of backing image '" + base + "' of image '" + top
                + "' was not specified in the image metadata"), e.getMessage());
        assertTrue(conn.listAllDomains(0).isEmpty(), "nothing was left running");
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        for (int i = 0; i + needle.length <= hay.length; i++) {
            if (java.util.Arrays.equals(hay, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** Has the guest print the first bytes of {@code dev} and waits for {@code marker} among them. */
    private static void expect(SocketChannel console, StringBuffer out, String dev, String marker) throws IOException {
        type(console, "echo R=$(dd if=/dev/" + dev + " bs=" + marker.length() + " count=1 2>/dev/null)=R");
        String want = "R=" + marker + "=R";
        try {
            TestGuest.await(() -> out.toString().contains(want), WAIT, "'" + want + "' on the console");
        } catch (AssertionError e) {
            String text = out.toString();
            throw new AssertionError(e.getMessage() + "; console tail: " + text.substring(Math.max(0, text.length() - 1500)));
        }
    }

    private static void type(SocketChannel console, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            console.write(b);
        }
    }

    /** A 16 MiB raw image starting with {@code marker}. */
    private Path raw(String name, String marker) throws IOException {
        Path p = tmp.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(16L << 20);
            f.write(marker.getBytes(StandardCharsets.US_ASCII));
        }
        return p;
    }

    private Path passphraseFile() throws IOException {
        Path p = tmp.resolve("passphrase");
        Files.writeString(p, PASSPHRASE);
        return p;
    }

    private static void run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), String.join(" ", cmd) + ": " + out);
    }
}
