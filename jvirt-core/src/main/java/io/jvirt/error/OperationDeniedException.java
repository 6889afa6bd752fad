package io.jvirt.error;

/** The caller may not do this (e.g. a read-only connection): VIR_ERR_OPERATION_DENIED. */
public class OperationDeniedException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public OperationDeniedException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public OperationDeniedException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    OperationDeniedException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
