package io.jvirt.qemu.conf;

import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorNumber;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DriverSettingsTest {
    private static DriverSettings of(String text) {
        return DriverSettings.from(QemuConf.parse(text, "qemu.conf"));
    }

    private static String refused(String text) {
        var e = assertThrows(ConfigUnsupportedException.class, () -> of(text));
        assertEquals(ErrorNumber.CONFIG_UNSUPPORTED, e.number());
        return e.getMessage();
    }

    @Test
    void defaultsAreLibvirts() {
        DriverSettings s = of("");
        assertEquals("127.0.0.1", s.vncListen());
        assertEquals(5900, s.vncPortMin());
        assertEquals(65535, s.vncPortMax());
        assertTrue(s.sandbox(), "seccomp_sandbox defaults to 1");
        assertTrue(s.logTimestamp());
        assertEquals(0, s.maxProcesses());
        assertNull(s.autoDumpPath(), "the driver's lib directory's dump");
        assertFalse(s.vncAutoUnixSocket());
        assertTrue(s.warnings().isEmpty());
    }

    @Test
    void honouredKeys() {
        DriverSettings s = of("""
                vnc_listen = "0.0.0.0"
                vnc_auto_unix_socket = 1
                remote_display_port_min = 5910
                remote_display_port_max = 5920
                seccomp_sandbox = 0
                log_timestamp = 0
                max_processes = 100
                max_files = 2048
                auto_start_delay = 250
                security_driver = "none"
                dynamic_ownership = 1
                auto_dump_path = "/var/crash/guests"
                """);
        assertEquals("0.0.0.0", s.vncListen());
        assertTrue(s.vncAutoUnixSocket());
        assertEquals("/var/crash/guests", s.autoDumpPath());
        assertEquals(5910, s.vncPortMin());
        assertEquals(5920, s.vncPortMax());
        assertFalse(s.sandbox());
        assertFalse(s.logTimestamp());
        assertEquals(100, s.maxProcesses());
        assertEquals(2048, s.maxFiles());
        assertEquals(250, s.autoStartDelayMs());
    }

    @Test
    void whatCannotBeHonouredIsRefusedNamingTheKey() {
        assertTrue(refused("security_driver = \"selinux\"").contains("security_driver"));
        assertTrue(refused("user = \"nobody-else-x\"").contains("qemu.conf: user: 'nobody-else-x'"));
        assertTrue(refused("group = \"no-such-group-x\"").contains("group"));
        assertTrue(refused("remote_display_port_min = 6000\nremote_display_port_max = 5999").contains("remote_display"));
        assertTrue(refused("seccomp_sandbox = 2").contains("seccomp_sandbox"));
        assertTrue(refused("max_files = -1").contains("max_files"));
        assertTrue(refused("auto_dump_path = \"dumps\"").contains("auto_dump_path: 'dumps' (must be an absolute path)"));
        assertTrue(refused("stdio_handler = \"pipe\"").contains("stdio_handler"));
    }

    @Test
    void ownUserAndMachineryJvirtLacksAreAcceptedWithWarnings() {
        DriverSettings s = of("user = \"" + System.getProperty("user.name") + "\"\nstdio_handler = \"logd\"\n"
                + "cgroup_controllers = [ \"cpu\" ]\ncgroup_device_acl = [ \"/dev/null\" ]\n");
        assertEquals(1, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).contains("virtlogd"));
        assertEquals(java.util.List.of("/dev/null"), s.cgroupDeviceAcl());
        assertEquals(null, of("").cgroupDeviceAcl(), "libvirt's default list");
        assertTrue(refused("cgroup_device_acl = [ \"dev/null\" ]").contains("cgroup_device_acl: 'dev/null'"));
        assertEquals(java.util.List.of("cpu"), s.cgroupControllers());
        assertEquals(DriverSettings.DEFAULT_CGROUP_CONTROLLERS, of("").cgroupControllers());
        assertTrue(refused("cgroup_controllers = [ \"gpu\" ]").contains("'gpu' is not a cgroup controller"));
    }
}
