package io.jvirt.qemu.driver;

import io.jvirt.conf.CpuSet;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.conf.VcpuDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code placement='auto'}: as libvirt does, numad is asked at start where a guest of this many
 * vCPUs and this much memory fits ({@code numad -w VCPUS:MIB}, which answers with a nodeset and
 * exits). The guest then starts as if its {@code <numatune><memory>} had that nodeset (memory
 * policy and cpuset.mems) and, when the vCPUs' placement is auto too, as if {@code <vcpu cpuset>}
 * were the CPUs of those nodes. The guest's XML keeps {@code placement='auto'} without the
 * nodeset, as libvirt's does. No numad on the host fails the start before QEMU runs.
 */
final class NumaPlacement {
    static final Path NUMAD = Path.of("/usr/bin/numad");
    private static final long TIMEOUT_SECONDS = 30;

    private NumaPlacement() {
    }

    static boolean wanted(DomainDef def) {
        return "auto".equals(def.vcpu().placement()) || "auto".equals(def.tuning().numatune().placement());
    }

    /** {@code def} with numad's nodeset (and its CPUs) filled in where the placement is auto. */
    static DomainDef resolve(DomainDef def) {
        return apply(def, advise(def));
    }

    /** numad's nodeset for {@code def}, or null when nothing in it is placed automatically. */
    static String advise(DomainDef def) {
        return wanted(def) ? advice(def.vcpu().max(), Math.max(1, def.memory().memory().kib() / 1024)) : null;
    }

    /**
     * {@code def} with the nodeset {@code nodes} (and its CPUs) filled in where the placement is
     * auto; {@code def} itself when {@code nodes} is null (nothing placed, or a guest adopted from
     * a status file that recorded no nodeset).
     */
    static DomainDef apply(DomainDef def, String nodes) {
        if (nodes == null || !wanted(def)) {
            return def;
        }
        TuningDef.Numatune n = def.tuning().numatune();
        DomainDef out = def;
        if ("auto".equals(n.placement())) {
            out = out.withTuning(out.tuning().withNumatune(new TuningDef.Numatune(n.mode(), nodes, n.placement(),
                    n.memnodes())));
        }
        VcpuDef v = def.vcpu();
        if ("auto".equals(v.placement())) {
            out = out.withVcpu(new VcpuDef(v.max(), v.current(), v.placement(), cpusOf(nodes)));
        }
        return out;
    }

    /** numad's nodeset for a guest of {@code vcpus} vCPUs and {@code mib} MiB. */
    static String advice(int vcpus, long mib) {
        if (!Files.isExecutable(NUMAD)) {
            throw new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU,
                    "placement 'auto' needs numad, which is not installed on this host (" + NUMAD + ")");
        }
        List<String> cmd = List.of(NUMAD.toString(), "-w", vcpus + ":" + mib);
        String out;
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw failed(String.join(" ", cmd) + " gave no answer within " + TIMEOUT_SECONDS + " s");
            }
            out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (p.exitValue() != 0) {
                throw failed(String.join(" ", cmd) + " exited with " + p.exitValue() + ": " + out);
            }
        } catch (IOException e) {
            throw failed("cannot run " + NUMAD + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while waiting for numad");
        }
        String last = out.lines().reduce((a, b) -> b).orElse("");
        try {
            if (CpuSet.parse(last).isEmpty()) {
                throw failed("numad advised no NUMA node: '" + out + "'");
            }
        } catch (IllegalArgumentException e) {
            throw failed("numad's advice is not a nodeset: '" + out + "'");
        }
        return last;
    }

    /** The host CPUs of the NUMA nodes {@code nodeset} (sysfs; every online CPU when sysfs has no nodes). */
    static String cpusOf(String nodeset) {
        BitSet cpus = new BitSet();
        for (int node : CpuSet.parse(nodeset).stream().toArray()) {
            Path list = Path.of("/sys/devices/system/node/node" + node + "/cpulist");
            try {
                cpus.or(CpuSet.parse(Files.readString(list).strip()));
            } catch (IOException | IllegalArgumentException e) {
                return CpuSet.format(CpuPinning.onlineCpus());
            }
        }
        return CpuSet.format(cpus);
    }

    private static OperationFailedException failed(String msg) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, msg);
    }
}
