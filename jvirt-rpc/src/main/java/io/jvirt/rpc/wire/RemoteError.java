package io.jvirt.rpc.wire;

import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.struct;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.rpc.xdr.XdrType;

/**
 * {@code remote_error}: the payload of every failed REPLY and of a server's STREAM/ERROR
 * (remote-protocol.md 3.1). Clients print {@code message} verbatim; {@code str1} is the
 * {@code %s} template and {@code str2} the detail.
 *
 * @param code {@code virErrorNumber}
 * @param domain {@code virErrorDomain}
 * @param message the complete message, or {@code null}
 * @param level 0 none, 1 warning, 2 error
 * @param dom unused by libvirt, normally {@code null}
 * @param str1 message template ({@code "Domain not found: %s"}, {@code "%s"}), or {@code null}
 * @param str2 the detail substituted into the template, or {@code null}
 * @param str3 usually {@code null}
 * @param int1 -1 in libvirt's errors
 * @param int2 -1 in libvirt's errors
 * @param net unused by libvirt, normally {@code null}
 */
public record RemoteError(int code, int domain, String message, int level, WireDomain dom, String str1, String str2,
        String str3, int int1, int int2, WireNetwork net) {
    /** {@code VIR_ERR_ERROR}, the level libvirt always sends. */
    public static final int LEVEL_ERROR = 2;

    /** The encoding, field by field in wire order. */
    public static final XdrType<RemoteError> XDR = struct(RemoteError::new,
            field(RemoteError::code, INT), field(RemoteError::domain, INT),
            field(RemoteError::message, WireTypes.OPT_STRING), field(RemoteError::level, INT),
            field(RemoteError::dom, WireTypes.OPT_DOMAIN), field(RemoteError::str1, WireTypes.OPT_STRING),
            field(RemoteError::str2, WireTypes.OPT_STRING), field(RemoteError::str3, WireTypes.OPT_STRING),
            field(RemoteError::int1, INT), field(RemoteError::int2, INT),
            field(RemoteError::net, WireTypes.OPT_NETWORK));

    /**
     * The wire form of {@code e}: its message verbatim, level 2, {@code str1} the template
     * ("prefix: %s", or "%s" when the error number has no prefix), {@code str2} the detail,
     * {@code int1}/{@code int2} -1, as libvirtd fills them.
     */
    public static RemoteError from(LibvirtException e) {
        String prefix = e.number().prefix();
        String detail = e.detail().isEmpty() ? null : e.detail();
        String template = detail == null ? null : prefix.isEmpty() ? "%s" : prefix + ": %s";
        return new RemoteError(e.number().code(), e.domain().code(), e.getMessage(), LEVEL_ERROR, null, template, detail,
                null, -1, -1, null);
    }

    /**
     * The exception a client raises for this error: the class that owns {@code code}, with the
     * message verbatim. An unknown code or domain maps to what {@link ErrorNumber#of} and
     * {@link ErrorDomain#of} choose.
     */
    public LibvirtException toException() {
        return LibvirtException.of(ErrorNumber.of(code), ErrorDomain.of(domain), message);
    }
}
