package io.jvirt.conf.xml;

import io.jvirt.conf.device.ControllerDef;

import java.util.Set;

/** {@code <controller>}: parse and format. */
final class ControllerXml {
    private ControllerXml() {
    }

    static ControllerDef parse(XmlElement e) {
        String type = Parse.oneOf(e, "type", e.requireAttr("type"), "usb", "pci", "scsi", "virtio-serial", "sata",
                "ide", "fdc", "ccid");
        Integer index = Parse.optUInt(e, "index");
        String model = e.attr("model").orElse(null);
        if (model != null) {
            String[] allowed = switch (type) {
                case "usb" -> new String[] {"piix3-uhci", "piix4-uhci", "ehci", "ich9-ehci1", "ich9-uhci1",
                    "ich9-uhci2", "ich9-uhci3", "vt82c686b-uhci", "pci-ohci", "nec-xhci", "qemu-xhci", "none"};
                case "pci" -> new String[] {"pci-root", "pcie-root", "pci-bridge", "dmi-to-pci-bridge",
                    "pcie-root-port", "pcie-switch-upstream-port", "pcie-switch-downstream-port", "pci-expander-bus",
                    "pcie-expander-bus", "pcie-to-pci-bridge"};
                case "scsi" -> new String[] {"virtio-scsi", "lsilogic", "lsisas1068", "lsisas1078", "megasas",
                    "mptsas1068", "virtio-transitional", "virtio-non-transitional", "auto", "buslogic"};
                case "virtio-serial" -> new String[] {"virtio", "virtio-transitional", "virtio-non-transitional"};
                default -> new String[0];
            };
            Parse.oneOf(e, "model", model, allowed);
        }
        Integer queues = null;
        Integer iothread = null;
        var drv = e.child("driver");
        if (drv.isPresent()) {
            queues = Parse.optUInt(drv.get(), "queues");
            iothread = Parse.optUInt(drv.get(), "iothread");
        }
        String modelName = e.child("model").map(m -> m.requireAttr("name")).orElse(null);
        Integer chassis = null;
        String port = null;
        Integer busNr = null;
        var t = e.child("target");
        if (t.isPresent()) {
            chassis = Parse.optUInt(t.get(), "chassis");
            port = t.get().attr("port").orElse(null);
            if (port != null) {
                Parse.toInt(t.get(), "port", port);
            }
            busNr = Parse.optUInt(t.get(), "busNr");
        }
        return new ControllerDef(type, index, model, Parse.optUInt(e, "ports"), Parse.optUInt(e, "vectors"), queues,
                iothread, modelName, chassis, port, busNr, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, ControllerDef c, Set<FormatFlag> flags) {
        w.start("controller").attr("type", c.type()).attr("index", c.index()).attr("model", c.model())
                .attr("ports", c.ports()).attr("vectors", c.vectors());
        if (c.driverQueues() != null || c.driverIothread() != null) {
            w.start("driver").attr("queues", c.driverQueues()).attr("iothread", c.driverIothread()).end();
        }
        if (c.modelName() != null) {
            w.start("model").attr("name", c.modelName()).end();
        }
        if (c.targetChassis() != null || c.targetPort() != null || c.targetBusNr() != null) {
            w.start("target").attr("chassis", c.targetChassis()).attr("port", c.targetPort())
                    .attr("busNr", c.targetBusNr()).end();
        }
        AddressXml.formatAlias(w, c.alias(), flags);
        AddressXml.format(w, c.address());
        w.end();
    }
}
