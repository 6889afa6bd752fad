package io.jvirt.error;

/** The driver does not implement the request: VIR_ERR_NO_SUPPORT, VIR_ERR_OPERATION_UNSUPPORTED, VIR_ERR_ARGUMENT_UNSUPPORTED. */
public class OperationUnsupportedException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public OperationUnsupportedException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public OperationUnsupportedException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    OperationUnsupportedException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
