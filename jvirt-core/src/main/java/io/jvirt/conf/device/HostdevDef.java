package io.jvirt.conf.device;

import java.util.Map;

/**
 * A {@code <hostdev mode='subsystem'>}: a host PCI, USB, SCSI or mediated device.
 *
 * @param type       pci, usb, scsi, mdev
 * @param managed    {@code managed='yes|no'}, or null
 * @param model      mdev model (vfio-pci, vfio-ccw, vfio-ap), or null
 * @param source     the source {@code <address>} attributes as written (empty when absent)
 * @param vendor     USB vendor id, or null
 * @param product    USB product id, or null
 * @param adapter    SCSI adapter name, or null
 * @param bootOrder  {@code <boot order>}, or null
 * @param readonly   {@code <readonly/>} (scsi)
 */
public record HostdevDef(String type, Boolean managed, String model, Map<String, String> source, String vendor,
                         String product, String adapter, Integer bootOrder, boolean readonly, String alias,
                         AddressDef address) implements DeviceDef {
    public HostdevDef {
        source = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(source));
    }

    @Override
    public String element() {
        return "hostdev";
    }
}
