package io.jvirt.conf;

/**
 * A domain {@code <seclabel>}.
 *
 * @param type       dynamic, static or none
 * @param model      selinux, apparmor, dac, or null (the host's first driver)
 * @param relabel    yes/no, or null
 * @param label      {@code <label>}, or null
 * @param imagelabel {@code <imagelabel>} (live for dynamic labels), or null
 * @param baselabel  {@code <baselabel>}, or null
 */
public record SeclabelDef(String type, String model, Boolean relabel, String label, String imagelabel,
                          String baselabel) {
    public SeclabelDef {
        java.util.Objects.requireNonNull(type, "type");
    }
}
