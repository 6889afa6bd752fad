package io.jvirt.qemu.domain;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationTimeoutException;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One modifying job at a time per domain. Queries do not take a job: they read the domain's
 * state under its short lock, so they never wait behind a long start or save. A job that cannot
 * be had in time fails with VIR_ERR_OPERATION_TIMEOUT naming the job that holds the domain.
 */
public final class JobManager {
    /** Kinds of job. */
    public enum JobType { MODIFY, DESTROY, ASYNC }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition free = lock.newCondition();
    private String holder;
    private Thread owner;

    /** A held job; close it to release. */
    public final class Job implements AutoCloseable {
        private boolean closed;

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            lock.lock();
            try {
                holder = null;
                owner = null;
                free.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Waits up to {@code timeout} for the domain's job slot. {@code what} names the API for the
     * error a later waiter sees.
     */
    public Job begin(JobType type, String what, Duration timeout) {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (holder != null) {
                if (owner == Thread.currentThread()) {
                    throw new IllegalStateException("job re-entered by " + what + " while holding " + holder);
                }
                if (nanos <= 0) {
                    throw new OperationTimeoutException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                            "cannot acquire state change lock (held by " + holder + ") for " + what);
                }
                nanos = free.awaitNanos(nanos);
            }
            holder = what + " (" + type.name().toLowerCase(java.util.Locale.ROOT) + ")";
            owner = Thread.currentThread();
            return new Job();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationTimeoutException(ErrorNumber.OPERATION_TIMEOUT, ErrorDomain.QEMU,
                    "interrupted while waiting for the state change lock for " + what);
        } finally {
            lock.unlock();
        }
    }

    /** The current holder's description, or null. */
    public String holder() {
        lock.lock();
        try {
            return holder;
        } finally {
            lock.unlock();
        }
    }

}
