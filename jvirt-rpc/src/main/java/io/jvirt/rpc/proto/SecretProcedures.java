package io.jvirt.rpc.proto;

import static io.jvirt.rpc.proto.Defs.RO;
import static io.jvirt.rpc.proto.Defs.RW;
import static io.jvirt.rpc.proto.Priority.HIGH;
import static io.jvirt.rpc.wire.WireTypes.STRING;
import static io.jvirt.rpc.xdr.XdrType.INT;
import static io.jvirt.rpc.xdr.XdrType.VOID;
import static io.jvirt.rpc.xdr.XdrType.array;
import static io.jvirt.rpc.xdr.XdrType.opaque;

import java.util.List;
import java.util.UUID;

import io.jvirt.rpc.proto.SecretMessages.DefineXmlArgs;
import io.jvirt.rpc.proto.SecretMessages.ListAllArgs;
import io.jvirt.rpc.proto.SecretMessages.ListAllReply;
import io.jvirt.rpc.proto.SecretMessages.LookupByUsageArgs;
import io.jvirt.rpc.proto.SecretMessages.SecretFlags;
import io.jvirt.rpc.proto.SecretMessages.SetValueArgs;
import io.jvirt.rpc.proto.SecretMessages.WireSecret;
import io.jvirt.rpc.wire.Limits;
import io.jvirt.rpc.wire.WireTypes;

/**
 * REMOTE procedures on secrets. Not in remote-protocol.md: numbers cross-checked in two
 * independent generated sources (go-libvirt's constants, a Rust binding's procedure enum), layouts
 * from libvirt's public secret API. Reading a secret's value is refused on read-only connections
 * (libvirt does the same); all secret calls are high priority in libvirt (no domain job).
 */
public final class SecretProcedures {
    private SecretProcedures() {
    }

    private static final Defs D = new Defs(Program.REMOTE);

    public static final Procedure<Void, Integer> CONNECT_NUM_OF_SECRETS = D.call(139, "CONNECT_NUM_OF_SECRETS", VOID, INT, RO, HIGH);
    /** Argument: maxuuids; result: UUID strings. */
    public static final Procedure<Integer, List<String>> CONNECT_LIST_SECRETS = D.call(140, "CONNECT_LIST_SECRETS", INT, array(STRING, Limits.SECRET_LIST_MAX), RO, HIGH);
    public static final Procedure<UUID, WireSecret> SECRET_LOOKUP_BY_UUID = D.call(141, "SECRET_LOOKUP_BY_UUID", WireTypes.UUID, WireSecret.XDR, RO, HIGH);
    public static final Procedure<DefineXmlArgs, WireSecret> SECRET_DEFINE_XML = D.call(142, "SECRET_DEFINE_XML", DefineXmlArgs.XDR, WireSecret.XDR, RW, HIGH);
    public static final Procedure<SecretFlags, String> SECRET_GET_XML_DESC = D.call(143, "SECRET_GET_XML_DESC", SecretFlags.XDR, STRING, RO, HIGH);
    public static final Procedure<SetValueArgs, Void> SECRET_SET_VALUE = D.call(144, "SECRET_SET_VALUE", SetValueArgs.XDR, VOID, RW, HIGH);
    /** Result: the value (opaque, at most 65536 bytes). Refused on read-only connections. */
    public static final Procedure<SecretFlags, byte[]> SECRET_GET_VALUE = D.call(145, "SECRET_GET_VALUE", SecretFlags.XDR, opaque(Limits.SECRET_VALUE_MAX), RW, HIGH);
    public static final Procedure<WireSecret, Void> SECRET_UNDEFINE = D.call(146, "SECRET_UNDEFINE", WireSecret.XDR, VOID, RW, HIGH);
    public static final Procedure<LookupByUsageArgs, WireSecret> SECRET_LOOKUP_BY_USAGE = D.call(147, "SECRET_LOOKUP_BY_USAGE", LookupByUsageArgs.XDR, WireSecret.XDR, RO, HIGH);
    public static final Procedure<ListAllArgs, ListAllReply> CONNECT_LIST_ALL_SECRETS = D.call(287, "CONNECT_LIST_ALL_SECRETS", ListAllArgs.XDR, ListAllReply.XDR, RO, HIGH);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
