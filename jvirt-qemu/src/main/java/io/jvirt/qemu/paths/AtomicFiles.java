package io.jvirt.qemu.paths;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/** Writes files so that a reader (or a crash) sees either the old or the new content, never half. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /**
     * Writes {@code content} to a temp file beside {@code target}, fsyncs it, renames it over. The
     * durability is libvirt's (virFileRewrite: fsync of the new file, then rename): after a crash
     * the file holds the old or the new content, whole. The directory is not fsynced (that would be
     * a second journal commit per write; libvirt 9.0 does not do it either), so a rename just
     * before a crash may be lost, leaving the old content.
     */
    public static void write(Path target, String content) {
        write(target, content, false);
    }

    /** As {@link #write(Path, String)}; {@code ownerOnly} creates the file with mode 0600 (secrets). */
    public static void write(Path target, String content, boolean ownerOnly) {
        Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp" + ProcessHandle.current().pid()
                + "-" + Thread.currentThread().threadId());
        try {
            java.util.Set<java.nio.file.OpenOption> opts = java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            java.nio.file.attribute.FileAttribute<?>[] attrs = ownerOnly
                    ? new java.nio.file.attribute.FileAttribute<?>[] {java.nio.file.attribute.PosixFilePermissions
                            .asFileAttribute(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"))}
                    : new java.nio.file.attribute.FileAttribute<?>[0];
            Files.deleteIfExists(tmp);
            try (FileChannel ch = FileChannel.open(tmp, opts, attrs)) {
                ByteBuffer buf = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // report the write failure
            }
            throw new SystemException(ErrorNumber.WRITE_FAILED, ErrorDomain.QEMU,
                    "cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a file if present, reporting failures as libvirt errors. */
    public static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot delete " + p + ": " + e.getMessage(), e);
        }
    }
}
