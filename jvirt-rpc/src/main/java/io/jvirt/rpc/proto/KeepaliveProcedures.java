package io.jvirt.rpc.proto;

import static io.jvirt.rpc.xdr.XdrType.VOID;

import java.util.List;

/**
 * The KEEPALIVE program: PING and PONG, MESSAGEs with serial 0 and no payload. Whoever receives a
 * PING answers with a PONG at once (remote-protocol.md 4.5).
 */
public final class KeepaliveProcedures {
    private KeepaliveProcedures() {
    }

    private static final Defs D = new Defs(Program.KEEPALIVE);

    public static final Procedure<Void, Void> PING = D.message(1, "PING", VOID);
    public static final Procedure<Void, Void> PONG = D.message(2, "PONG", VOID);

    static List<Procedure<?, ?>> all() {
        return D.all();
    }
}
