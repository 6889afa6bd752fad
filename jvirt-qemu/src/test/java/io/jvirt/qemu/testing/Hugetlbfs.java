package io.jvirt.qemu.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A hugetlbfs of 2 MiB pages mounted for one test (as root) with {@code pages} more pages
 * reserved in the kernel's pool; {@link #close()} unmounts it and gives the pages back.
 */
public final class Hugetlbfs implements AutoCloseable {
    private static final Path POOL = Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages");
    private static final Path FREE = Path.of("/sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages");
    private final Path mountPoint;
    private final long before;

    private Hugetlbfs(Path mountPoint, long before) {
        this.mountPoint = mountPoint;
        this.before = before;
    }

    /** Mounts a hugetlbfs with 2 MiB pages at {@code dir} and grows the pool by {@code pages}. */
    public static Hugetlbfs mount(Path dir, int pages) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        long before = read(POOL);
        Files.writeString(POOL, Long.toString(before + pages));
        if (read(POOL) < before + pages) {
            Files.writeString(POOL, Long.toString(before));
            throw new IllegalStateException("the kernel could not reserve " + pages + " huge pages of 2 MiB");
        }
        run(List.of("mount", "-t", "hugetlbfs", "-o", "pagesize=2M", "jvirt-test", dir.toString()));
        return new Hugetlbfs(dir, before);
    }

    /** The free 2 MiB pages of the host now. */
    public static long free() throws IOException {
        return read(FREE);
    }

    public Path path() {
        return mountPoint;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run(List.of("umount", mountPoint.toString()));
        Files.writeString(POOL, Long.toString(before));
    }

    private static long read(Path p) throws IOException {
        return Long.parseLong(Files.readString(p).strip());
    }

    private static void run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
        }
    }
}
