package io.jvirt.qemu.qmp;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The source of time for every QMP deadline: the connect deadline and per-command timeouts.
 *
 * <p>Injected through {@link QmpOptions} so that tests drive time by hand and never sleep. Tasks
 * given to {@link #schedule} are tiny (fail a future, close a channel) and must not block; an
 * implementation may run them on its own thread or on the thread that advances a fake clock.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface QmpTimer {

    /** Runs {@code task} once after {@code delay}, unless the returned handle is cancelled first. */
    Handle schedule(Duration delay, Runnable task);

    /** A scheduled task. */
    @FunctionalInterface
    interface Handle {
        /** Stops the task from running if it has not run yet; idempotent, never blocks. */
        void cancel();
    }

    /**
     * The wall-clock timer: one shared daemon platform thread ({@code jvirt-qmp-timer}) that only
     * completes futures and closes channels. It holds no state beyond its queue and is never shut
     * down; cancelled tasks are removed at once so long timeouts do not pile up.
     */
    static QmpTimer system() {
        return SystemTimer.INSTANCE;
    }

    /** The {@link #system()} implementation. */
    final class SystemTimer implements QmpTimer {
        private static final SystemTimer INSTANCE = new SystemTimer();

        private final ScheduledThreadPoolExecutor executor;

        private SystemTimer() {
            executor = new ScheduledThreadPoolExecutor(1,
                    Thread.ofPlatform().daemon().name("jvirt-qmp-timer").factory());
            executor.setRemoveOnCancelPolicy(true);
        }

        @Override
        public Handle schedule(Duration delay, Runnable task) {
            Objects.requireNonNull(task, "task");
            ScheduledFuture<?> f = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
            return () -> f.cancel(false);
        }
    }
}
