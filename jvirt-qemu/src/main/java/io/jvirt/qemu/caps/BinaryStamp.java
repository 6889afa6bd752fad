package io.jvirt.qemu.caps;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;

/**
 * What cached capabilities depend on: the binary's mtime, ctime and size (any rebuild, package
 * upgrade, copy or chmod changes one of them), plus the host's KVM device and kernel release
 * (the KVM verdict depends on those). Cached capabilities are used only while the stamp is equal.
 */
record BinaryStamp(long mtimeNs, long ctimeNs, long size, String kvmDevice, String kernel) {
    private static final Path DEV_KVM = Path.of("/dev/kvm");
    private static final Path OSRELEASE = Path.of("/proc/sys/kernel/osrelease");

    /** The running kernel's release cannot change without a reboot: read once. */
    private static final String KERNEL = readKernel();

    static BinaryStamp of(Path binary) throws IOException {
        // one stat for all three
        Map<String, Object> a = Files.readAttributes(binary, "unix:lastModifiedTime,ctime,size");
        return new BinaryStamp(nanos((FileTime) a.get("lastModifiedTime")), nanos((FileTime) a.get("ctime")),
                (Long) a.get("size"), readKvmDevice(), KERNEL);
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

    // written out: the record's generated equals goes through a method handle chain, slow in
    // jvirtd's C1-only JIT, and the cache compares stamps on every lookup
    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryStamp s && mtimeNs == s.mtimeNs && ctimeNs == s.ctimeNs && size == s.size
                && java.util.Objects.equals(kvmDevice, s.kvmDevice) && java.util.Objects.equals(kernel, s.kernel);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(mtimeNs, ctimeNs, size, kvmDevice, kernel);
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
