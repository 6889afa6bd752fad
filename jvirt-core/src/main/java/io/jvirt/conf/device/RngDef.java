package io.jvirt.conf.device;

/**
 * An {@code <rng model='virtio'>}.
 *
 * @param model        virtio, virtio-transitional, virtio-non-transitional
 * @param backendModel random, egd or builtin
 * @param randomPath   the device for the random backend, or null
 * @param egdSource    the character source of an egd backend (type, mode, path, host, service), or null
 * @param rateBytes    {@code <rate bytes>}, or null
 * @param ratePeriod   {@code <rate period>} ms, or null
 */
public record RngDef(String model, String backendModel, String randomPath, ChrSourceDef egdSource,
                     Integer rateBytes, Integer ratePeriod, String alias, AddressDef address) implements DeviceDef {
    @Override
    public String element() {
        return "rng";
    }
}
