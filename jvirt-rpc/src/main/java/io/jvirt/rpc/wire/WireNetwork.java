package io.jvirt.rpc.wire;

import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.string;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.Objects;
import java.util.UUID;

import io.jvirt.rpc.xdr.XdrType;

/**
 * {@code remote_nonnull_network}: a virtual network as it travels (used here only by the unused
 * {@code net} field of {@link RemoteError}).
 *
 * @param name the network's name
 * @param uuid its UUID
 */
public record WireNetwork(String name, UUID uuid) {
    /** The encoding: {@code str name; uuid uuid}. */
    public static final XdrType<WireNetwork> XDR = struct(WireNetwork::new,
            field(WireNetwork::name, string(Limits.STRING_MAX)), field(WireNetwork::uuid, XdrType.UUID));

    public WireNetwork {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(uuid, "uuid");
    }
}
