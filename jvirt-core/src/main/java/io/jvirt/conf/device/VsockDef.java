package io.jvirt.conf.device;

/**
 * A {@code <vsock model='virtio'>}.
 *
 * @param cidAuto    {@code <cid auto='yes|no'>}, or null
 * @param cidAddress {@code <cid address>}, or null
 */
public record VsockDef(String model, Boolean cidAuto, Long cidAddress, String alias, AddressDef address)
        implements DeviceDef {
    @Override
    public String element() {
        return "vsock";
    }
}
