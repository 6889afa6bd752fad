package io.jvirt.error;

import java.util.Objects;

/**
 * Root of every error jvirt reports: an unchecked exception carrying libvirt's error number and
 * domain, so that the same failure means the same thing in embedded mode, through the daemon on
 * the wire and in the CLI's exit code.
 *
 * <p>{@link #getMessage()} is the complete message a libvirt client would print (prefix, ": ",
 * detail), e.g. {@code Domain not found: no domain with matching name 'x'}. Each error number maps
 * to exactly one subclass; {@link #of} picks it, and the remote client uses it to rebuild the same
 * class from a wire error.
 */
public class LibvirtException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorNumber number;
    private final ErrorDomain domain;
    private final String detail;

    /** An error whose message is {@code number.prefix() + ": " + detail}. */
    public LibvirtException(ErrorNumber number, ErrorDomain domain, String detail) {
        this(number, domain, detail, null);
    }

    /** As {@link #LibvirtException(ErrorNumber, ErrorDomain, String)}, keeping the cause. */
    public LibvirtException(ErrorNumber number, ErrorDomain domain, String detail, Throwable cause) {
        this(number, domain, detail, compose(number, detail), cause);
    }

    LibvirtException(ErrorNumber number, ErrorDomain domain, String detail, String message, Throwable cause) {
        super(message, cause);
        this.number = Objects.requireNonNull(number, "number");
        this.domain = Objects.requireNonNull(domain, "domain");
        this.detail = detail == null ? "" : detail;
    }

    private static String compose(ErrorNumber number, String detail) {
        String prefix = number.prefix();
        if (detail == null || detail.isEmpty()) {
            return prefix;
        }
        return prefix.isEmpty() ? detail : prefix + ": " + detail;
    }

    /** libvirt's error number. */
    public ErrorNumber number() {
        return number;
    }

    /** The subsystem that raised the error. */
    public ErrorDomain domain() {
        return domain;
    }

    /** The message without libvirt's prefix (what libvirt calls str2). */
    public String detail() {
        return detail;
    }

    /**
     * Rebuilds an error from its parts as they travel on the wire: the complete message is kept
     * verbatim and the class is the one that owns {@code number}.
     */
    public static LibvirtException of(ErrorNumber number, ErrorDomain domain, String message) {
        String msg = message == null ? number.prefix() : message;
        String prefix = number.prefix() + ": ";
        String detail = !number.prefix().isEmpty() && msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg;
        return switch (classFor(number)) {
            case NO_SUCH_OBJECT -> new NoSuchObjectException(number, domain, detail, msg);
            case INVALID_ARG -> new InvalidArgException(number, domain, detail, msg);
            case XML -> new XmlException(number, domain, detail, msg);
            case CONFIG_UNSUPPORTED -> new ConfigUnsupportedException(number, domain, detail, msg);
            case OPERATION_INVALID -> new OperationInvalidException(number, domain, detail, msg);
            case OPERATION_UNSUPPORTED -> new OperationUnsupportedException(number, domain, detail, msg);
            case OPERATION_FAILED -> new OperationFailedException(number, domain, detail, msg);
            case OPERATION_TIMEOUT -> new OperationTimeoutException(number, domain, detail, msg);
            case OPERATION_DENIED -> new OperationDeniedException(number, domain, detail, msg);
            case SYSTEM -> new SystemException(number, domain, detail, msg);
            case AUTH -> new AuthException(number, domain, detail, msg);
            case RPC -> new RpcException(number, domain, detail, msg);
            case INTERNAL -> new InternalException(number, domain, detail, msg);
            case OTHER -> new LibvirtException(number, domain, detail, msg, null);
        };
    }

    /** The exception family an error number belongs to. */
    public enum Family {
        NO_SUCH_OBJECT, INVALID_ARG, XML, CONFIG_UNSUPPORTED, OPERATION_INVALID, OPERATION_UNSUPPORTED,
        OPERATION_FAILED, OPERATION_TIMEOUT, OPERATION_DENIED, SYSTEM, AUTH, RPC, INTERNAL, OTHER
    }

    /** Which family (and so which subclass) owns an error number. */
    public static Family classFor(ErrorNumber number) {
        return switch (number) {
            case NO_DOMAIN, NO_NETWORK, NO_SECRET, NO_STORAGE_POOL, NO_STORAGE_VOL, NO_NODE_DEVICE,
                 NO_INTERFACE, NO_NWFILTER, NO_DOMAIN_SNAPSHOT, NO_DOMAIN_CHECKPOINT, NO_DOMAIN_METADATA,
                 NO_DOMAIN_BACKUP, NO_NETWORK_PORT, NO_NWFILTER_BINDING, NO_SERVER, NO_CLIENT, NO_HOSTNAME,
                 DEVICE_MISSING, NO_SECURITY_MODEL -> Family.NO_SUCH_OBJECT;
            case INVALID_ARG, INVALID_MAC, INVALID_CONN, INVALID_DOMAIN, INVALID_STREAM, INVALID_SECRET -> Family.INVALID_ARG;
            case XML_ERROR, XML_DETAIL, XML_INVALID_SCHEMA, NO_NAME, NO_OS, NO_DEVICE -> Family.XML;
            case CONFIG_UNSUPPORTED -> Family.CONFIG_UNSUPPORTED;
            case OPERATION_INVALID, DOM_EXIST, RESOURCE_BUSY -> Family.OPERATION_INVALID;
            case NO_SUPPORT, OPERATION_UNSUPPORTED, ARGUMENT_UNSUPPORTED -> Family.OPERATION_UNSUPPORTED;
            case OPERATION_FAILED, OPERATION_ABORTED, CALL_FAILED, MULTIPLE_DOMAINS, AGENT_UNRESPONSIVE -> Family.OPERATION_FAILED;
            case OPERATION_TIMEOUT -> Family.OPERATION_TIMEOUT;
            case OPERATION_DENIED, ACCESS_DENIED -> Family.OPERATION_DENIED;
            case SYSTEM_ERROR, OPEN_FAILED, READ_FAILED, WRITE_FAILED, PARSE_FAILED, CONF_SYNTAX, NO_MEMORY -> Family.SYSTEM;
            case AUTH_FAILED, AUTH_CANCELLED, AUTH_UNAVAILABLE -> Family.AUTH;
            case RPC, NO_CONNECT, GNUTLS_ERROR, SSH, LIBSSH -> Family.RPC;
            case INTERNAL_ERROR -> Family.INTERNAL;
            default -> Family.OTHER;
        };
    }
}
