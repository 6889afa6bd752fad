package io.jvirt.rpc.conn;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Test;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationDeniedException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.rpc.proto.Procedure;
import io.jvirt.rpc.proto.ProcedureTable;
import io.jvirt.rpc.wire.RemoteError;

/**
 * The read-only gate walks every table entry: on a read-only connection every mutating call is
 * refused with VIR_ERR_OPERATION_DENIED before its handler (or even its argument decoder) runs,
 * and every read-only call passes the gate; on a read-write connection nothing is refused.
 */
class ReadOnlyGateTest {
    private static final List<Procedure<?, ?>> CALLS = ProcedureTable.all().stream()
            .filter(p -> p.kind() == Procedure.Kind.CALL).toList();

    private static <A, R> void reachAndFail(Dispatcher d, Procedure<A, R> p, Set<Procedure<?, ?>> reached) {
        d.on(p, (ctx, args) -> {
            reached.add(p);
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.NONE, "handler reached");
        });
    }

    @Test
    void gateFunctionOverEveryEntry() {
        for (Procedure<?, ?> p : CALLS) {
            assertDoesNotThrow(() -> ReadOnlyGate.check(p, false), p.toString());
            if (p.readOnly()) {
                assertDoesNotThrow(() -> ReadOnlyGate.check(p, true), p.toString());
            } else {
                OperationDeniedException e = assertThrows(OperationDeniedException.class, () -> ReadOnlyGate.check(p, true));
                assertEquals(ErrorNumber.OPERATION_DENIED, e.number());
                assertEquals("operation forbidden: read only access prevents " + p.apiName(), e.getMessage());
            }
        }
        assertTrue(CALLS.stream().anyMatch(p -> !p.readOnly()) && CALLS.stream().anyMatch(Procedure::readOnly));
    }

    @Test
    void readOnlyConnectionRefusesEveryMutatingEntryOnTheWire() throws Exception {
        Set<Procedure<?, ?>> reached = ConcurrentHashMap.newKeySet();
        walk(true, reached);
        for (Procedure<?, ?> p : CALLS) {
            if (!p.readOnly()) {
                assertFalse(reached.contains(p), p + " reached its handler on a read-only connection");
            }
        }
    }

    @Test
    void readWriteConnectionRefusesNothing() throws Exception {
        walk(false, ConcurrentHashMap.newKeySet());
    }

    private static void walk(boolean readOnly, Set<Procedure<?, ?>> reached) throws IOException, InterruptedException {
        Dispatcher d = new Dispatcher(ErrorDomain.QEMU);
        for (Procedure<?, ?> p : CALLS) {
            reachAndFail(d, p, reached);
        }
        try (UnixPair pair = UnixPair.open();
                RpcServerConnection server = RpcServerConnection.over(pair.server, d, ServerConfig.defaults(), readOnly)
                        .start()) {
            RawClient raw = new RawClient(pair.client);
            int serial = 0;
            for (Procedure<?, ?> p : CALLS) {
                // an empty payload: procedures with arguments fail to decode, after the gate
                raw.call(p, serial++, new byte[0]);
                RemoteError e = raw.readError();
                if (readOnly && !p.readOnly()) {
                    assertEquals(29, e.code(), p.toString());
                    assertEquals("operation forbidden: read only access prevents " + p.apiName(), e.message());
                } else {
                    assertNotEquals(29, e.code(), p + ": " + e.message());
                }
            }
            assertFalse(server.isClosed(), "refusals never drop the connection");
        }
    }
}
