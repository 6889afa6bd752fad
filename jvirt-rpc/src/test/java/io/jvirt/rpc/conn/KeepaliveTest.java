package io.jvirt.rpc.conn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The keepalive rule as a pure state machine: no clock, no sleeping. */
class KeepaliveTest {
    private static final long S = 1_000_000_000L;

    @Test
    void pingsEveryIntervalThenDeclaresThePeerDead() {
        Keepalive k = new Keepalive(5 * S, 2, 0);
        assertEquals(Keepalive.Action.NONE, k.check(4 * S));
        assertEquals(5 * S - 4 * S, k.nanosUntilNextCheck(4 * S));
        assertEquals(Keepalive.Action.PING, k.check(5 * S));
        assertEquals(Keepalive.Action.NONE, k.check(6 * S), "one PING per interval");
        assertEquals(Keepalive.Action.PING, k.check(10 * S));
        assertEquals(Keepalive.Action.NONE, k.check(14 * S));
        // count = 2 PINGs unanswered: dropped after interval * (count + 1)
        assertEquals(Keepalive.Action.DEAD, k.check(15 * S));
    }

    @Test
    void anythingReceivedResetsTheMachine() {
        Keepalive k = new Keepalive(5 * S, 1, 0);
        assertEquals(Keepalive.Action.PING, k.check(5 * S));
        k.received(9 * S);
        assertEquals(Keepalive.Action.NONE, k.check(13 * S));
        assertEquals(Keepalive.Action.PING, k.check(14 * S));
        assertEquals(Keepalive.Action.DEAD, k.check(19 * S));
    }

    @Test
    void countZeroDropsAfterOneSilentInterval() {
        Keepalive k = new Keepalive(S, 0, 0);
        assertEquals(Keepalive.Action.NONE, k.check(S - 1));
        assertEquals(Keepalive.Action.DEAD, k.check(S));
    }
}
