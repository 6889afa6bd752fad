package io.jvirt.error;

/** Valid configuration that this driver or QEMU cannot run: VIR_ERR_CONFIG_UNSUPPORTED. */
public class ConfigUnsupportedException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public ConfigUnsupportedException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public ConfigUnsupportedException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    ConfigUnsupportedException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
