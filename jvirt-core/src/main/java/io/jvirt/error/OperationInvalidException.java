package io.jvirt.error;

/** The object is in the wrong state for the request: VIR_ERR_OPERATION_INVALID. */
public class OperationInvalidException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public OperationInvalidException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public OperationInvalidException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    OperationInvalidException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
