package io.jvirt.qemu.driver;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.domain.DomainObj;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Guest memory dumps written by the driver itself: on_crash='coredump-destroy|coredump-restart'
 * dumps a panicked guest into the auto dump directory (qemu.conf auto_dump_path, by default the
 * driver's lib directory's {@code dump}) as {@code ID-NAME-YYYY-MM-DD-HH:MM:SS}, an ELF core of
 * guest memory. QEMU writes it under a hidden temporary name that is renamed only once the dump
 * has completed, so a dump that fails leaves nothing behind.
 */
final class GuestDumps {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH:mm:ss");
    private final QemuDriver driver;

    GuestDumps(QemuDriver driver) {
        this.driver = driver;
    }

    /** The directory crash dumps go to. */
    Path directory() {
        String conf = driver.settings.autoDumpPath();
        return conf != null ? Path.of(conf) : driver.paths.libDir().resolve("dump");
    }

    /** Dumps the memory of running domain {@code d} into {@link #directory()}; returns the file. */
    Path crashDump(DomainObj d) {
        String base = d.id() + "-" + d.ref().name() + "-" + LocalDateTime.now().format(STAMP);
        Path dir = directory();
        Path file = dir.resolve(base);
        Path part = dir.resolve("." + base + ".part");
        try {
            Files.createDirectories(dir);
            DomainStopper.monitorOf(d).dumpGuestMemory(part);
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE);
            return file;
        } catch (IOException e) {
            deleteQuietly(part);
            throw new OperationFailedException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                    "cannot write the crash dump of domain '" + d.ref().name() + "' to " + file + ": " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(part);
            throw e;
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // nothing more to do: the dump failed already
        }
    }
}
