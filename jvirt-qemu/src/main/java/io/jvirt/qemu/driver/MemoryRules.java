package io.jvirt.qemu.driver;

import io.jvirt.conf.ByteSize;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.MemoryBackingDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What QEMU and this host can do with guest memory: huge pages need a hugetlbfs mounted with that
 * page size (none is refused clearly; backing guest RAM by one is not built yet), memory hotplug
 * ({@code <maxMemory>}) needs guest NUMA as on x86 in libvirt, and the NUMA cells' vCPUs must
 * exist.
 */
final class MemoryRules {
    private MemoryRules() {
    }

    static void validate(DomainDef def) {
        MemoryBackingDef b = def.memory().backing();
        if (b.hugepages()) {
            List<ByteSize> sizes = new ArrayList<>();
            b.pages().forEach(p -> sizes.add(p.size()));
            if (sizes.isEmpty()) {
                sizes.add(defaultHugepageSize());
            }
            List<Mount> mounts = hugetlbfsMounts();
            for (ByteSize s : sizes) {
                if (mounts.stream().noneMatch(m -> java.util.Objects.equals(m.pageSize(), s))) {
                    throw unsupported("<memoryBacking><hugepages>: no hugetlbfs is mounted with page size "
                            + (s == null ? "(unknown)" : s.kib() + " KiB") + " on this host");
                }
            }
            throw unsupported("<memoryBacking><hugepages> (guest RAM on hugetlbfs) is not supported by this driver yet");
        }
        if (def.memory().maxMemory() != null && def.cpu().numa().isEmpty()) {
            throw unsupported("At least one numa node has to be configured when enabling memory hotplug");
        }
        if (def.memory().maxMemory() != null && def.memory().maxSlots() == null) {
            throw unsupported("<maxMemory> needs a 'slots' attribute");
        }
        int vcpus = def.vcpu().max();
        for (var cell : def.cpu().numa()) {
            if (cell.cpus() != null) {
                for (String r : io.jvirt.qemu.command.MemoryCommandLine.ranges(cell.cpus())) {
                    int hi = Integer.parseInt(r.contains("-") ? r.substring(r.indexOf('-') + 1) : r);
                    if (hi >= vcpus) {
                        throw unsupported("Number of CPUs in <numa> exceeds the <vcpu> count");
                    }
                }
            }
        }
        var balloon = def.devices().memballoon();
        if (balloon != null && balloon.model().equals("none")
                && (balloon.autodeflate() != null || balloon.freePageReporting() != null)) {
            throw unsupported("memballoon autodeflate/freePageReporting need a virtio memballoon");
        }
    }

    record Mount(Path path, ByteSize pageSize) {
    }

    /** The hugetlbfs mounts of this host with their page sizes (the default size when none is given). */
    static List<Mount> hugetlbfsMounts() {
        List<Mount> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
                String[] f = line.split(" ");
                if (f.length < 4 || !f[2].equals("hugetlbfs")) {
                    continue;
                }
                ByteSize size = defaultHugepageSize();
                for (String opt : f[3].split(",")) {
                    if (opt.startsWith("pagesize=")) {
                        size = ByteSize.parse(opt.substring(9, opt.length() - 1), opt.substring(opt.length() - 1) + "iB",
                                "KiB", "hugetlbfs pagesize");
                    }
                }
                out.add(new Mount(Path.of(f[1]), size));
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    private static ByteSize defaultHugepageSize() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("Hugepagesize:")) {
                    return ByteSize.ofKiB(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // no huge pages on this host
        }
        return null;
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
