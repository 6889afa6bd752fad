package io.jvirt.error;

/** A job or a monitor command did not finish in time: VIR_ERR_OPERATION_TIMEOUT. */
public class OperationTimeoutException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public OperationTimeoutException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public OperationTimeoutException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    OperationTimeoutException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
