package io.jvirt.qemu.driver;

import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.StateReason;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.process.QemuProcess;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file written from a running guest's state (a save image, a core dump), all or nothing: the
 * guest is paused for it (unless live), the content goes to a hidden sibling
 * {@code .NAME.jvirt-part}, which is synced and renamed over {@code file} only when complete. On
 * failure the partial file is deleted and the guest resumed as it was.
 */
final class GuestStateFile {
    /** Writes the content into the temporary file. */
    interface Writer {
        void write(Path tmp) throws IOException;
    }

    private GuestStateFile() {
    }

    /**
     * Writes {@code file} with {@code writer}, the guest paused for reason {@code paused} unless
     * {@code live}; the job's progress is withdrawn at the end. Returns whether the guest was running
     * before (the caller decides what becomes of it on success).
     *
     * @param what what the file is, for errors ("save image", "core dump")
     */
    static boolean write(DomainObj d, DomainMonitor mon, QemuProcess proc, Path file, StateReason paused, boolean live,
                         String what, Writer writer) {
        DomainStatus before = d.status();
        boolean wasRunning = before.state() == DomainState.RUNNING;
        if (wasRunning && !live) {
            mon.stop();
            d.setStatus(DomainStatus.of(paused));
        }
        Path tmp = file.resolveSibling("." + file.getFileName() + ".jvirt-part");
        try {
            Files.deleteIfExists(tmp);
            writer.write(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ch.force(true);
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return wasRunning;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the write failed already; its error is the one to report
            }
            if (wasRunning && proc.isAlive()) {
                mon.cont(); // a completed migration stream leaves QEMU paused too
                d.setStatus(before);
            }
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot write " + what + " '" + file + "': " + e.getMessage(), e);
        } finally {
            d.setProgress(null);
        }
    }
}
