package io.jvirt.conf.device;

import java.util.Objects;

/**
 * A {@code <controller>}.
 *
 * @param type         usb, pci, scsi, virtio-serial, sata, ide, fdc, ccid
 * @param index        the index, or null until post-parse
 * @param model        the model attribute, or null
 * @param ports        ports (usb, virtio-serial), or null
 * @param vectors      MSI vectors (virtio-serial), or null
 * @param driverQueues {@code <driver queues>}, or null
 * @param driverIothread {@code <driver iothread>}, or null
 * @param modelName    {@code <model name>} of a PCI controller, or null
 * @param targetChassis {@code <target chassis>}, or null
 * @param targetPort   {@code <target port>} as written, or null
 * @param targetBusNr  {@code <target busNr>}, or null
 * @param alias        alias, or null
 * @param address      address, or null
 */
public record ControllerDef(String type, Integer index, String model, Integer ports, Integer vectors,
                            Integer driverQueues, Integer driverIothread, String modelName, Integer targetChassis,
                            String targetPort, Integer targetBusNr, String alias, AddressDef address)
        implements DeviceDef {
    public ControllerDef {
        Objects.requireNonNull(type, "type");
    }

    public ControllerDef(String type, int index, String model) {
        this(type, index, model, null, null, null, null, null, null, null, null, null, null);
    }

    @Override
    public String element() {
        return "controller";
    }

    public ControllerDef withIndexAddress(Integer i, AddressDef a) {
        return new ControllerDef(type, i, model, ports, vectors, driverQueues, driverIothread, modelName,
                targetChassis, targetPort, targetBusNr, alias, a);
    }
}
