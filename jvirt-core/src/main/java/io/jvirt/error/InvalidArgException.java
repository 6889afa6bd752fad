package io.jvirt.error;

/** A caller passed an argument that is wrong in itself: VIR_ERR_INVALID_ARG and kin. */
public class InvalidArgException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public InvalidArgException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public InvalidArgException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    InvalidArgException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
