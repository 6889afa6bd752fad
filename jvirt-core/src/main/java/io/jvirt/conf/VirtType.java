package io.jvirt.conf;

/** The domain's {@code type} attribute: which accelerator runs it. */
public enum VirtType implements XmlEnum {
    /** Pure emulation (TCG). */
    QEMU("qemu"),
    /** Hardware virtualization through /dev/kvm. */
    KVM("kvm");

    private final String xml;

    VirtType(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
