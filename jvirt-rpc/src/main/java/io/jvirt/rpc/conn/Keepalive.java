package io.jvirt.rpc.conn;

/**
 * libvirt's keepalive rule as a pure state machine over a monotonic time in nanoseconds
 * (remote-protocol.md 4.5): after {@code interval} without receiving anything, send a PING; after
 * each PING wait another {@code interval}; when {@code count} PINGs went unanswered, the next
 * expiry declares the peer dead. So a silent peer is dropped after {@code interval * (count + 1)}.
 * Anything received resets the machine. Thread-safe.
 */
final class Keepalive {
    /** What the timer must do now. */
    enum Action {
        NONE, PING, DEAD
    }

    private final long intervalNanos;
    private final int count;
    private long lastReceived;
    private int pingsSent;

    Keepalive(long intervalNanos, int count, long now) {
        if (intervalNanos <= 0 || count < 0) {
            throw new IllegalArgumentException("keepalive interval must be > 0 and count >= 0");
        }
        this.intervalNanos = intervalNanos;
        this.count = count;
        this.lastReceived = now;
    }

    /** Something arrived from the peer at {@code now}. */
    synchronized void received(long now) {
        lastReceived = now;
        pingsSent = 0;
    }

    /** The action due at {@code now}; a PING is reported once per elapsed interval. */
    synchronized Action check(long now) {
        long periods = (now - lastReceived) / intervalNanos;
        if (periods > count) {
            return Action.DEAD;
        }
        if (periods > pingsSent) {
            pingsSent = (int) periods;
            return Action.PING;
        }
        return Action.NONE;
    }

    /** Nanoseconds from {@code now} until the next instant at which {@link #check} may act. */
    synchronized long nanosUntilNextCheck(long now) {
        long next = lastReceived + (pingsSent + 1L) * intervalNanos;
        return Math.max(0, next - now);
    }
}
