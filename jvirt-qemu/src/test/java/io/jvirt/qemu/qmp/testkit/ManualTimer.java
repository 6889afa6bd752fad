package io.jvirt.qemu.qmp.testkit;

import io.jvirt.qemu.qmp.QmpTimer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link QmpTimer} whose time moves only when a test calls {@link #advance}; due tasks then run on
 * the test's thread. Lets timeout tests run without sleeping.
 */
public final class ManualTimer implements QmpTimer {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition scheduled = lock.newCondition();
    private final List<Task> tasks = new ArrayList<>();
    private long nowNanos;
    private long sequence;

    private final class Task implements Handle {
        final long due;
        final long seq;
        final Runnable action;

        Task(long due, long seq, Runnable action) {
            this.due = due;
            this.seq = seq;
            this.action = action;
        }

        @Override
        public void cancel() {
            lock.lock();
            try {
                tasks.remove(this);
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public Handle schedule(Duration delay, Runnable action) {
        lock.lock();
        try {
            var t = new Task(nowNanos + delay.toNanos(), sequence++, action);
            tasks.add(t);
            scheduled.signalAll();
            return t;
        } finally {
            lock.unlock();
        }
    }

    /** Moves time forward and runs, in order, every task that falls due. */
    public void advance(Duration d) {
        List<Task> due = new ArrayList<>();
        lock.lock();
        try {
            nowNanos += d.toNanos();
            for (Task t : tasks) {
                if (t.due <= nowNanos) {
                    due.add(t);
                }
            }
            tasks.removeAll(due);
        } finally {
            lock.unlock();
        }
        due.sort(Comparator.comparingLong((Task t) -> t.due).thenComparingLong(t -> t.seq));
        due.forEach(t -> t.action.run());
    }

    /** The number of tasks scheduled and neither run nor cancelled. */
    public int pending() {
        lock.lock();
        try {
            return tasks.size();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (on a condition, not by polling) until at least {@code n} tasks are pending. */
    public void awaitPending(int n) throws InterruptedException {
        long left = TimeUnit.SECONDS.toNanos(10);
        lock.lock();
        try {
            while (tasks.size() < n) {
                if (left <= 0) {
                    throw new AssertionError("expected " + n + " scheduled task(s), have " + tasks.size());
                }
                left = scheduled.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }
}
