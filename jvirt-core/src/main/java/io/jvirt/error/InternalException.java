package io.jvirt.error;

/** A bug in jvirt (never a user's mistake): VIR_ERR_INTERNAL_ERROR. */
public class InternalException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public InternalException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public InternalException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    InternalException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
