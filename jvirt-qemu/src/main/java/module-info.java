/**
 * The QEMU driver: domain XML to a running QEMU, watched over QMP, in embedded, session and
 * system mode. The driver object ({@link io.jvirt.qemu.driver.QemuDriver}) is the one thing every
 * front door (embedded API, daemon, CLI) calls.
 *
 * <p>Both requirements are {@code transitive} because exported signatures use their types.
 */
module io.jvirt.qemu {
    requires transitive io.jvirt.core;
    requires transitive com.fasterxml.jackson.databind;

    exports io.jvirt.qemu.qmp;
    exports io.jvirt.qemu.caps;
    exports io.jvirt.qemu.command;
    exports io.jvirt.qemu.conf;
    exports io.jvirt.qemu.domain;
    exports io.jvirt.qemu.driver;
    exports io.jvirt.qemu.event;
    exports io.jvirt.qemu.monitor;
    exports io.jvirt.qemu.paths;
    exports io.jvirt.qemu.process;
    exports io.jvirt.qemu.sys;
    exports io.jvirt.qemu.util;

    provides io.jvirt.spi.DriverFactory with io.jvirt.qemu.driver.EmbeddedDriverFactory;
}
