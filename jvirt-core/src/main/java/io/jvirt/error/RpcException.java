package io.jvirt.error;

/** The remote protocol failed: VIR_ERR_RPC, VIR_ERR_NO_CONNECT. */
public class RpcException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public RpcException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public RpcException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    RpcException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
