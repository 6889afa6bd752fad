package io.jvirt.conf.device;

/** A {@code <hub type='usb'/>}. */
public record HubDef(String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "hub";
    }
}
