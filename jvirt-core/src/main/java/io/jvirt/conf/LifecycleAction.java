package io.jvirt.conf;

/** What happens on guest poweroff, reboot or crash ({@code on_poweroff} ...). */
public enum LifecycleAction implements XmlEnum {
    DESTROY("destroy"),
    RESTART("restart"),
    PRESERVE("preserve"),
    RENAME_RESTART("rename-restart"),
    COREDUMP_DESTROY("coredump-destroy"),
    COREDUMP_RESTART("coredump-restart");

    private final String xml;

    LifecycleAction(String xml) {
        this.xml = xml;
    }

    @Override
    public String xml() {
        return xml;
    }
}
