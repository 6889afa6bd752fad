package io.jvirt.remote;

import io.jvirt.SecretRef;
import io.jvirt.rpc.conn.RpcClientConnection;
import io.jvirt.rpc.proto.SecretMessages.DefineXmlArgs;
import io.jvirt.rpc.proto.SecretMessages.ListAllArgs;
import io.jvirt.rpc.proto.SecretMessages.LookupByUsageArgs;
import io.jvirt.rpc.proto.SecretMessages.SecretFlags;
import io.jvirt.rpc.proto.SecretMessages.SetValueArgs;
import io.jvirt.rpc.proto.SecretMessages.WireSecret;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static io.jvirt.rpc.proto.SecretProcedures.*;

/** The secret calls of a {@link RemoteConnect}, over the REMOTE program's secret procedures. */
final class RemoteSecrets {
    private final RpcClientConnection conn;

    RemoteSecrets(RpcClientConnection conn) {
        this.conn = conn;
    }

    SecretRef define(String xml, int flags) {
        return ref(conn.call(SECRET_DEFINE_XML, new DefineXmlArgs(xml, flags)));
    }

    SecretRef lookup(UUID uuid) {
        return ref(conn.call(SECRET_LOOKUP_BY_UUID, uuid));
    }

    SecretRef lookupByUsage(int usageType, String usageId) {
        return ref(conn.call(SECRET_LOOKUP_BY_USAGE, new LookupByUsageArgs(usageType, usageId)));
    }

    List<SecretRef> list(int flags) {
        return conn.call(CONNECT_LIST_ALL_SECRETS, new ListAllArgs(1, flags)).secrets().stream()
                .map(RemoteSecrets::ref).sorted(Comparator.comparing(SecretRef::uuid)).toList();
    }

    String xml(SecretRef s, int flags) {
        return conn.call(SECRET_GET_XML_DESC, new SecretFlags(wire(s), flags));
    }

    byte[] value(SecretRef s, int flags) {
        return conn.call(SECRET_GET_VALUE, new SecretFlags(wire(s), flags));
    }

    void setValue(SecretRef s, byte[] value, int flags) {
        conn.call(SECRET_SET_VALUE, new SetValueArgs(wire(s), value, flags));
    }

    void undefine(SecretRef s) {
        conn.call(SECRET_UNDEFINE, wire(s));
    }

    private static SecretRef ref(WireSecret w) {
        return new SecretRef(w.uuid(), w.usageType(), w.usageId());
    }

    private static WireSecret wire(SecretRef s) {
        return new WireSecret(s.uuid(), s.usageType(), s.usageId());
    }
}
