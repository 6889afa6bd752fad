package io.jvirt.qemu.driver;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.CpuSet;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.MemoryBackingDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.command.MemoryCommandLine;
import io.jvirt.qemu.util.Rollback;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Guest RAM on huge pages ({@code <memoryBacking><hugepages>}): each RAM backend (the system RAM,
 * or each guest NUMA cell) gets the page size its {@code <page>} gives (a page without nodeset is
 * the default, no {@code <page>} at all means the host's default size) and a directory of its own
 * on a hugetlbfs mounted with that size: {@code MOUNT/jvirt/TAGID-NAME}, where QEMU creates and
 * at once unlinks its file. The mounts are qemu.conf's {@code hugetlbfs_mount}, else every
 * hugetlbfs in /proc/mounts. Before QEMU runs, a guest whose pages are preallocated (always, but
 * for {@code <allocation mode='ondemand'>}) is refused when the host has too few free pages of
 * that size, rather than failing inside QEMU.
 */
final class HugepageBacking {
    private static final System.Logger LOG = System.getLogger(HugepageBacking.class.getName());
    private final List<String> configured;
    private final String tag;

    HugepageBacking(List<String> configured, String tag) {
        this.configured = List.copyOf(configured);
        this.tag = tag;
    }

    record Mount(Path path, long pageKiB) {
    }

    /** A RAM backend on huge pages: its QOM id, its size and its page size. */
    record Backend(String id, ByteSize size, long pageKiB) {
    }

    /** Define-time rules: page sizes are powers of two of at least 4 KiB, their nodesets name guest NUMA cells. */
    static void validate(DomainDef def) {
        MemoryBackingDef b = def.memory().backing();
        if (!b.hugepages()) {
            return;
        }
        if ("memfd".equals(b.sourceType())) {
            throw unsupported("<memoryBacking><hugepages> with <source type='memfd'> is not supported by this driver;"
                    + " use the default (file) source");
        }
        int cells = Math.max(1, def.cpu().numa().size());
        boolean fallback = false;
        for (MemoryBackingDef.Page p : b.pages()) {
            if (p.size() != null && (p.size().kib() < 4 || Long.bitCount(p.size().kib()) != 1)) {
                throw unsupported("<memoryBacking><hugepages><page size='" + p.size().kib()
                        + "' unit='KiB'>: not a huge page size");
            }
            if (p.nodeset() == null) {
                if (fallback) {
                    throw unsupported("<memoryBacking><hugepages>: more than one <page> without nodeset");
                }
                fallback = true;
            } else {
                int last = CpuSet.parse(p.nodeset()).length() - 1;
                if (last >= cells) {
                    throw unsupported("hugepages: node " + last + " not found");
                }
            }
        }
    }

    /** The directories QEMU's RAM backends take their huge pages from, by backend id; created now. */
    Map<String, Path> prepare(DomainDef def, int id, Rollback rb) {
        List<Backend> sizes = backends(def);
        if (sizes.isEmpty()) {
            return Map.of();
        }
        Map<String, Path> dirs = dirs(def, id, sizes);
        if (!"ondemand".equals(def.memory().backing().allocationMode())) {
            checkFree(sizes);
        }
        for (Path d : new java.util.LinkedHashSet<>(dirs.values())) {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "cannot create the huge page directory " + d + ": " + e.getMessage());
            }
            rb.add(() -> remove(d));
        }
        return dirs;
    }

    /** What {@link #prepare} would give, nothing created (domxml-to-native). */
    Map<String, Path> preview(DomainDef def, int id) {
        List<Backend> sizes = backends(def);
        return sizes.isEmpty() ? Map.of() : dirs(def, id, sizes);
    }

    /** Removes the directories of a guest that has stopped; a failure is logged, not thrown. */
    void release(DomainDef def, int id) {
        if (!def.memory().backing().hugepages()) {
            return;
        }
        for (Mount m : mounts()) {
            remove(dir(m, def, id));
        }
    }

    private Map<String, Path> dirs(DomainDef def, int id, List<Backend> backends) {
        List<Mount> mounts = mounts();
        Map<String, Path> out = new LinkedHashMap<>();
        for (Backend b : backends) {
            Mount m = mounts.stream().filter(x -> x.pageKiB() == b.pageKiB()).findFirst().orElseThrow(() ->
                    unsupported("<memoryBacking><hugepages>: no hugetlbfs is mounted with page size " + b.pageKiB()
                            + " KiB on this host"
                            + (configured.isEmpty() ? "" : " (qemu.conf hugetlbfs_mount: " + configured + ")")));
            out.put(b.id(), dir(m, def, id));
        }
        return out;
    }

    private Path dir(Mount m, DomainDef def, int id) {
        return m.path().resolve("jvirt").resolve(tag + id + "-" + def.name());
    }

    /** The RAM backends that are on huge pages. */
    static List<Backend> backends(DomainDef def) {
        MemoryBackingDef b = def.memory().backing();
        List<Backend> out = new ArrayList<>();
        if (!b.hugepages()) {
            return out;
        }
        var cells = def.cpu().numa();
        for (int i = 0; i < Math.max(1, cells.size()); i++) {
            Long kib = pageKiB(b, i);
            if (kib != null) {
                out.add(cells.isEmpty() ? new Backend(MemoryCommandLine.SYSTEM_RAM, def.memory().memory(), kib)
                        : new Backend(MemoryCommandLine.cellBackendId(i), cells.get(i).memory(), kib));
            }
        }
        return out;
    }

    private static Long pageKiB(MemoryBackingDef b, int cell) {
        if (b.pages().isEmpty()) {
            return defaultPageKiB();
        }
        Long fallback = null;
        for (MemoryBackingDef.Page p : b.pages()) {
            long kib = p.size() == null ? defaultPageKiB() : p.size().kib();
            if (p.nodeset() == null) {
                fallback = kib;
            } else if (CpuSet.parse(p.nodeset()).get(cell)) {
                return kib;
            }
        }
        return fallback;
    }

    private static void checkFree(List<Backend> backends) {
        Map<Long, Long> needed = new LinkedHashMap<>();
        for (Backend b : backends) {
            long kib = b.pageKiB();
            long bytes = b.size().bytes();
            if (bytes % (kib * 1024) != 0) {
                throw unsupported("memory of " + bytes / 1024 + " KiB is not a multiple of the huge page size "
                        + kib + " KiB");
            }
            needed.merge(kib, bytes / (kib * 1024), Long::sum);
        }
        needed.forEach((kib, pages) -> {
            Path f = Path.of("/sys/kernel/mm/hugepages/hugepages-" + kib + "kB/free_hugepages");
            long free;
            try {
                free = Long.parseLong(Files.readString(f).strip());
            } catch (IOException | NumberFormatException e) {
                free = 0;
            }
            if (free < pages) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "not enough free "
                        + kib + " KiB huge pages: the guest needs " + pages + ", the host has " + free + " free ("
                        + f + ")");
            }
        });
    }

    /** The usable hugetlbfs mounts: the configured ones (each must be a hugetlbfs), else all of them. */
    List<Mount> mounts() {
        List<Mount> all = hostMounts();
        if (configured.isEmpty()) {
            return all;
        }
        List<Mount> out = new ArrayList<>();
        for (String c : configured) {
            Mount m = all.stream().filter(x -> x.path().equals(Path.of(c))).findFirst().orElseThrow(() -> unsupported(
                    "qemu.conf hugetlbfs_mount: '" + c + "' is not a mounted hugetlbfs"));
            out.add(m);
        }
        return out;
    }

    /** Every hugetlbfs in /proc/mounts with its page size (the host's default when the mount names none). */
    static List<Mount> hostMounts() {
        List<Mount> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length < 4 || !f[2].equals("hugetlbfs")) {
                    continue;
                }
                Long kib = defaultPageKiB();
                for (String opt : f[3].split(",")) {
                    if (opt.startsWith("pagesize=")) {
                        kib = ByteSize.parse(opt.substring(9, opt.length() - 1), opt.substring(opt.length() - 1)
                                + "iB", "KiB", "hugetlbfs pagesize").kib();
                    }
                }
                if (kib != null) {
                    out.add(new Mount(Path.of(f[1].replace("\\040", " ")), kib));
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** The host's default huge page size in KiB, or null when it has none. */
    static Long defaultPageKiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Hugepagesize:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no huge pages on this host
        }
        return null;
    }

    private static void remove(Path d) {
        if (!Files.isDirectory(d)) {
            return;
        }
        try (Stream<Path> s = Files.list(d)) {
            for (Path f : s.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(d);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot remove the huge page directory {0}: {1}", d, e.getMessage());
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
