package io.jvirt.conf;

import java.util.List;

/**
 * {@code <clock offset='utc|localtime|timezone|variable'>} and its timers.
 *
 * @param offset     the offset mode, or null when no clock element was given
 * @param timezone   the timezone for offset='timezone', or null
 * @param adjustment seconds for offset='variable', or null
 * @param basis      "utc" or "localtime" for offset='variable', or null
 * @param timers     {@code <timer>} children in document order
 */
public record ClockDef(String offset, String timezone, Long adjustment, String basis, List<Timer> timers) {
    public static final ClockDef DEFAULT = new ClockDef(null, null, null, null, List.of());

    public ClockDef {
        timers = List.copyOf(timers);
    }

    public ClockDef(String offset, String timezone, Long adjustment) {
        this(offset, timezone, adjustment, null, List.of());
    }

    /**
     * A {@code <timer>}.
     *
     * @param name       rtc, pit, hpet, kvmclock, hypervclock, tsc, platform, armvtimer
     * @param present    yes/no, or null
     * @param tickpolicy delay, catchup, merge, discard, or null
     * @param track      boot, guest, wall, realtime (rtc only), or null
     * @param frequency  Hz (tsc only), or null
     * @param mode       auto, native, emulate, paravirt, smpsafe (tsc only), or null
     */
    public record Timer(String name, Boolean present, String tickpolicy, String track, Long frequency,
                        String mode) {
    }

    public ClockDef withOffset(String o) {
        return new ClockDef(o, timezone, adjustment, basis, timers);
    }
}
