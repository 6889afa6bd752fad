package io.jvirt.qemu.domain;

import io.jvirt.DomainJobInfo;

/**
 * The progress of a domain's long job (save, managed save, core dump), published by the job on its
 * {@link DomainObj} while it runs, so that job info and abort requests are answered without
 * waiting for the job lock.
 */
public interface JobProgress {
    /** The job's progress now. */
    DomainJobInfo info();

    /** Asks the job to stop; the job's own thread then fails with "canceled by client". */
    void abort();
}
