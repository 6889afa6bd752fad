package io.jvirt.conf.device;

import java.util.Map;
import java.util.Objects;

/**
 * A device's {@code <address>}: its type ("pci", "drive", "virtio-serial", "isa", "usb" ...) and
 * its attributes in document order, with values as written.
 */
public record AddressDef(String type, Map<String, String> attributes) {
    public AddressDef {
        Objects.requireNonNull(type, "type");
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** An attribute as an integer (accepts 0x hex as libvirt does), or -1 when absent. */
    public int intAttr(String name) {
        String v = attributes.get(name);
        if (v == null) {
            return -1;
        }
        return v.startsWith("0x") || v.startsWith("0X") ? Integer.parseInt(v.substring(2), 16) : Integer.parseInt(v);
    }
}
