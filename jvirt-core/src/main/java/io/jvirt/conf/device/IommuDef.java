package io.jvirt.conf.device;

/**
 * An {@code <iommu model='intel|smmuv3|virtio'>} with its {@code <driver>} switches.
 *
 * @param intremap    on/off, or null
 * @param cachingMode on/off, or null
 * @param eim         on/off, or null
 * @param iotlb       on/off, or null
 * @param awBits      address width bits, or null
 */
public record IommuDef(String model, Boolean intremap, Boolean cachingMode, Boolean eim, Boolean iotlb,
                       Integer awBits, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "iommu";
    }

    public boolean hasDriver() {
        return intremap != null || cachingMode != null || eim != null || iotlb != null || awBits != null;
    }
}
