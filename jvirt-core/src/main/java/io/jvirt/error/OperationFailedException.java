package io.jvirt.error;

/** The request was valid but failed: VIR_ERR_OPERATION_FAILED. */
public class OperationFailedException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public OperationFailedException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public OperationFailedException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    OperationFailedException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
