package io.jvirt.rpc.conn;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import io.jvirt.rpc.wire.Limits;

/**
 * Per-server settings of {@link RpcServerConnection}, with libvirtd's defaults: the ones
 * {@code libvirtd.conf} makes configurable ({@code max_client_requests}, {@code keepalive_interval},
 * {@code keepalive_count}) plus a queue bound, an optional lower message size, and the clock and
 * scheduler that drive keepalive (injectable so tests never sleep long).
 *
 * @param maxMessageLength largest accepted length word; at most {@link Limits#MAX_LENGTH}
 * @param maxClientRequests low-priority calls of one client that run at once (libvirtd: 5)
 * @param maxQueuedRequests calls of one client in flight or waiting before the server stops
 *     reading from it (back-pressure)
 * @param keepaliveInterval silence before a PING; zero or negative disables keepalive (libvirtd: 5 s)
 * @param keepaliveCount unanswered PINGs before the client is dropped (libvirtd: 5)
 * @param clock the time source for keepalive
 * @param scheduler runs keepalive timers; its tasks only compute and hand writes to virtual threads
 */
public record ServerConfig(int maxMessageLength, int maxClientRequests, int maxQueuedRequests,
        Duration keepaliveInterval, int keepaliveCount, InstantSource clock, ScheduledExecutorService scheduler) {

    private static final class DefaultScheduler {
        static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("rpc-keepalive").factory());
    }

    public ServerConfig {
        if (maxMessageLength < Limits.MIN_LENGTH || maxMessageLength > Limits.MAX_LENGTH) {
            throw new IllegalArgumentException("maxMessageLength must be in [" + Limits.MIN_LENGTH + ", " + Limits.MAX_LENGTH + "]");
        }
        if (maxClientRequests < 1) {
            throw new IllegalArgumentException("maxClientRequests must be >= 1");
        }
        if (maxQueuedRequests < maxClientRequests) {
            throw new IllegalArgumentException("maxQueuedRequests must be >= maxClientRequests");
        }
        Objects.requireNonNull(keepaliveInterval, "keepaliveInterval");
        if (keepaliveCount < 0) {
            throw new IllegalArgumentException("keepaliveCount must be >= 0");
        }
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(scheduler, "scheduler");
    }

    /** libvirtd's defaults: 32 MiB messages, 5 requests, 5 s x 5 keepalive, system clock. */
    public static ServerConfig defaults() {
        return new ServerConfig(Limits.MAX_LENGTH, 5, 64, Duration.ofSeconds(5), 5, InstantSource.system(),
                defaultScheduler());
    }

    /** The shared daemon-thread scheduler used by {@link #defaults()}. */
    public static ScheduledExecutorService defaultScheduler() {
        return DefaultScheduler.INSTANCE;
    }

    /** With another keepalive interval and count. */
    public ServerConfig withKeepalive(Duration interval, int count) {
        return new ServerConfig(maxMessageLength, maxClientRequests, maxQueuedRequests, interval, count, clock, scheduler);
    }

    /** With another per-client request bound (the queue bound grows to stay at least as large). */
    public ServerConfig withMaxClientRequests(int n) {
        return new ServerConfig(maxMessageLength, n, Math.max(n, maxQueuedRequests), keepaliveInterval, keepaliveCount,
                clock, scheduler);
    }

    /** With a lower maximum message length. */
    public ServerConfig withMaxMessageLength(int n) {
        return new ServerConfig(n, maxClientRequests, maxQueuedRequests, keepaliveInterval, keepaliveCount, clock, scheduler);
    }

    /** With another clock and scheduler. */
    public ServerConfig withTimers(InstantSource newClock, ScheduledExecutorService newScheduler) {
        return new ServerConfig(maxMessageLength, maxClientRequests, maxQueuedRequests, keepaliveInterval, keepaliveCount,
                newClock, newScheduler);
    }
}
