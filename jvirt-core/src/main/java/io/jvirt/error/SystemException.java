package io.jvirt.error;

/** A host system call or I/O failed: VIR_ERR_SYSTEM_ERROR and the file errors. */
public class SystemException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public SystemException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public SystemException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    SystemException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
