package io.jvirt.conf;

import java.util.List;
import java.util.Map;

/**
 * A hypervisor feature under {@code <features>} ({@code <acpi/>}, {@code <vmport state='off'/>},
 * {@code <ioapic driver='kvm'/>}), or one of the sub-features of {@code <hyperv>}, {@code <kvm>}
 * or {@code <smm>}. Which names, attributes and children are allowed is the codec's table; the
 * model keeps what was written.
 *
 * @param name       the element name
 * @param state      null when written without a state attribute, else on/off
 * @param attributes other attributes in document order (retries, value, driver, eoi, mode ...)
 * @param text       element text (the size of {@code <tseg>}), or null
 * @param children   sub-features in document order
 */
public record FeatureDef(String name, Boolean state, Map<String, String> attributes, String text,
                         List<FeatureDef> children) {
    public FeatureDef {
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        children = List.copyOf(children);
    }

    public FeatureDef(String name, Boolean state) {
        this(name, state, Map.of(), null, List.of());
    }

    public boolean enabled() {
        return state == null || state;
    }

    /** Whether this feature is a plain one (no attributes, text or children besides state). */
    public boolean isSimple() {
        return attributes.isEmpty() && text == null && children.isEmpty();
    }
}
