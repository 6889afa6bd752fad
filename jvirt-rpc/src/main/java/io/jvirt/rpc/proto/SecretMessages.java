package io.jvirt.rpc.proto;

import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.UINT;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.field;
import static io.jvirt.rpc.xdr.XdrType.opaque;
import static io.jvirt.rpc.xdr.XdrType.struct;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.WireTypes;
import io.jvirt.rpc.xdr.XdrType;

/**
 * Arguments and return values of the secret procedures ({@link SecretProcedures}). Layouts follow
 * libvirt's public secret API; see the notes in {@link SecretProcedures}.
 */
public final class SecretMessages {
    private SecretMessages() {
    }

    /**
     * {@code remote_nonnull_secret}: how a secret travels.
     *
     * @param uuid the secret's UUID
     * @param usageType {@code VIR_SECRET_USAGE_TYPE_*} (0 none, 1 volume, 2 ceph, 3 iscsi, 4 tls, 5 vtpm)
     * @param usageId the usage id (volume path, ceph name...)
     */
    public record WireSecret(UUID uuid, int usageType, String usageId) {
        public static final XdrType<WireSecret> XDR = struct(WireSecret::new,
                field(WireSecret::uuid, WireTypes.UUID), field(WireSecret::usageType, INT),
                field(WireSecret::usageId, STRING));

        public WireSecret {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(usageId, "usageId");
        }
    }

    /**
     * {@code SECRET_DEFINE_XML} arguments.
     *
     * @param xml the secret XML
     * @param flags DEFINE flags
     */
    public record DefineXmlArgs(String xml, int flags) {
        public static final XdrType<DefineXmlArgs> XDR = struct(DefineXmlArgs::new,
                field(DefineXmlArgs::xml, STRING), field(DefineXmlArgs::flags, UINT));
    }

    /**
     * {@code secret; u32 flags}: SECRET_GET_VALUE and SECRET_GET_XML_DESC arguments.
     *
     * @param secret the secret
     * @param flags none defined
     */
    public record SecretFlags(WireSecret secret, int flags) {
        public static final XdrType<SecretFlags> XDR = struct(SecretFlags::new,
                field(SecretFlags::secret, WireSecret.XDR), field(SecretFlags::flags, UINT));
    }

    /**
     * {@code SECRET_SET_VALUE} arguments.
     *
     * @param secret the secret
     * @param value the value, at most 65536 bytes (packed opaque)
     * @param flags none defined
     */
    public record SetValueArgs(WireSecret secret, byte[] value, int flags) {
        public static final XdrType<SetValueArgs> XDR = struct(SetValueArgs::new,
                field(SetValueArgs::secret, WireSecret.XDR), field(SetValueArgs::value, opaque(Limits.SECRET_VALUE_MAX)),
                field(SetValueArgs::flags, UINT));

        public SetValueArgs {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * {@code SECRET_LOOKUP_BY_USAGE} arguments.
     *
     * @param usageType {@code VIR_SECRET_USAGE_TYPE_*}
     * @param usageId the usage id
     */
    public record LookupByUsageArgs(int usageType, String usageId) {
        public static final XdrType<LookupByUsageArgs> XDR = struct(LookupByUsageArgs::new,
                field(LookupByUsageArgs::usageType, INT), field(LookupByUsageArgs::usageId, STRING));
    }

    /**
     * {@code CONNECT_LIST_ALL_SECRETS} arguments.
     *
     * @param needResults 0 to count only
     * @param flags filter bits (1 ephemeral, 2 no-ephemeral, 4 private, 8 no-private)
     */
    public record ListAllArgs(int needResults, int flags) {
        public static final XdrType<ListAllArgs> XDR = struct(ListAllArgs::new,
                field(ListAllArgs::needResults, INT), field(ListAllArgs::flags, UINT));
    }

    /**
     * {@code CONNECT_LIST_ALL_SECRETS} result.
     *
     * @param secrets the matching secrets (empty when counting)
     * @param ret their number (u32)
     */
    public record ListAllReply(List<WireSecret> secrets, int ret) {
        public static final XdrType<ListAllReply> XDR = struct(ListAllReply::new,
                field(ListAllReply::secrets, array(WireSecret.XDR, Limits.SECRET_LIST_MAX)),
                field(ListAllReply::ret, UINT));

        public ListAllReply {
            secrets = List.copyOf(secrets);
        }
    }
}
