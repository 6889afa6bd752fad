package io.jvirt.error;

/** An XML document is malformed or invalid: VIR_ERR_XML_ERROR, VIR_ERR_XML_DETAIL, VIR_ERR_NO_NAME ... */
public class XmlException extends LibvirtException {
    private static final long serialVersionUID = 1L;

    public XmlException(ErrorNumber number, ErrorDomain domain, String detail) {
        super(number, domain, detail);
    }

    public XmlException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        super(number, domain, detail, cause);
    }

    XmlException(ErrorNumber number, ErrorDomain domain, String detail, String message) {
        super(number, domain, detail, message, null);
    }
}
