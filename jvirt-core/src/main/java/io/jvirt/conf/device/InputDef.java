package io.jvirt.conf.device;

/**
 * An {@code <input>}: mouse, tablet, keyboard, passthrough or evdev.
 *
 * @param type   the input type
 * @param bus    ps2, usb, virtio, none, or null until post-parse
 * @param source {@code <source evdev=...>} for passthrough/evdev, or null
 */
public record InputDef(String type, String bus, String source, String alias, AddressDef address)
        implements DeviceDef {
    @Override
    public String element() {
        return "input";
    }
}
