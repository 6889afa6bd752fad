package io.jvirt.daemon.dispatch;

import io.jvirt.DomainRef;
import io.jvirt.daemon.ClientSession;
import io.jvirt.rpc.conn.CallContext;
import io.jvirt.rpc.wire.WireDomain;
import io.jvirt.spi.ConnectDriver;

/** Conversions between wire records and driver types. */
final class Wire {
    private Wire() {
    }

    static DomainRef ref(WireDomain d) {
        return new DomainRef(d.name(), d.uuid(), d.id());
    }

    static WireDomain dom(DomainRef r) {
        return new WireDomain(r.name(), r.uuid(), r.id());
    }

    static ClientSession session(CallContext ctx) {
        return (ClientSession) ctx.connection().attachment();
    }

    static ConnectDriver conn(CallContext ctx) {
        return session(ctx).conn();
    }

    static int bool(boolean b) {
        return b ? 1 : 0;
    }
}
