package io.jvirt.rpc.wire;

import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.string;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.Objects;
import java.util.UUID;

import io.jvirt.rpc.xdr.XdrType;

/**
 * {@code remote_nonnull_domain}: how a domain travels. A server identifies the domain by
 * {@code uuid} only (libvirtd ignores name and id in arguments); it fills all three when it
 * returns one.
 *
 * @param name the domain's name
 * @param uuid the domain's UUID (16 raw bytes on the wire)
 * @param id the running domain's id, -1 when inactive
 */
public record WireDomain(String name, UUID uuid, int id) {
    /** The encoding: {@code str name; uuid uuid; i32 id}. */
    public static final XdrType<WireDomain> XDR = struct(WireDomain::new,
            field(WireDomain::name, string(Limits.STRING_MAX)), field(WireDomain::uuid, XdrType.UUID),
            field(WireDomain::id, INT));

    public WireDomain {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
