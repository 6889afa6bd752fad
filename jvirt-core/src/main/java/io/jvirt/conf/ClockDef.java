package io.jvirt.conf;

/**
 * {@code <clock offset='utc|localtime|timezone|variable'>}.
 *
 * @param offset     the offset mode, or null when no clock element was given
 * @param timezone   the timezone for offset='timezone', or null
 * @param adjustment seconds for offset='variable', or null
 */
public record ClockDef(String offset, String timezone, Long adjustment) {
    public static final ClockDef DEFAULT = new ClockDef(null, null, null);
}
