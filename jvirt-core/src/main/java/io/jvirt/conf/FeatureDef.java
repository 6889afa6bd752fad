package io.jvirt.conf;

/**
 * A simple hypervisor feature under {@code <features>}: {@code <acpi/>}, {@code <pae/>},
 * {@code <vmport state='off'/>}.
 *
 * @param name  the element name
 * @param state null when written without a state attribute, else on/off
 */
public record FeatureDef(String name, Boolean state) {
    public boolean enabled() {
        return state == null || state;
    }
}
