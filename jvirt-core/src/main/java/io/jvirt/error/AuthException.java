package io.jvirt.error;

/** Authentication failed: VIR_ERR_AUTH_FAILED and kin. */
public class AuthException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public AuthException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public AuthException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    AuthException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
