package io.jvirt.conf.xml;

import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.util.EnumSet;

/**
 * A single device's XML, as attach-device / detach-device / update-device take it: the same
 * strict parsing as inside a domain definition.
 */
public final class DeviceXml {
    private DeviceXml() {
    }

    /** A parsed device: one of the families jvirt can plug in and out. */
    public sealed interface Device permits Disk, Nic {
    }

    public record Disk(DiskDef def) implements Device {
    }

    public record Nic(InterfaceDef def) implements Device {
    }

    public static Device parse(String xml) {
        XmlElement e = XmlReader.parse(xml, "device_definition");
        Device d = switch (e.name()) {
            case "disk" -> new Disk(DiskXml.parse(e));
            case "interface" -> new Nic(InterfaceXml.parse(e));
            default -> throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.DOMAIN,
                    "device type '" + e.name() + "' cannot be attached or detached");
        };
        e.checkAllConsumed();
        return d;
    }

    /** The device's XML as it appears inside a domain's live definition. */
    public static String format(Device d) {
        XmlWriter w = new XmlWriter();
        switch (d) {
            case Disk disk -> DiskXml.format(w, disk.def(), EnumSet.noneOf(FormatFlag.class));
            case Nic nic -> InterfaceXml.format(w, nic.def(), EnumSet.noneOf(FormatFlag.class));
        }
        return w.toString();
    }
}
