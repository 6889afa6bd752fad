package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.util.List;

/**
 * What the QEMU driver runs of {@code <memory model=...>} devices (jvirt-core has checked that
 * {@code <maxMemory>} and guest NUMA are there): they must fit in {@code <maxMemory>} and its slots,
 * file-backed models need their file, virtio-mem its block and requested sizes; a
 * {@code <source><pagesize>} (dimm and virtio-mem only) is a huge page size and a
 * {@code <nodemask>} a node list.
 */
final class MemoryDeviceRules {
    private MemoryDeviceRules() {
    }

    static void validate(DomainDef def) {
        List<MemoryDeviceDef> devs = def.devices().of(MemoryDeviceDef.class);
        if (devs.isEmpty()) {
            return;
        }
        var mem = def.memory();
        long total = def.cpu().numa().stream().mapToLong(c -> c.memory().bytes()).sum();
        long dimms = 0;
        for (MemoryDeviceDef m : devs) {
            String what = "memory device '" + m.model() + "': ";
            if (m.pagesize() != null) {
                if (io.jvirt.qemu.command.MemoryDeviceCommandLine.fileBacked(m)) {
                    throw unsupported(what + "<source><pagesize> applies to dimm and virtio-mem devices only");
                }
                HugepageBacking.checkPageSize(m.pagesize(), what + "<source><pagesize>" + m.pagesize().kib() + " KiB");
            }
            if (m.nodemask() != null) {
                try {
                    io.jvirt.conf.CpuSet.parse(m.nodemask());
                } catch (IllegalArgumentException e) {
                    throw unsupported(what + "<source><nodemask>: " + e.getMessage());
                }
            }
            if ((m.model().equals("nvdimm") || m.model().equals("virtio-pmem")) && m.sourcePath() == null) {
                throw unsupported(what + "a <source><path> is required");
            }
            if (m.model().equals("virtio-mem") && (m.block() == null || m.requested() == null)) {
                throw unsupported(what + "<target><block> and <requested> are required");
            }
            if (m.model().equals("dimm") || m.model().equals("nvdimm")) {
                dimms++;
            }
            total += m.size().bytes();
        }
        if (dimms > mem.maxSlots()) {
            throw unsupported("memory device count '" + dimms + "' exceeds slots count '" + mem.maxSlots() + "'");
        }
        if (total > mem.maxMemory().bytes()) {
            throw unsupported("Total size of memory devices exceeds the total memory size");
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
