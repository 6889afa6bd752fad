package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.command.BlockdevChain;
import io.jvirt.qemu.command.DiskSecrets;
import io.jvirt.qemu.util.Rollback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a start does for the disks before QEMU runs, each step undone by the {@link Rollback}:
 * <ul>
 * <li>{@code startupPolicy='optional'}: a cdrom or floppy whose local source is missing starts
 *     empty, and any other such disk is dropped from the live definition (libvirt 9.0's rule);
 *     mandatory and requisite sources must exist ({@link QemuValidator#validateForStart}).</li>
 * <li>a local qcow2 image's backing chain the XML leaves out is detected ({@link DiskChainProbe}).</li>
 * <li>{@code <transient/>}: a qcow2 overlay over the disk's image is created in the domain's
 *     private directory ({@code qemu-img create -b}); the guest writes go there and it goes away
 *     with the directory when the domain stops, so the image itself is never written.</li>
 * <li>secrets: a random master key is written (0600) to {@code master-key.aes} in the domain's
 *     0700 directory and every disk secret is encrypted under it ({@link DiskSecretResolver}).</li>
 * </ul>
 */
final class DiskStartup {
    static final String MASTER_KEY_FILE = "master-key.aes";
    private static final long QEMU_IMG_SECONDS = 60;

    private DiskStartup() {
    }

    /** The definition to run and the disks' secrets. */
    record Prepared(DomainDef def, DiskSecrets secrets) {
    }

    static Prepared prepare(DomainDef def, Path dir, SecretStore store, Rollback rb) {
        DomainDef run = DiskChainProbe.describeChains(applyStartupPolicy(def));
        for (DiskDef d : run.devices().disks()) {
            if (d.flags().transientDisk()) {
                createOverlay(d, BlockdevChain.transientOverlay(dir, d), rb);
            }
        }
        DiskSecrets secrets = DiskSecrets.NONE;
        if (DiskSecretResolver.needed(run)) {
            byte[] key = DiskSecretResolver.newMasterKey();
            Path keyFile = dir.resolve(MASTER_KEY_FILE);
            writePrivate(keyFile, key);
            rb.add(() -> io.jvirt.qemu.paths.AtomicFiles.delete(keyFile));
            secrets = DiskSecretResolver.resolve(run, store, key, keyFile);
            java.util.Arrays.fill(key, (byte) 0);
        }
        return new Prepared(run, secrets);
    }

    /** The secrets for domxml-to-native: encrypted under a key that is never written anywhere. */
    static DiskSecrets preview(DomainDef def, Path dir, SecretStore store) {
        byte[] key = DiskSecretResolver.newMasterKey();
        try {
            return DiskSecretResolver.resolve(def, store, key, dir.resolve(MASTER_KEY_FILE));
        } finally {
            java.util.Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether a disk's local source is missing and its startupPolicy lets the domain start without it. */
    static boolean optionalAndMissing(DiskDef d) {
        return "optional".equals(d.sourceDef().startupPolicy()) && d.source() != null
                && !d.type().equals("network") && !Files.exists(Path.of(d.source()));
    }

    static DomainDef applyStartupPolicy(DomainDef def) {
        List<DiskDef> disks = new ArrayList<>();
        boolean changed = false;
        for (DiskDef d : def.devices().disks()) {
            if (!optionalAndMissing(d)) {
                disks.add(d);
                continue;
            }
            changed = true;
            if (d.device().equals("cdrom") || d.device().equals("floppy")) {
                System.getLogger(DiskStartup.class.getName()).log(System.Logger.Level.INFO,
                        "ejecting media of disk '" + d.targetDev() + "': source '" + d.source() + "' is missing");
                disks.add(d.withSource(null));
            } else {
                System.getLogger(DiskStartup.class.getName()).log(System.Logger.Level.WARNING,
                        "dropping disk '" + d.targetDev() + "': source '" + d.source() + "' is missing");
            }
        }
        return changed ? def.withDevices(def.devices().withDisks(disks)) : def;
    }

    private static void createOverlay(DiskDef d, Path overlay, Rollback rb) {
        String format = d.format() == null ? "raw" : d.format();
        List<String> cmd = List.of("qemu-img", "create", "-q", "-f", "qcow2", "-F", format, "-b", d.source(),
                overlay.toString());
        try {
            Files.deleteIfExists(overlay);
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            rb.add(() -> io.jvirt.qemu.paths.AtomicFiles.delete(overlay));
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(QEMU_IMG_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failed("qemu-img timed out creating the overlay of transient disk '" + d.targetDev() + "'");
            }
            if (p.exitValue() != 0) {
                throw failed("cannot create the overlay of transient disk '" + d.targetDev() + "': " + out);
            }
        } catch (IOException e) {
            throw failed("cannot create the overlay of transient disk '" + d.targetDev() + "': " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted creating the overlay of transient disk '" + d.targetDev() + "'");
        }
    }

    private static void writePrivate(Path file, byte[] bytes) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, bytes, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failed("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static OperationFailedException failed(String msg) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, msg);
    }
}
