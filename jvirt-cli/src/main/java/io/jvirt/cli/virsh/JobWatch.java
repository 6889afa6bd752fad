package io.jvirt.cli.virsh;

import io.jvirt.Domain;
import io.jvirt.DomainJobInfo;
import io.jvirt.error.LibvirtException;

import java.io.PrintStream;

/**
 * --verbose for long jobs (save, managedsave, dump), as virsh shows it: the job runs on a thread of
 * its own while this one asks for its progress every half second and prints
 * {@code "\rLabel: [ 42 %]"} on standard error, then {@code [100 %]} and a newline when it is done.
 */
final class JobWatch {
    private static final long POLL_MS = 500;

    private JobWatch() {
    }

    static void run(Domain d, String label, boolean verbose, Runnable job) {
        if (!verbose) {
            job.run();
            return;
        }
        PrintStream err = System.err;
        RuntimeException[] failure = new RuntimeException[1];
        Thread t = Thread.ofPlatform().name("jvirsh-job").start(() -> {
            try {
                job.run();
            } catch (RuntimeException e) {
                failure[0] = e;
            }
        });
        try {
            while (!t.join(java.time.Duration.ofMillis(POLL_MS))) {
                try {
                    DomainJobInfo info = d.getJobInfo();
                    if (info.type() != DomainJobInfo.TYPE_NONE && info.dataTotal() > 0) {
                        print(err, label, info.dataRemaining(), info.dataTotal());
                    }
                } catch (LibvirtException e) {
                    // progress is best effort: the job's own outcome is what counts
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new io.jvirt.cli.CliError("interrupted while waiting for the " + label.toLowerCase() + " job");
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        print(err, label, 0, 1);
        err.println();
    }

    private static void print(PrintStream err, String label, long remaining, long total) {
        int progress = remaining <= 0 ? 100 : (int) Math.max(0, 100 - remaining * 100 / total);
        err.printf("\r%s: [%3d %%]", label, progress);
        err.flush();
    }
}
