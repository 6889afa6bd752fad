package io.jvirt.qemu.caps;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The on-disk form of one binary's capabilities: a small line-oriented text file, one record per
 * line, fields separated by tabs, so that reading it back costs a few milliseconds (no XML or
 * JSON machinery on the cached path).
 *
 * <pre>
 * jvirt-qemu-caps  FORMAT
 * binary   PATH
 * stamp    MTIME_NS  CTIME_NS  SIZE  KVM_DEVICE  KERNEL
 * version  NUMBER    PACKAGE
 * arch     ARCH
 * kvm      PRESENT(0|1)  USABLE(0|1)  STAGES  REASON
 * machine  NAME  ALIAS|-  DEFAULT(0|1)  MAX_CPUS  DEPRECATED(0|1)
 * cpu      NAME  USABLE(0|1)  DEPRECATED(0|1)
 * device   NAME
 * hostcpu  MODEL  VENDOR|-
 * hostfeature  require|disable  NAME
 * </pre>
 */
final class CapsFile {
    /** Bumped whenever the probe or this format changes: older files are probed again. */
    static final int FORMAT = 2;
    private static final String MAGIC = "jvirt-qemu-caps";

    private CapsFile() {
    }

    record Stamped(BinaryStamp stamp, QemuCaps caps) {
    }

    static String format(BinaryStamp stamp, QemuCaps c) {
        StringBuilder sb = new StringBuilder();
        line(sb, MAGIC, Integer.toString(FORMAT));
        line(sb, "binary", c.binary());
        sb.append("stamp\t").append(stamp.format()).append('\n');
        line(sb, "version", Long.toString(c.version()), c.packageVersion());
        line(sb, "arch", c.arch());
        line(sb, "kvm", bit(c.kvmPresent()), bit(c.kvm().usable()), c.kvm().stages(), c.kvm().reason());
        for (QemuCaps.Machine m : c.machines()) {
            line(sb, "machine", m.name(), m.alias() == null ? "-" : m.alias(), bit(m.isDefault()),
                    Integer.toString(m.maxCpus()), bit(m.deprecated()));
        }
        for (QemuCaps.CpuModel m : c.cpuModels()) {
            line(sb, "cpu", m.name(), bit(m.usable()), bit(m.deprecated()));
        }
        for (String d : c.deviceTypes()) {
            line(sb, "device", d);
        }
        HostCpuModel h = c.hostCpu();
        if (h != null) {
            line(sb, "hostcpu", h.model(), h.vendor() == null ? "-" : h.vendor());
            h.require().forEach(f -> line(sb, "hostfeature", "require", f));
            h.disable().forEach(f -> line(sb, "hostfeature", "disable", f));
        }
        return sb.toString();
    }

    /**
     * Parses a file written by {@link #format}; null when it is from another format version or
     * damaged in any way (the caller then probes again).
     */
    static Stamped parse(String text) {
        try {
            String[] lines = text.split("\n");
            String[] head = lines[0].split("\t", -1);
            if (!head[0].equals(MAGIC) || Integer.parseInt(head[1]) != FORMAT) {
                return null;
            }
            String binary = null;
            BinaryStamp stamp = null;
            long version = -1;
            String pkg = "";
            String arch = null;
            boolean present = false;
            KvmVerdict kvm = null;
            List<QemuCaps.Machine> machines = new ArrayList<>();
            List<QemuCaps.CpuModel> cpus = new ArrayList<>();
            Set<String> devices = new TreeSet<>();
            String hostModel = null;
            String hostVendor = null;
            List<String> require = new ArrayList<>();
            List<String> disable = new ArrayList<>();
            for (int i = 1; i < lines.length; i++) {
                String[] f = lines[i].split("\t", -1);
                switch (f[0]) {
                    case "binary" -> binary = f[1];
                    case "stamp" -> stamp = BinaryStamp.parse(f, 1);
                    case "version" -> {
                        version = Long.parseLong(f[1]);
                        pkg = f[2];
                    }
                    case "arch" -> arch = f[1];
                    case "kvm" -> {
                        present = f[1].equals("1");
                        kvm = new KvmVerdict(f[2].equals("1"), f[3], f[4]);
                    }
                    case "machine" -> machines.add(new QemuCaps.Machine(f[1], f[2].equals("-") ? null : f[2],
                            f[3].equals("1"), Integer.parseInt(f[4]), f[5].equals("1")));
                    case "cpu" -> cpus.add(new QemuCaps.CpuModel(f[1], f[2].equals("1"), f[3].equals("1")));
                    case "device" -> devices.add(f[1]);
                    case "hostcpu" -> {
                        hostModel = f[1];
                        hostVendor = f[2].equals("-") ? null : f[2];
                    }
                    case "hostfeature" -> (f[1].equals("require") ? require : disable).add(f[2]);
                    default -> {
                        return null;
                    }
                }
            }
            if (binary == null || stamp == null || version < 0 || arch == null || kvm == null) {
                return null;
            }
            HostCpuModel host = hostModel == null ? null : new HostCpuModel(hostModel, hostVendor, require, disable);
            return new Stamped(stamp, new QemuCaps(binary, version, pkg, arch, machines, cpus, devices, present, kvm,
                    host));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static void line(StringBuilder sb, String... fields) {
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                sb.append('\t');
            }
            sb.append(fields[i].replace('\t', ' ').replace('\n', ' ').replace('\r', ' '));
        }
        sb.append('\n');
    }

    private static String bit(boolean b) {
        return b ? "1" : "0";
    }
}
