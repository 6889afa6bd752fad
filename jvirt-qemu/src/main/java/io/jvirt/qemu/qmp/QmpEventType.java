package io.jvirt.qemu.qmp;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The QMP events the driver acts on. Events not listed here still reach the sink, by name, as a
 * {@link QmpEvent} whose {@link QmpEvent#type()} is empty.
 */
public enum QmpEventType {
    /** The guest's vCPUs stopped. */
    STOP("STOP"),
    /** The guest's vCPUs resumed. */
    RESUME("RESUME"),
    /** QEMU is shutting down; data: {@code guest}, {@code reason}. */
    SHUTDOWN("SHUTDOWN"),
    /** The guest was reset; data: {@code guest}, {@code reason}. */
    RESET("RESET"),
    /** ACPI power button was pressed through {@code system_powerdown}. */
    POWERDOWN("POWERDOWN"),
    /** The guest panicked; data: {@code action}, optional {@code info}. */
    GUEST_PANICKED("GUEST_PANICKED"),
    /** A block device had an I/O error. */
    BLOCK_IO_ERROR("BLOCK_IO_ERROR"),
    /** A device was unplugged: {@code device_del} completed. */
    DEVICE_DELETED("DEVICE_DELETED"),
    /** The balloon reached a new size; data: {@code actual} bytes. */
    BALLOON_CHANGE("BALLOON_CHANGE"),
    /** The guest set its real-time clock; data: {@code offset} seconds. */
    RTC_CHANGE("RTC_CHANGE"),
    /** The watchdog fired; data: {@code action}. */
    WATCHDOG("WATCHDOG"),
    /** Migration changed state; data: {@code status} (needs the {@code events} migration capability). */
    MIGRATION("MIGRATION"),
    /** A removable drive's tray opened or closed. */
    DEVICE_TRAY_MOVED("DEVICE_TRAY_MOVED"),
    /** The guest suspended to RAM (S3). */
    SUSPEND("SUSPEND"),
    /** The guest woke from suspension. */
    WAKEUP("WAKEUP");

    private static final Map<String, QmpEventType> BY_WIRE = new HashMap<>();

    static {
        for (QmpEventType t : values()) {
            BY_WIRE.put(t.wire, t);
        }
    }

    private final String wire;

    QmpEventType(String wire) {
        this.wire = wire;
    }

    /** The event's name on the wire. */
    public String wire() {
        return wire;
    }

    /** The constant for a wire name, or empty for an event the driver does not act on. */
    public static Optional<QmpEventType> fromWire(String name) {
        return Optional.ofNullable(BY_WIRE.get(name));
    }
}
