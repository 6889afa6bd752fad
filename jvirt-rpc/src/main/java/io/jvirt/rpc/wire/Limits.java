package io.jvirt.rpc.wire;

/**
 * Every size limit of the remote protocol in one place, with the values of libvirt 9.0
 * (remote-protocol.md 1.6). These are protocol constants: libvirtd does not make them
 * configurable, so neither do we; what libvirtd does make configurable per server (requests per
 * client, keepalive) lives in {@code io.jvirt.rpc.conn.ServerConfig}, which also lets a server
 * <em>lower</em> the message size.
 */
public final class Limits {
    private Limits() {
    }

    /** Size of the length word that starts every message. */
    public static final int LENGTH_WORD_SIZE = 4;
    /** Size of the header (six XDR words). */
    public static final int HEADER_SIZE = 24;
    /** {@code VIR_NET_MESSAGE_MAX}: largest message excluding the length word (32 MiB). */
    public static final int MESSAGE_MAX = 33_554_432;
    /** Largest legal value of the length word (it counts itself): {@code MESSAGE_MAX + 4}. */
    public static final int MAX_LENGTH = MESSAGE_MAX + LENGTH_WORD_SIZE;
    /** Smallest legal value of the length word: a header and no payload. */
    public static final int MIN_LENGTH = LENGTH_WORD_SIZE + HEADER_SIZE;
    /** {@code VIR_NET_MESSAGE_PAYLOAD_MAX}: largest payload ({@code MESSAGE_MAX - HEADER_SIZE}). */
    public static final int PAYLOAD_MAX = MESSAGE_MAX - HEADER_SIZE;
    /** {@code REMOTE_STRING_MAX}: longest string, in bytes. */
    public static final int STRING_MAX = 4_194_304;
    /** Most file descriptors passed with one message. */
    public static final int FDS_MAX = 32;
    /** {@code REMOTE_DOMAIN_LIST_MAX}: ids, names or domains in one list call. */
    public static final int DOMAIN_LIST_MAX = 16_384;
    /** {@code REMOTE_AUTH_TYPE_LIST_MAX}. */
    public static final int AUTH_TYPE_LIST_MAX = 20;
    /** {@code REMOTE_AUTH_SASL_DATA_MAX}. */
    public static final int AUTH_SASL_DATA_MAX = 65_536;
    /** {@code REMOTE_CPUMAP_MAX}: bytes of one CPU map. */
    public static final int CPUMAP_MAX = 2048;
    /** {@code REMOTE_VCPUINFO_MAX}. */
    public static final int VCPUINFO_MAX = 16_384;
    /** {@code REMOTE_CPUMAPS_MAX}: bytes of all vCPU maps together. */
    public static final int CPUMAPS_MAX = 8_388_608;
    /** {@code REMOTE_NODE_MEMORY_STATS_MAX}. */
    public static final int NODE_MEMORY_STATS_MAX = 16;
    /** {@code REMOTE_SECURITY_LABEL_MAX} (chars, NUL included). */
    public static final int SECURITY_LABEL_MAX = 4097;
    /** {@code REMOTE_SECURITY_MODEL_MAX}. */
    public static final int SECURITY_MODEL_MAX = 257;
    /** {@code REMOTE_SECURITY_DOI_MAX}. */
    public static final int SECURITY_DOI_MAX = 257;
    /** {@code REMOTE_DOMAIN_MESSAGES_MAX}. */
    public static final int DOMAIN_MESSAGES_MAX = 2048;
    /** {@code REMOTE_DOMAIN_MEMORY_STATS_MAX}. */
    public static final int DOMAIN_MEMORY_STATS_MAX = 1024;
    /** {@code REMOTE_DOMAIN_BLOCK_STATS_PARAMETERS_MAX}. */
    public static final int DOMAIN_BLOCK_STATS_PARAMETERS_MAX = 16;
    /** {@code REMOTE_SECRET_VALUE_MAX}: bytes of a secret's value. */
    public static final int SECRET_VALUE_MAX = 65_536;
    /** {@code REMOTE_SECRET_LIST_MAX}. */
    public static final int SECRET_LIST_MAX = 16_384;
}
