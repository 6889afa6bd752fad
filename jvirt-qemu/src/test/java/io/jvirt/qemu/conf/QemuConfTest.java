package io.jvirt.qemu.conf;

import io.jvirt.error.LibvirtException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QemuConfTest {
    @Test
    void libvirtSyntaxWithCommentsListsAndNumbers() {
        QemuConf c = QemuConf.parse("""
                # a comment
                vnc_listen = "0.0.0.0"
                remote_display_port_min = 5910   # trailing comment
                cgroup_controllers = [ "cpu", "memory" ]
                dynamic_ownership = 0
                """, "qemu.conf");
        assertEquals("0.0.0.0", c.string("vnc_listen", null));
        assertEquals(5910, c.number("remote_display_port_min", 5900));
        assertEquals(false, c.bool("dynamic_ownership", true));
        assertTrue(c.warnings().isEmpty(), c.warnings().toString());
    }

    @Test
    void unknownKeyIsAWarningNotAnError() {
        QemuConf c = QemuConf.parse("frobnicate_level = 3\n", "qemu.conf");
        assertEquals(1, c.warnings().size());
        assertTrue(c.warnings().getFirst().contains("frobnicate_level"), c.warnings().toString());
    }

    @Test
    void syntaxErrorNamesFileAndLine() {
        LibvirtException e = assertThrows(LibvirtException.class, () -> QemuConf.parse("a = \"unterminated\n", "qemu.conf"));
        assertTrue(e.getMessage().contains("qemu.conf") && e.getMessage().contains("1"), e.getMessage());
    }

    @Test
    void missingFileIsEmptyConfig() {
        assertSame(QemuConf.EMPTY, QemuConf.load(Path.of("/nonexistent/qemu.conf")));
    }
}
