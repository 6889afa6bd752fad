package io.jvirt.rpc.wire;

import java.util.UUID;

import io.jvirt.rpc.xdr.XdrType;

/**
 * libvirt's shared wire types (remote-protocol.md 2.2) as {@link XdrType}s, for use in the
 * procedure tables.
 */
public final class WireTypes {
    private WireTypes() {
    }

    /** {@code remote_nonnull_string}: {@code string<REMOTE_STRING_MAX>}. */
    public static final XdrType<String> STRING = XdrType.string(Limits.STRING_MAX);
    /** {@code remote_string}: an optional {@link #STRING}, {@code null} when absent. */
    public static final XdrType<String> OPT_STRING = XdrType.optional(STRING);
    /** {@code remote_uuid}: 16 raw bytes. */
    public static final XdrType<UUID> UUID = XdrType.UUID;
    /** {@code remote_nonnull_domain}. */
    public static final XdrType<WireDomain> DOMAIN = WireDomain.XDR;
    /** {@code remote_domain}: an optional {@link #DOMAIN}, {@code null} when absent. */
    public static final XdrType<WireDomain> OPT_DOMAIN = XdrType.optional(WireDomain.XDR);
    /** {@code remote_nonnull_network}. */
    public static final XdrType<WireNetwork> NETWORK = WireNetwork.XDR;
    /** {@code remote_network}: an optional {@link #NETWORK}. */
    public static final XdrType<WireNetwork> OPT_NETWORK = XdrType.optional(WireNetwork.XDR);
}
