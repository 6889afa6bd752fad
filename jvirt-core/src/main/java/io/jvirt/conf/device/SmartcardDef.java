package io.jvirt.conf.device;

import java.util.List;

/**
 * A {@code <smartcard>} on a CCID controller.
 *
 * @param mode         host, host-certificates or passthrough
 * @param certificates the three certificate names of host-certificates mode
 * @param database     {@code <database>} directory of host-certificates mode, or null
 * @param type         the character backend of passthrough mode (spicevmc, tcp), or null
 * @param source       the tcp source of passthrough mode, or null
 */
public record SmartcardDef(String mode, List<String> certificates, String database, String type,
                           ChrSourceDef source, String alias, AddressDef address) implements DeviceDef {
    public SmartcardDef {
        certificates = List.copyOf(certificates);
    }

    @Override
    public String element() {
        return "smartcard";
    }
}
