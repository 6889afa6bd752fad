package io.jvirt.qemu.caps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;

/**
 * What cached capabilities depend on: the binary's mtime, ctime and size (any rebuild, package
 * upgrade, copy or chmod changes one of them), plus the host's KVM device and kernel release
 * (the KVM verdict depends on those). Cached capabilities are used only while the stamp is equal.
 */
record BinaryStamp(long mtimeNs, long ctimeNs, long size, String kvmDevice, String kernel) {
    private static final Path DEV_KVM = Path.of("/dev/kvm");
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    static BinaryStamp of(Path binary) throws IOException {
        BasicFileAttributes a = Files.readAttributes(binary, BasicFileAttributes.class);
        FileTime ctime = (FileTime) Files.getAttribute(binary, "unix:ctime");
        return new BinaryStamp(nanos(a.lastModifiedTime()), nanos(ctime), a.size(), readKvmDevice(), readKernel());
    }

    private static long nanos(FileTime t) {
        return t.to(java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private static String readKvmDevice() {
        try {
            return "ctime:" + nanos((FileTime) Files.getAttribute(DEV_KVM, "unix:ctime"));
        } catch (IOException | UnsupportedOperationException e) {
            return "absent";
        }
    }

    private static String readKernel() {
        try {
            return Files.readString(OSRELEASE).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One line, tab-separated, for {@link CapsFile}. */
    String format() {
        return mtimeNs + "\t" + ctimeNs + "\t" + size + "\t" + kvmDevice + "\t" + kernel;
    }

    static BinaryStamp parse(String[] f, int from) {
        return new BinaryStamp(Long.parseLong(f[from]), Long.parseLong(f[from + 1]), Long.parseLong(f[from + 2]),
                f[from + 3], f[from + 4]);
    }
}
