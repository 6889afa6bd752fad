package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.TuningDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.cgroup.CgroupMounts;
import io.jvirt.qemu.cgroup.DomainCgroup;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.qemu.util.Rollback;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Guests in cgroups, as libvirt places them: each running guest gets a group
 * ({@code /machine/qemu-ID-NAME.jvirt-qemu}; with a hash of the driver's state directory in it
 * for embedded and non-default roots, so two roots never share one) in every usable hierarchy,
 * QEMU joins it before it executes, and its emulator, vCPU and IOThread threads go to child
 * groups of the cpu hierarchy. {@code <memtune>}, {@code <blkiotune>}, {@code <cputune>}'s
 * shares and bandwidth and {@code <numatune>} strict/restrictive are written there. Without
 * usable cgroups (not root, not mounted, or left out of qemu.conf {@code cgroup_controllers})
 * guests run unconfined and a domain that asks for one of these fails to start, naming what is
 * missing.
 */
final class GuestCgroups {

    private static final System.Logger LOG = System.getLogger(GuestCgroups.class.getName());
    private final CgroupMounts mounts;
    private final String prefix;

    private final List<String> deviceAcl;

    /** {@code deviceAcl}: qemu.conf's cgroup_device_acl, or null for libvirt's default. */
    GuestCgroups(CgroupMounts mounts, DriverPaths paths, List<String> deviceAcl) {
        this.mounts = mounts;
        this.prefix = instanceTag(paths);
        this.deviceAcl = deviceAcl == null ? DeviceAcl.DEFAULT : List.copyOf(deviceAcl);
    }

    /**
     * What names a guest's host resources (cgroup, huge page directory) apart from those of other
     * drivers: "qemu-" for the default system instance, else a hash of the state directory
     * ("qemu-embed-HASH8-" for embedded roots), so two roots never clash.
     */
    static String instanceTag(DriverPaths paths) {
        boolean defaultSystem = paths.mode().equals("system")
                && paths.stateDir().equals(Path.of("/run/jvirt/qemu"));
        return defaultSystem ? "qemu-" : "qemu-" + (paths.mode().equals("embed") ? "embed-" : "")
                + hash(paths.stateDir().toString()) + "-";
    }

    boolean available(String controller) {
        return mounts.has(controller);
    }

    /** The group of the guest {@code name} running with {@code id}. */
    DomainCgroup group(DomainDef def, int id) {
        return DomainCgroup.of(mounts, def.tuning().resourcePartition(), prefix + id + "-" + def.name() + ".jvirt-qemu");
    }

    /** The group of a running guest when it has a {@code cpu} controller directory (threads can be placed). */
    java.util.Optional<DomainCgroup> cpuGroup(DomainDef def, int id) {
        if (!available("cpu")) {
            return java.util.Optional.empty();
        }
        DomainCgroup g = group(def, id);
        return g.has("cpu") && java.nio.file.Files.isDirectory(g.dir("cpu")) ? java.util.Optional.of(g)
                : java.util.Optional.empty();
    }

    /**
     * Allows (or, {@code allow} false, denies) the running guest's QEMU the device nodes of
     * {@code disk} (a disk plugged in or a medium inserted, or one taken out).
     */
    void diskAccess(DomainDef def, int id, io.jvirt.conf.device.DiskDef disk, boolean allow) {
        if (!available("devices")) {
            return;
        }
        DomainCgroup g = group(def, id);
        if (!g.hasDeviceAcl()) {
            return;
        }
        for (String rule : DeviceAcl.disk(disk)) {
            if (allow) {
                g.allowDevice(rule);
            } else if (def.devices().disks().stream().filter(x -> x != disk)
                    .noneMatch(x -> DeviceAcl.disk(x).stream().anyMatch(r -> sameDevice(r, rule)))) {
                g.denyDevice(rule.substring(0, rule.lastIndexOf(' ')) + " rwm"); // no other disk uses it
            }
        }
    }

    /** Allows the running guest's QEMU the device node {@code node} (e.g. /dev/net/tun for a plugged tap). */
    void allowNode(DomainDef def, int id, Path node) {
        if (!available("devices")) {
            return;
        }
        DomainCgroup g = group(def, id);
        if (g.hasDeviceAcl()) {
            DeviceAcl.rule(node, "rw").ifPresent(g::allowDevice);
        }
    }

    private static boolean sameDevice(String a, String b) {
        return a.substring(0, a.lastIndexOf(' ')).equals(b.substring(0, b.lastIndexOf(' ')));
    }

    /** Removes the group of a guest that has stopped; a failure is logged, not thrown. */
    void release(DomainDef def, int id) {
        if (mounts.isEmpty()) {
            return;
        }
        try {
            group(def, id).remove();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "domain {0}: {1}", def.name(), e.getMessage());
        }
    }

    /** Define-time rules: what no host can give. */
    static void validate(DomainDef def) {
        TuningDef t = def.tuning();
        if (t.memtune().containsKey("min_guarantee")) {
            throw unsupported("Parameter 'min_guarantee' not supported by QEMU.");
        }
    }

    /** Start-time rules: the controllers {@code def} needs are here, its host nodes exist. */
    void validateForStart(DomainDef def) {
        TuningDef t = def.tuning();
        if (!t.memtune().isEmpty() && !available("memory")) {
            throw missing("Memory cgroup is not available on this host", "memory");
        }
        if (!t.cputune().values().isEmpty() && !available("cpu")) {
            throw missing("CPU tuning is not available on this host", "cpu");
        }
        if (!t.blkiotune().equals(TuningDef.Blkiotune.NONE) && !available("blkio")) {
            throw missing("Block I/O tuning is not available on this host", "blkio");
        }
        if (cgroupNodeset(def) != null && !available("cpuset")) {
            throw missing("<numatune> mode '" + (t.numatune().mode() == null ? "strict" : t.numatune().mode())
                    + "' is not available on this host", "cpuset");
        }
        if (t.resourcePartition() != null && mounts.isEmpty()) {
            throw missing("<resource><partition> is not available on this host", "any");
        }
        BitSet nodes = CpuPinning.parse(hostNodes());
        List<String> sets = new ArrayList<>();
        if (t.numatune().nodeset() != null) {
            sets.add(t.numatune().nodeset());
        }
        t.numatune().memnodes().forEach(m -> sets.add(m.nodeset()));
        for (String s : sets) {
            BitSet want = CpuPinning.parse(s);
            want.andNot(nodes);
            if (!want.isEmpty()) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "NUMA node " + want.nextSetBit(0) + " is unavailable (host nodes: " + hostNodes() + ")");
            }
        }
    }

    /**
     * Creates the guest's group with its domain-level settings; the group is removed on rollback.
     * Empty when this host has no usable cgroups.
     */
    Optional<DomainCgroup> prepare(DomainDef def, int id, java.util.Collection<Path> deviceNodes, Rollback rb) {
        if (mounts.isEmpty()) {
            return Optional.empty();
        }
        DomainCgroup g = group(def, id);
        rb.add(g::remove);
        g.create();
        if (g.hasDeviceAcl()) {
            g.setDeviceAcl(DeviceAcl.rules(def, deviceAcl, deviceNodes));
        }
        TuningDef t = def.tuning();
        if (!t.memtune().isEmpty()) {
            Map<String, Long> kib = new java.util.LinkedHashMap<>();
            t.memtune().forEach((k, v) -> kib.put(k, v.kib()));
            setMemory(g, kib);
        }
        Long shares = t.cputune().values().get("shares");
        if (shares != null) {
            g.setShares(shares);
        }
        g.setBandwidth(null, t.cputune().values().get("global_period"), t.cputune().values().get("global_quota"));
        if (t.blkiotune().weight() != null) {
            g.setBlkioWeight(t.blkiotune().weight());
        }
        for (TuningDef.Blkiotune.Device dev : t.blkiotune().devices()) {
            String majMin = BlockDevices.majMin(Path.of(dev.path()));
            dev.values().forEach((knob, v) -> g.setDevice(majMin, knob, v));
        }
        String nodeset = cgroupNodeset(def);
        if (nodeset != null) {
            g.setMems(nodeset);
        }
        return Optional.of(g);
    }

    /** The nodeset the cpuset cgroup enforces: numatune memory strict/restrictive with a nodeset. */
    private static String cgroupNodeset(DomainDef def) {
        TuningDef.Numatune n = def.tuning().numatune();
        String mode = n.mode() == null ? "strict" : n.mode();
        return n.nodeset() != null && (mode.equals("strict") || mode.equals("restrictive")) ? n.nodeset() : null;
    }

    /**
     * Moves QEMU's threads (the guest still paused) to the group's children: each vCPU to
     * {@code vcpuN}, each IOThread to {@code iothreadN}, the rest to {@code emulator}; then sets
     * their CFS bandwidth.
     */
    void placeThreads(DomainCgroup g, DomainDef def, DomainMonitor mon, long pid) {
        if (!g.has("cpu")) {
            return;
        }
        Map<Integer, Long> vcpus = mon.vcpuThreadIds();
        Map<String, Long> iothreads = def.tuning().effectiveIothreadIds().isEmpty() ? Map.of()
                : mon.iothreadThreadIds();
        java.util.Set<Long> special = new java.util.HashSet<>(vcpus.values());
        special.addAll(iothreads.values());
        g.moveThreads("emulator", CpuPinning.tasks(pid).stream().filter(tid -> !special.contains(tid)).toList());
        vcpus.forEach((n, tid) -> g.moveThreads("vcpu" + n, List.of(tid)));
        iothreads.forEach((name, tid) -> g.moveThreads(name, List.of(tid)));
        Map<String, Long> v = def.tuning().cputune().values();
        for (String child : g.childNames()) {
            String kind = child.startsWith("vcpu") ? "" : child.startsWith("iothread") ? "iothread_" : "emulator_";
            g.setBandwidth(child, v.get(kind + "period"), v.get(kind + "quota"));
        }
    }

    /** Writes memory limits in an order cgroup v1 accepts (its swap limit never below the RAM limit). */
    static void setMemory(DomainCgroup g, Map<String, Long> kib) {
        Long hard = kib.get("hard_limit");
        Long swap = kib.get("swap_hard_limit");
        boolean swapFirst = swap != null && (hard == null || swap >= g.memory("hard_limit"));
        if (swapFirst) {
            g.setMemory("swap_hard_limit", swap);
        }
        if (hard != null) {
            g.setMemory("hard_limit", hard);
        }
        if (swap != null && !swapFirst) {
            g.setMemory("swap_hard_limit", swap);
        }
        if (kib.get("soft_limit") != null) {
            g.setMemory("soft_limit", kib.get("soft_limit"));
        }
    }

    /** The host's NUMA nodes ("0" when sysfs does not say). */
    static String hostNodes() {
        try {
            return Files.readString(Path.of("/sys/devices/system/node/online")).strip();
        } catch (java.io.IOException e) {
            return "0";
        }
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OperationInvalidException missing(String what, String controller) {
        return new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU, what + " (the cgroup "
                + controller + " controller is not usable by this driver: not root, not mounted, or not in qemu.conf "
                + "cgroup_controllers)");
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
