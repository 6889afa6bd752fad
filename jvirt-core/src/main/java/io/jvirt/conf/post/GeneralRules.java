package io.jvirt.conf.post;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.xml.XmlElement;
import io.jvirt.conf.xml.XmlReader;

import java.util.HashSet;
import java.util.Set;

/**
 * Rules added after the codec first accepted these values, so they live here and never in the
 * parser: a saved definition that breaks them still loads, and is refused only when defined again.
 */
final class GeneralRules {
    private GeneralRules() {
    }

    static void validate(DomainDef def) {
        String title = def.general().title();
        if (title != null && title.contains("\n")) {
            throw DeviceRules.xml("title can't contain newlines");
        }
        String metadata = def.general().metadata();
        if (metadata != null && !metadata.isBlank()) {
            XmlElement m = XmlReader.parse("<metadata>" + metadata + "</metadata>", "metadata");
            Set<String> namespaces = new HashSet<>();
            for (XmlElement c : m.childrenView()) {
                if (!namespaces.add(c.namespace())) {
                    throw DeviceRules.xml("metadata namespace '" + c.namespace() + "' is used by more than one element");
                }
            }
        }
        for (GraphicsDef g : def.devices().graphics()) {
            for (Integer port : new Integer[] {g.port(), g.tlsPort(), g.websocket()}) {
                if (port != null && port != -1 && (port < 0 || port > 65535)) {
                    throw DeviceRules.xml("invalid " + g.type() + " graphics port " + port);
                }
            }
        }
        for (var d : def.devices().disks()) {
            String wwn = d.identity().wwn();
            if (wwn != null && !wwn.matches("(0x)?[0-9a-fA-F]{16}")) {
                throw DeviceRules.xml("disk '" + d.targetDev() + "': malformed wwn '" + wwn
                        + "' (expected 16 hex digits)");
            }
        }
        Integer slots = def.memory().maxSlots();
        if (slots != null && slots < 0) {
            throw DeviceRules.xml("invalid maxMemory slots " + slots);
        }
    }
}
