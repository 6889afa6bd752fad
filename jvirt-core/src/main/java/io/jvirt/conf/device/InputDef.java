package io.jvirt.conf.device;

/**
 * An {@code <input>}: mouse, tablet, keyboard, passthrough or evdev.
 *
 * @param type       the input type
 * @param bus        ps2, usb, virtio, none, or null until post-parse
 * @param source     the host event device ({@code <source evdev>} for passthrough,
 *                   {@code <source dev>} for evdev), or null
 * @param grab       evdev {@code grab='all'}, or null
 * @param repeat     evdev {@code repeat='on|off'}, or null
 * @param grabToggle evdev {@code grabToggle} key combination, or null
 */
public record InputDef(String type, String bus, String source, String grab, Boolean repeat, String grabToggle,
                       String alias, AddressDef address) implements DeviceDef {
    public InputDef(String type, String bus, String source, String alias, AddressDef address) {
        this(type, bus, source, null, null, null, alias, address);
    }

    @Override
    public String element() {
        return "input";
    }

    public InputDef withBusAliasAddress(String b, String al, AddressDef a) {
        return new InputDef(type, b, source, grab, repeat, grabToggle, al, a);
    }
}
