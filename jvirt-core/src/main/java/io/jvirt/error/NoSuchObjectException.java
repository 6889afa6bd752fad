package io.jvirt.error;

/** A named object (domain, secret, device ...) does not exist: VIR_ERR_NO_DOMAIN and its kin. */
public class NoSuchObjectException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public NoSuchObjectException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public NoSuchObjectException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    NoSuchObjectException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
