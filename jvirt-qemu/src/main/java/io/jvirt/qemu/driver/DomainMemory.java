package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.conf.ByteSize;
import io.jvirt.conf.DomainDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** setmem / setmaxmem (balloon and config) and dommemstat. */
final class DomainMemory {
    private final QemuDriver driver;

    DomainMemory(QemuDriver driver) {
        this.driver = driver;
    }

    void setMemory(DomainObj d, long kib, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG | Flags.Memory.MAXIMUM, "qemuDomainSetMemoryFlags");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "setmem", QemuDriver.JOB_WAIT)) {
            boolean[] target = Affect.resolve(d, flags);
            boolean live = target[0];
            boolean config = target[1];
            boolean maximum = (flags & Flags.Memory.MAXIMUM) != 0;
            if (kib <= 0) {
                throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "memory size must be positive");
            }
            if (maximum && live) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "cannot resize the maximum memory on an active domain");
            }
            DomainDef persistent = d.persistentDef();
            if (config) {
                long max = maximum ? kib : persistent.memory().memory().kib();
                if (!maximum && kib > max) {
                    throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                            "cannot set memory higher than max memory");
                }
            }
            if (live) {
                DomainDef cur = d.liveDef();
                if (kib > cur.memory().memory().kib()) {
                    throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                            "cannot set memory higher than max memory");
                }
                var balloon = cur.devices().memballoon();
                if (balloon == null || balloon.model().equals("none")) {
                    throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                            "Unable to change memory of active domain without the balloon device and guest OS balloon driver");
                }
                DomainStopper.monitorOf(d).balloon(kib * 1024);
                d.setLiveDef(cur.withMemory(cur.memory().withCurrentMemory(ByteSize.ofKiB(kib))));
                driver.status.save(d);
            }
            if (config) {
                var mem = persistent.memory();
                var newMem = maximum
                        ? mem.withMemory(ByteSize.ofKiB(kib)).withCurrentMemory(
                                ByteSize.ofKiB(Math.min(kib, mem.currentMemory() == null ? kib : mem.currentMemory().kib())))
                        : mem.withCurrentMemory(ByteSize.ofKiB(kib));
                DomainDef updated = persistent.withMemory(newMem);
                driver.configs.save(updated);
                d.setPersistentDef(updated);
            }
        }
    }

    Map<String, Long> stats(DomainObj d) {
        var proc = DomainStopper.requireRunning(d);
        Map<String, Long> out = new LinkedHashMap<>();
        DomainDef live = d.liveDef();
        var balloon = live.devices().memballoon();
        if (balloon != null && !balloon.model().equals("none") && d.monitor() != null) {
            out.put("actual", DomainStopper.monitorOf(d).balloonActualBytes() / 1024);
        } else {
            out.put("actual", live.memory().memory().kib());
        }
        long rss = rssKiB(proc.pid());
        if (rss >= 0) {
            out.put("rss", rss);
        }
        return out;
    }

    static long rssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    /** libvirt's VIR_DOMAIN_AFFECT_* resolution: {live, config}. */
    static final class Affect {
        private Affect() {
        }

        static boolean[] resolve(DomainObj d, int flags) {
            boolean live = (flags & Flags.Affect.LIVE) != 0;
            boolean config = (flags & Flags.Affect.CONFIG) != 0;
            if (!live && !config) {
                if (d.isActive()) {
                    live = true;
                } else {
                    config = true;
                }
            }
            if (live && !d.isActive()) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "domain is not running");
            }
            if (config && !d.isPersistent()) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "cannot change persistent config of a transient domain");
            }
            return new boolean[] {live, config};
        }
    }
}
