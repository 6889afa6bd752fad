package io.jvirt.qemu.domain;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/** Opens a domain's monitor. */
@FunctionalInterface
public interface MonitorConnector {
    /**
     * Connects to the QMP socket within {@code deadline}, giving up early when
     * {@code processAlive} turns false. Events go to {@code events} (called from the reader: must
     * only enqueue); {@code onClose} runs once when the monitor closes (EOF or error).
     */
    DomainMonitor connect(Path socket, Duration deadline, BooleanSupplier processAlive, Consumer<MonitorEvent> events,
                          Runnable onClose);
}
