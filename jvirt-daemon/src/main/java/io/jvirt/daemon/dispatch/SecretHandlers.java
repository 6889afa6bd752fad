package io.jvirt.daemon.dispatch;

import io.jvirt.SecretRef;
import io.jvirt.rpc.conn.Dispatcher;
import io.jvirt.rpc.proto.SecretMessages.ListAllReply;
import io.jvirt.rpc.proto.SecretMessages.WireSecret;

import java.util.List;

import static io.jvirt.rpc.proto.SecretProcedures.*;

/** Secrets: SECRET_* and the CONNECT_*_SECRETS listings. */
final class SecretHandlers {
    private SecretHandlers() {
    }

    static void register(Dispatcher d) {
        d.on(CONNECT_NUM_OF_SECRETS, (ctx, v) -> Wire.conn(ctx).listAllSecrets(0).size());
        d.on(CONNECT_LIST_SECRETS, (ctx, max) -> Wire.conn(ctx).listAllSecrets(0).stream()
                .limit(Math.max(max, 0)).map(s -> s.uuid().toString()).toList());
        d.on(CONNECT_LIST_ALL_SECRETS, (ctx, a) -> {
            List<SecretRef> all = Wire.conn(ctx).listAllSecrets(a.flags());
            return new ListAllReply(a.needResults() == 0 ? List.of() : all.stream().map(SecretHandlers::wire).toList(),
                    all.size());
        });
        d.on(SECRET_LOOKUP_BY_UUID, (ctx, uuid) -> wire(Wire.conn(ctx).secretLookupByUUID(uuid)));
        d.on(SECRET_LOOKUP_BY_USAGE, (ctx, a) -> wire(Wire.conn(ctx).secretLookupByUsage(a.usageType(), a.usageId())));
        d.on(SECRET_DEFINE_XML, (ctx, a) -> wire(Wire.conn(ctx).secretDefineXML(a.xml(), a.flags())));
        d.on(SECRET_GET_XML_DESC, (ctx, a) -> Wire.conn(ctx).secretGetXMLDesc(ref(a.secret()), a.flags()));
        d.on(SECRET_GET_VALUE, (ctx, a) -> Wire.conn(ctx).secretGetValue(ref(a.secret()), a.flags()));
        d.on(SECRET_SET_VALUE, (ctx, a) -> {
            Wire.conn(ctx).secretSetValue(ref(a.secret()), a.value(), a.flags());
            return null;
        });
        d.on(SECRET_UNDEFINE, (ctx, s) -> {
            Wire.conn(ctx).secretUndefine(ref(s));
            return null;
        });
    }

    static WireSecret wire(SecretRef r) {
        return new WireSecret(r.uuid(), r.usageType(), r.usageId());
    }

    static SecretRef ref(WireSecret s) {
        return new SecretRef(s.uuid(), s.usageType(), s.usageId());
    }
}
