package io.jvirt.conf.device;

/**
 * A {@code <redirdev bus='usb'>}: a USB device redirected from a client.
 *
 * @param type   spicevmc or tcp
 * @param source the tcp source (mode, host, service), or null for spicevmc
 * @param bootOrder {@code <boot order>}, or null
 */
public record RedirdevDef(String type, ChrSourceDef source, Integer bootOrder, String alias, AddressDef address)
        implements DeviceDef {
    @Override
    public String element() {
        return "redirdev";
    }
}
