package io.jvirt.qemu.driver;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Host block devices as cgroups name them ({@code MAJOR:MINOR}). */
final class BlockDevices {
    private static final int S_IFMT = 0170000;
    private static final int S_IFBLK = 0060000;

    private BlockDevices() {
    }

    /** {@code path}'s device number as "major:minor"; it must be a block device. */
    static String majMin(Path path) {
        try {
            int mode = (Integer) Files.getAttribute(path, "unix:mode");
            if ((mode & S_IFMT) != S_IFBLK) {
                throw notBlock(path);
            }
            return DeviceAcl.majMin((Long) Files.getAttribute(path, "unix:rdev"));
        } catch (IOException e) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "Path '" + path + "' must be a block device: " + e.getMessage());
        }
    }

    private static InvalidArgException notBlock(Path path) {
        return new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                "Path '" + path + "' must be a block device");
    }
}
