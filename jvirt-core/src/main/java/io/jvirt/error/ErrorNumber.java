package io.jvirt.error;

/**
 * libvirt's error numbers ({@code virErrorNumber}), with the values clients see on the wire.
 *
 * <p>The numbers are part of libvirt's stable ABI; the message prefix is the text libvirt puts in
 * front of an error's detail, so that clients that match on messages keep working.
 */
public enum ErrorNumber {
    OK(0, "ok"),
    INTERNAL_ERROR(1, "internal error"),
    NO_MEMORY(2, "out of memory"),
    NO_SUPPORT(3, "this function is not supported by the connection driver"),
    UNKNOWN_HOST(4, "unknown host"),
    NO_CONNECT(5, "no connection driver available"),
    INVALID_CONN(6, "invalid connection pointer in"),
    INVALID_DOMAIN(7, "invalid domain pointer in"),
    INVALID_ARG(8, "invalid argument"),
    OPERATION_FAILED(9, "operation failed"),
    GET_FAILED(10, "GET operation failed"),
    POST_FAILED(11, "post failed"),
    HTTP_ERROR(12, "http error"),
    SEXPR_SERIAL(13, "sexpr serial"),
    NO_XEN(14, "no xen"),
    XEN_CALL(15, "xen call"),
    OS_TYPE(16, "os type"),
    NO_KERNEL(17, "no kernel"),
    NO_ROOT(18, "no root"),
    NO_SOURCE(19, "no source"),
    NO_TARGET(20, "no target"),
    NO_NAME(21, "missing name information"),
    NO_OS(22, "missing operating system information"),
    NO_DEVICE(23, "missing devices information"),
    NO_XENSTORE(24, "no xenstore"),
    DRIVER_FULL(25, "driver full"),
    CALL_FAILED(26, "call failed"),
    XML_ERROR(27, "XML error"),
    DOM_EXIST(28, "this domain exists already"),
    OPERATION_DENIED(29, "operation forbidden"),
    OPEN_FAILED(30, "failed to open configuration file"),
    READ_FAILED(31, "failed to read configuration file"),
    PARSE_FAILED(32, "failed to parse configuration file"),
    CONF_SYNTAX(33, "configuration file syntax error"),
    WRITE_FAILED(34, "failed to write configuration file"),
    XML_DETAIL(35, "XML description is invalid or not well formed"),
    INVALID_NETWORK(36, "invalid network"),
    NETWORK_EXIST(37, "network exist"),
    SYSTEM_ERROR(38, ""),
    RPC(39, ""),
    GNUTLS_ERROR(40, "gnutls error"),
    NO_DOMAIN(42, "Domain not found"),
    NO_NETWORK(43, "Network not found"),
    INVALID_MAC(44, "invalid MAC address"),
    AUTH_FAILED(45, "authentication failed"),
    INVALID_STORAGE_POOL(46, "invalid storage pool"),
    INVALID_STORAGE_VOL(47, "invalid storage vol"),
    NO_STORAGE_POOL(49, "no storage pool"),
    NO_STORAGE_VOL(50, "no storage vol"),
    INVALID_NODE_DEVICE(52, "invalid node device"),
    NO_NODE_DEVICE(53, "Node device not found"),
    NO_SECURITY_MODEL(54, "Security model not found"),
    OPERATION_INVALID(55, "Requested operation is not valid"),
    NO_INTERFACE(57, "no interface"),
    INVALID_INTERFACE(58, "invalid interface"),
    MULTIPLE_INTERFACES(59, "multiple interfaces"),
    INVALID_NWFILTER(61, "invalid nwfilter"),
    NO_NWFILTER(62, "no nwfilter"),
    BUILD_FIREWALL(63, "build firewall"),
    INVALID_SECRET(65, "Invalid secret"),
    NO_SECRET(66, "Secret not found"),
    CONFIG_UNSUPPORTED(67, "unsupported configuration"),
    OPERATION_TIMEOUT(68, "Timed out during operation"),
    MIGRATE_PERSIST_FAILED(69, "migrate persist failed"),
    HOOK_SCRIPT_FAILED(70, "hook script failed"),
    INVALID_DOMAIN_SNAPSHOT(71, "invalid domain snapshot"),
    NO_DOMAIN_SNAPSHOT(72, "no domain snapshot"),
    INVALID_STREAM(73, "invalid stream pointer in"),
    ARGUMENT_UNSUPPORTED(74, "argument unsupported"),
    STORAGE_PROBE_FAILED(75, "storage probe failed"),
    STORAGE_POOL_BUILT(76, "storage pool built"),
    SNAPSHOT_REVERT_RISKY(77, "snapshot revert risky"),
    OPERATION_ABORTED(78, "operation aborted"),
    AUTH_CANCELLED(79, "authentication cancelled"),
    NO_DOMAIN_METADATA(80, "no domain metadata"),
    MIGRATE_UNSAFE(81, "migrate unsafe"),
    OVERFLOW(82, "value too large"),
    BLOCK_COPY_ACTIVE(83, "block copy active"),
    OPERATION_UNSUPPORTED(84, "Operation not supported"),
    SSH(85, "ssh"),
    AGENT_UNRESPONSIVE(86, "Guest agent is not responding"),
    RESOURCE_BUSY(87, "resource busy"),
    ACCESS_DENIED(88, "access denied"),
    DBUS_SERVICE(89, "dbus service"),
    STORAGE_VOL_EXIST(90, "storage vol exist"),
    CPU_INCOMPATIBLE(91, "cpu incompatible"),
    XML_INVALID_SCHEMA(92, "XML document failed to validate against schema"),
    MIGRATE_FINISH_OK(93, "migrate finish ok"),
    AUTH_UNAVAILABLE(94, "authentication unavailable"),
    NO_SERVER(95, "no server"),
    NO_CLIENT(96, "no client"),
    AGENT_UNSYNCED(97, "agent unsynced"),
    LIBSSH(98, "libssh"),
    DEVICE_MISSING(99, "device not found"),
    INVALID_NWFILTER_BINDING(100, "invalid nwfilter binding"),
    NO_NWFILTER_BINDING(101, "no nwfilter binding"),
    INVALID_DOMAIN_CHECKPOINT(102, "invalid domain checkpoint"),
    NO_DOMAIN_CHECKPOINT(103, "no domain checkpoint"),
    NO_DOMAIN_BACKUP(104, "no domain backup"),
    INVALID_NETWORK_PORT(105, "invalid network port"),
    NETWORK_PORT_EXIST(106, "network port exist"),
    NO_NETWORK_PORT(107, "no network port"),
    NO_HOSTNAME(108, "no hostname found"),
    CHECKPOINT_INCONSISTENT(109, "checkpoint inconsistent"),
    MULTIPLE_DOMAINS(110, "multiple matching domains found");

    private final int code;
    private final String prefix;

    ErrorNumber(int code, String prefix) {
        this.code = code;
        this.prefix = prefix;
    }

    /** The number on the wire. */
    public int code() {
        return code;
    }

    /** The text libvirt prefixes to the detail; empty when the detail stands alone. */
    public String prefix() {
        return prefix;
    }

    /** The constant for a wire number, or {@link #INTERNAL_ERROR} for a number this build does not know. */
    public static ErrorNumber of(int code) {
        for (ErrorNumber e : values()) {
            if (e.code == code) {
                return e;
            }
        }
        return INTERNAL_ERROR;
    }
}
