package io.jvirt.qemu.driver;

import io.jvirt.Domain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.qemu.testing.EmbeddedRootTest;
import io.jvirt.qemu.testing.TestGuest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** domxml-to-native and domxml-from-native ("qemu-argv"), round trips that really boot. */
@Tag("qemu")
class EmbeddedNativeIT extends EmbeddedRootTest {
    @Test
    void generatedArgvConvertsBackAndBoots() {
        Path serial = tmp.resolve("serial.log");
        String xml = TestGuest.xml("nat", serial).replace("<memballoon model='none'/>",
                "<interface type='user'><mac address='52:54:00:12:34:56'/><model type='virtio'/></interface>"
                        + "<graphics type='vnc' autoport='yes'/><memballoon model='virtio'/>");
        String argv = conn.domainXmlToNative("qemu-argv", xml, 0);
        assertTrue(argv.startsWith("LC_ALL=C \\\n"), argv);
        assertTrue(argv.contains("\n/usr/bin/qemu-system-x86_64 \\\n-name \\\nguest=nat,debug-threads=on \\\n"), argv);
        assertTrue(argv.contains("-kernel \\\n" + TestGuest.DIR.resolve("vmlinuz")), argv);
        assertTrue(argv.contains("-vnc \\\n127.0.0.1:0"), argv);

        String back = conn.domainXmlFromNative("qemu-argv", argv, 0);
        assertTrue(back.contains("<name>nat</name>"), back);
        assertTrue(back.contains("<memory unit='KiB'>131072</memory>"), back);
        assertTrue(back.contains("<kernel>" + TestGuest.DIR.resolve("vmlinuz") + "</kernel>"), back);
        assertTrue(back.contains("<mac address='52:54:00:12:34:56'/>"), back);
        assertTrue(back.contains("<memballoon model='virtio'"), back);
        assertFalse(back.contains("qemu:commandline"), "everything understood:\n" + back);

        Domain d = conn.defineXML(back.replace("<serial type='pty'>", "<serial type='pty'><log file='" + serial + "'/>"));
        d.create();
        TestGuest.awaitText(serial, TestGuest.READY, Duration.ofSeconds(60));
        assertTrue(serial.toFile().length() > 0);
    }

    @Test
    void handWrittenCommandLine() {
        String argv = "qemu-system-x86_64 -enable-kvm -m 256 -smp 2 -hda /srv/a.img -cdrom /srv/b.iso "
                + "-nic user,model=virtio -vnc :3 -serial pty -frobnicate 'a b'";
        String xml = conn.domainXmlFromNative("qemu-argv", argv, 0);
        assertTrue(xml.startsWith("<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>"), xml);
        assertTrue(xml.contains("<memory unit='KiB'>262144</memory>"), xml);
        assertTrue(xml.contains(">2</vcpu>"), xml);
        assertTrue(xml.contains("<source file='/srv/a.img'/>") && xml.contains("<target dev='hda' bus='ide'/>"), xml);
        assertTrue(xml.contains("<disk type='file' device='cdrom'>") && xml.contains("<target dev='hdb' bus='ide'/>"), xml);
        assertTrue(xml.contains("<interface type='user'>") && xml.contains("<model type='virtio'/>"), xml);
        assertTrue(xml.contains("port='5903'"), xml);
        assertTrue(xml.contains("<qemu:arg value='-frobnicate'/>") && xml.contains("<qemu:arg value='a b'/>"),
                "unknown options kept, not dropped:\n" + xml);
    }

    @Test
    void handWrittenGuestDevices() {
        String argv = "/usr/bin/qemu-system-x86_64 -name hand -m 256 -cpu qemu64,+ssse3,-svm,pdpe1gb=on -vga cirrus -usbdevice tablet "
                + "-soundhw ac97 -device virtio-keyboard-pci -rtc base=localtime";
        String xml = conn.domainXmlFromNative("qemu-argv", argv, 0);
        assertTrue(xml.contains("<model fallback='forbid'>qemu64</model>"), xml);
        assertTrue(xml.contains("<feature policy='require' name='ssse3'/>")
                && xml.contains("<feature policy='disable' name='svm'/>")
                && xml.contains("<feature policy='require' name='pdpe1gb'/>"), xml);
        assertTrue(xml.contains("<model type='cirrus'"), xml);
        assertTrue(xml.contains("<input type='tablet' bus='usb'/>") && xml.contains("<controller type='usb'"), xml);
        assertTrue(xml.contains("<input type='keyboard' bus='virtio'/>"), xml);
        assertTrue(xml.contains("<sound model='ac97'/>"), xml);
        assertTrue(xml.contains("<clock offset='localtime'/>"), xml);
        assertFalse(xml.contains("qemu:commandline"), "everything understood:\n" + xml);
        conn.defineXML(xml).undefine(); // and the driver accepts what it wrote
    }

    @Test
    void otherFormatsAreRefused() {
        LibvirtException e = assertThrows(LibvirtException.class, () -> conn.domainXmlFromNative("xen-xm", "x", 0));
        assertEquals(ErrorNumber.INVALID_ARG, e.number());
        assertTrue(e.getMessage().contains("unsupported config type xen-xm"), e.getMessage());
    }
}
