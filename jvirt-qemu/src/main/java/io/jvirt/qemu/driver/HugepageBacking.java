package io.jvirt.qemu.driver;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.CpuSet;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.MemoryBackingDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.qemu.command.MemoryCommandLine;
import io.jvirt.qemu.command.MemoryDeviceCommandLine;
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
 * that size, rather than failing inside QEMU. With {@code <source type='memfd'>} QEMU takes the
 * pages with memfd_create (hugetlb, hugetlbsize) and no hugetlbfs is needed. dimm and virtio-mem
 * devices take huge pages too: their {@code <source><pagesize>}, else the domain's for their node.
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
        int cells = Math.max(1, def.cpu().numa().size());
        boolean fallback = false;
        for (MemoryBackingDef.Page p : b.pages()) {
            if (p.size() != null) {
                checkPageSize(p.size(), "<memoryBacking><hugepages><page size='" + p.size().kib() + "' unit='KiB'>");
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

    /** A page size is a power of two of at least 4 KiB. */
    static void checkPageSize(ByteSize size, String what) {
        if (size.kib() < 4 || Long.bitCount(size.kib()) != 1) {
            throw unsupported(what + ": not a huge page size");
        }
    }

    /**
     * Where QEMU's RAM backends on huge pages take them from, by backend id: the page size of
     * each, and the hugetlbfs directory of each file-backed one (all but memfd's).
     */
    record Layout(Map<String, Path> dirs, Map<String, Long> pageKiB) {
        static final Layout NONE = new Layout(Map.of(), Map.of());
    }

    /** The huge page layout of {@code def}'s backends; the directories are created now. */
    Layout prepare(DomainDef def, int id, Rollback rb) {
        List<Backend> sizes = backends(def);
        if (sizes.isEmpty()) {
            return Layout.NONE;
        }
        Layout layout = layout(def, id, sizes);
        if (!"ondemand".equals(def.memory().backing().allocationMode())) {
            checkFree(sizes);
        }
        Map<String, Path> dirs = layout.dirs();
        for (Path d : new java.util.LinkedHashSet<>(dirs.values())) {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "cannot create the huge page directory " + d + ": " + e.getMessage());
            }
            rb.add(() -> remove(d));
        }
        return layout;
    }

    /** What {@link #prepare} would give, nothing created (domxml-to-native). */
    Layout preview(DomainDef def, int id) {
        List<Backend> sizes = backends(def);
        return sizes.isEmpty() ? Layout.NONE : layout(def, id, sizes);
    }

    /** Removes the directories of a guest that has stopped; a failure is logged, not thrown. */
    void release(DomainDef def, int id) {
        if (backends(def).isEmpty() || "memfd".equals(def.memory().backing().sourceType())) {
            return;
        }
        for (Mount m : mounts()) {
            remove(dir(m, def, id));
        }
    }

    private Layout layout(DomainDef def, int id, List<Backend> backends) {
        Map<String, Long> kib = new LinkedHashMap<>();
        backends.forEach(b -> kib.put(b.id(), b.pageKiB()));
        if ("memfd".equals(def.memory().backing().sourceType())) {
            return new Layout(Map.of(), kib); // memfd_create takes huge pages itself: no hugetlbfs
        }
        List<Mount> mounts = mounts();
        Map<String, Path> out = new LinkedHashMap<>();
        for (Backend b : backends) {
            Mount m = mounts.stream().filter(x -> x.pageKiB() == b.pageKiB()).findFirst().orElseThrow(() ->
                    unsupported("<memoryBacking><hugepages>: no hugetlbfs is mounted with page size " + b.pageKiB()
                            + " KiB on this host"
                            + (configured.isEmpty() ? "" : " (qemu.conf hugetlbfs_mount: " + configured + ")")));
            out.put(b.id(), dir(m, def, id));
        }
        return new Layout(out, kib);
    }

    private Path dir(Mount m, DomainDef def, int id) {
        return m.path().resolve("jvirt").resolve(tag + id + "-" + def.name());
    }

    /**
     * The RAM backends that are on huge pages: the system RAM or each guest NUMA cell when the
     * domain has {@code <hugepages>}, and each dimm and virtio-mem device with a
     * {@code <source><pagesize>} or, else, the domain's page size for its target node.
     */
    static List<Backend> backends(DomainDef def) {
        MemoryBackingDef b = def.memory().backing();
        List<Backend> out = new ArrayList<>();
        var cells = def.cpu().numa();
        if (b.hugepages()) {
            for (int i = 0; i < Math.max(1, cells.size()); i++) {
                Long kib = pageKiB(b, i);
                if (kib != null) {
                    out.add(cells.isEmpty() ? new Backend(MemoryCommandLine.SYSTEM_RAM, def.memory().memory(), kib)
                            : new Backend(MemoryCommandLine.cellBackendId(i), cells.get(i).memory(), kib));
                }
            }
        }
        List<MemoryDeviceDef> devs = def.devices().of(MemoryDeviceDef.class);
        List<String> ids = MemoryDeviceCommandLine.backendIds(def);
        for (int i = 0; i < devs.size(); i++) {
            MemoryDeviceDef m = devs.get(i);
            if (MemoryDeviceCommandLine.fileBacked(m)) {
                continue; // nvdimm and virtio-pmem map their own file
            }
            Long kib = m.pagesize() != null ? Long.valueOf(m.pagesize().kib())
                    : b.hugepages() ? pageKiB(b, m.node() == null ? 0 : m.node()) : null;
            if (kib != null) {
                out.add(new Backend(ids.get(i), m.size(), kib));
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
