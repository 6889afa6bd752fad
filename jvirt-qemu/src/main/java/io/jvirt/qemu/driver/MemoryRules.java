package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;


/**
 * What QEMU can do with guest memory: huge page settings ({@link HugepageBacking}), memory hotplug
 * ({@code <maxMemory>}) needs guest NUMA as on x86 in libvirt, and the NUMA cells' vCPUs must
 * exist.
 */
final class MemoryRules {
    private MemoryRules() {
    }

    static void validate(DomainDef def) {
        HugepageBacking.validate(def);
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

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
