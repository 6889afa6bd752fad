package io.jvirt.qemu.qmp;

import java.time.Duration;
import java.util.Objects;

/**
 * Timeouts and the time source for one QMP connection; immutable.
 *
 * @param connectTimeout     how long {@link QmpTransport#connect} keeps retrying until the socket
 *                           appears, plus the greeting and {@code qmp_capabilities} handshake
 * @param commandTimeout     the default time a command may take to get its reply
 * @param slowCommandTimeout the time allowed to commands that may legitimately take long
 *                           ({@code device_add}, {@code blockdev-add}, {@code netdev_add},
 *                           {@code human-monitor-command}, raw passthrough)
 * @param timer              where time comes from
 */
public record QmpOptions(Duration connectTimeout, Duration commandTimeout, Duration slowCommandTimeout,
                         QmpTimer timer) {

    /** Connect within 10 s, 30 s per command, 120 s for slow commands, wall-clock time. */
    public static final QmpOptions DEFAULTS = new QmpOptions(
            Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(120), QmpTimer.system());

    public QmpOptions {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(commandTimeout, "commandTimeout");
        requirePositive(slowCommandTimeout, "slowCommandTimeout");
        Objects.requireNonNull(timer, "timer");
    }

    /** The defaults. */
    public static QmpOptions defaults() {
        return DEFAULTS;
    }

    public QmpOptions withConnectTimeout(Duration value) {
        return new QmpOptions(value, commandTimeout, slowCommandTimeout, timer);
    }

    public QmpOptions withCommandTimeout(Duration value) {
        return new QmpOptions(connectTimeout, value, slowCommandTimeout, timer);
    }

    public QmpOptions withSlowCommandTimeout(Duration value) {
        return new QmpOptions(connectTimeout, commandTimeout, value, timer);
    }

    public QmpOptions withTimer(QmpTimer value) {
        return new QmpOptions(connectTimeout, commandTimeout, slowCommandTimeout, value);
    }

    static Duration requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + d);
        }
        return d;
    }

    /** {@code 30s}, {@code 250ms}: for messages. */
    static String format(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
