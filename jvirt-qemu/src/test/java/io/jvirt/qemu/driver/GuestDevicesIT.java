package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.Flags;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Guest-facing devices beyond "QEMU accepts the command line": the real guest sees them. Its
 * console is a serial port on a UNIX socket (commands typed there run in the guest's shell), its
 * output is copied to a log file; a second serial port writes to a file; a virtio-rng is on its
 * PCI bus; a NIC whose link is down has no carrier; a VNC password is demanded by the server.
 */
@Tag("qemu")
class GuestDevicesIT extends EmbeddedRootTest {
    static final Duration WAIT = Duration.ofSeconds(60);
    static final String PASSWORD = "pw-never-on-argv";
    private String xml(Path consoleSock, Path consoleLog, Path serial1) {
        TestGuest.requireBuilt();
        return """
                <domain type='qemu'>
                  <name>devices</name>
                  <memory unit='MiB'>128</memory>
                  <vcpu>1</vcpu>
                  <os>
                    <type arch='x86_64' machine='pc'>hvm</type>
                    <kernel>%s</kernel>
                    <initrd>%s</initrd>
                    <cmdline>console=ttyS0 quiet panic=-1</cmdline>
                  </os>
                  <features><acpi/></features>
                  <devices>
                    <emulator>/usr/bin/qemu-system-x86_64</emulator>
                    <interface type='user'>
                      <mac address='52:54:00:12:34:56'/>
                      <model type='virtio'/>
                      <link state='down'/>
                    </interface>
                    <serial type='unix'>
                      <source mode='bind' path='%s'/>
                      <log file='%s' append='off'/>
                      <target port='0'/>
                    </serial>
                    <serial type='file'>
                      <source path='%s'/>
                      <target port='1'/>
                    </serial>
                    <console type='unix'><source mode='bind' path='%s'/><target type='serial' port='0'/></console>
                    <graphics type='vnc' autoport='yes' listen='127.0.0.1' passwd='%s'/>
                    <video><model type='vga'/></video>
                    <rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>
                    <memballoon model='none'/>
                  </devices>
                </domain>
                """.formatted(TestGuest.DIR.resolve("vmlinuz"), TestGuest.DIR.resolve("initrd.img"), consoleSock,
                consoleLog, serial1, consoleSock, PASSWORD);
    }

    @Test
    void theGuestSeesItsDevicesAndVncAsksForThePassword() throws Exception {
        Path sock = tmp.resolve("ttyS0.sock");
        Path log = tmp.resolve("ttyS0.log");
        Path serial1 = tmp.resolve("ttyS1.out");
        Domain d = conn.defineXML(xml(sock, log, serial1));
        d.create();
        TestGuest.awaitText(log, TestGuest.READY, WAIT);

        // VNC: the server offers only VNC authentication (type 2), never None (type 1)
        Matcher port = Pattern.compile("<graphics type='vnc' port='(\\d+)'").matcher(d.getXMLDesc(0));
        assertTrue(port.find(), d.getXMLDesc(0));
        assertArrayEquals(new byte[] {2}, rfbSecurityTypes(Integer.parseInt(port.group(1))));
        String domainLog = Files.readString(tmp.resolve("root/log/qemu/devices.log"));
        assertTrue(domainLog.contains("password=on"), "the command line asks for a password");
        assertFalse(domainLog.contains(PASSWORD), "the password is never in the log or on the command line");
        assertFalse(d.getXMLDesc(0).contains(PASSWORD), "nor in the XML without the secure flag");

        try (SocketChannel console = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            console.connect(UnixDomainSocketAddress.of(sock));
            StringBuffer out = new StringBuffer();
            Thread.ofVirtual().start(() -> {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                try {
                    while (console.read(buf.clear()) >= 0) {
                        out.append(new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    // closed at the end of the test
                }
            });
            type(console, "echo JVIRT-SECOND-SERIAL > /dev/ttyS1");
            TestGuest.await(() -> read(serial1).contains("JVIRT-SECOND-SERIAL"), WAIT, "text on the second serial port");

            // virtio-rng (vendor 0x1af4, transitional device id 0x1005) is on the guest's PCI bus
            type(console, "for p in /sys/bus/pci/devices/*; do echo PCI-ID $(cat $p/vendor):$(cat $p/device); done");
            awaitConsole(out, "PCI-ID 0x1af4:0x1005");

            // <link state='down'/>: the NIC exists but reports no carrier once brought up
            type(console, "ip link set eth0 up; sleep 1; echo CARRIER-$(cat /sys/class/net/eth0/carrier)-END");
            awaitConsole(out, "CARRIER-0-END");
            assertFalse(out.toString().contains("CARRIER-1-END"));
        }
        d.destroy();
    }

    @Test
    void vncWithoutPasswordOffersNoAuthentication() throws Exception {
        Path sock = tmp.resolve("ttyS0.sock");
        String plain = xml(sock, tmp.resolve("ttyS0.log"), tmp.resolve("ttyS1.out"))
                .replace(" passwd='" + PASSWORD + "'", "");
        Domain d = conn.createXML(plain, Flags.Start.PAUSED);
        Matcher port = Pattern.compile("<graphics type='vnc' port='(\\d+)'").matcher(d.getXMLDesc(0));
        assertTrue(port.find());
        assertArrayEquals(new byte[] {1}, rfbSecurityTypes(Integer.parseInt(port.group(1))));
        d.destroy();
    }

    /** The security types an RFB 3.8 server offers. */
    private static byte[] rfbSecurityTypes(int port) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] version = new byte[12];
            in.readFully(version);
            assertEquals("RFB 003.008\n", new String(version, StandardCharsets.US_ASCII));
            s.getOutputStream().write("RFB 003.008\n".getBytes(StandardCharsets.US_ASCII));
            int n = in.readUnsignedByte();
            assertTrue(n > 0, "the server refused the connection");
            byte[] types = new byte[n];
            in.readFully(types);
            return types;
        }
    }

    private static void awaitConsole(StringBuffer console, String marker) {
        try {
            TestGuest.await(() -> console.toString().contains(marker), WAIT, "'" + marker + "' on the console");
        } catch (AssertionError e) {
            String text = console.toString();
            throw new AssertionError(e.getMessage() + "; console tail: " + text.substring(Math.max(0, text.length() - 1500)));
        }
    }

    private static void type(SocketChannel console, String line) throws IOException {
        ByteBuffer b = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            console.write(b);
        }
    }

    private static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p) : "";
        } catch (IOException e) {
            return "";
        }
    }
}
