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
 * @param pci        the PCI-only {@code <driver name>} and {@code <rom>} ({@link Pci#NONE} when absent)
 */
public record HostdevDef(String type, Boolean managed, String model, Map<String, String> source, String vendor,
                         String product, String adapter, Integer bootOrder, boolean readonly, Pci pci, String alias,
                         AddressDef address) implements DeviceDef {
    public HostdevDef {
        source = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(source));
        java.util.Objects.requireNonNull(pci, "pci");
    }

    /** A copy with another alias and address. */
    public HostdevDef withAliasAddress(String al, AddressDef a) {
        return new HostdevDef(type, managed, model, source, vendor, product, adapter, bootOrder, readonly, pci, al, a);
    }

    /**
     * {@code <driver name>} (vfio, kvm, xen) and {@code <rom>} of a PCI (or mdev) host device.
     *
     * @param driverName the {@code <driver name>}, or null
     * @param rom        the {@code <rom>}, or null
     */
    public record Pci(String driverName, InterfaceDef.Rom rom) {
        public static final Pci NONE = new Pci(null, null);
    }

    @Override
    public String element() {
        return "hostdev";
    }
}
