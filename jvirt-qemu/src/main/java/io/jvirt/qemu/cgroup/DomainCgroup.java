package io.jvirt.qemu.cgroup;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * One domain's cgroup, at the same relative path ({@code machine/qemu-1-NAME.jvirt-qemu}) in
 * every hierarchy of {@link CgroupMounts}, with its per-thread children ({@code emulator},
 * {@code vcpuN}, {@code iothreadN}) in the cpu hierarchy. Knobs are named as libvirt names them
 * and mapped to cgroup v1 or v2 files here, so callers never see the version: memory values are
 * KiB ({@link #UNLIMITED_KIB} for no limit), CPU quotas -1 for none.
 */
public final class DomainCgroup {
    /** libvirt's "unlimited" memory parameter value, in KiB. */
    public static final long UNLIMITED_KIB = 9007199254740991L;
    /** v1's largest limit (a page counter's maximum); anything from here up reads as unlimited. */
    private static final long V1_UNLIMITED_BYTES = 9223372036854771712L;
    /** The per-device blkiotune knobs, as libvirt names them. */
    public static final List<String> DEVICE_KNOBS = List.of("weight", "read_iops_sec", "write_iops_sec",
            "read_bytes_sec", "write_bytes_sec");

    private final CgroupMounts mounts;
    private final String rel;

    private DomainCgroup(CgroupMounts mounts, String rel) {
        this.mounts = mounts;
        this.rel = rel;
    }

    /** The group {@code name} under {@code partition} ("/machine"); nothing is created yet. */
    public static DomainCgroup of(CgroupMounts mounts, String partition, String name) {
        String p = partition == null ? "/machine" : partition;
        String rel = (p.replaceAll("^/+|/+$", "") + "/" + name).replaceAll("^/", "");
        return new DomainCgroup(mounts, rel);
    }

    /** The group's path inside each hierarchy, as {@code /proc/PID/cgroup} shows it. */
    public String path() {
        return "/" + rel;
    }

    public boolean has(String controller) {
        return mounts.has(controller);
    }

    /** The group's directory in {@code controller}'s hierarchy. */
    public Path dir(String controller) {
        return mounts.hierarchy(controller).orElseThrow().mount().resolve(rel);
    }

    private boolean v2(String controller) {
        return mounts.hierarchy(controller).orElseThrow().v2();
    }

    /** The group's directories, one per mounted hierarchy. */
    public Set<Path> dirs() {
        Set<Path> out = new LinkedHashSet<>();
        mounts.hierarchies().values().forEach(h -> out.add(h.mount().resolve(rel)));
        return out;
    }

    /** Creates the group (and its partition) in every hierarchy. */
    public void create() {
        Map<Path, CgroupMounts.Hierarchy> byMount = new LinkedHashMap<>();
        mounts.hierarchies().values().forEach(h -> byMount.putIfAbsent(h.mount(), h));
        for (CgroupMounts.Hierarchy h : byMount.values()) {
            Path dir = h.mount();
            for (String part : rel.split("/")) {
                if (h.v2()) {
                    enableControllers(dir);
                }
                dir = dir.resolve(part);
                mkdir(dir);
                CgroupMounts.Hierarchy cpuset = mounts.hierarchies().get("cpuset");
                if (!h.v2() && cpuset != null && cpuset.mount().equals(h.mount())) {
                    inheritCpuset(dir);
                }
            }
        }
    }

    /** The shell commands that move the shell running them ($$) into the group, in every hierarchy. */
    public String joinCommand() {
        StringBuilder sb = new StringBuilder();
        for (Path d : dirs()) {
            sb.append("echo $$ >").append(shellQuote(d.resolve("cgroup.procs").toString())).append(" || exit 125; ");
        }
        return sb.toString();
    }

    /** Removes the group and its children, waiting up to two seconds for exiting tasks to leave. */
    public void remove() {
        long end = System.nanoTime() + 2_000_000_000L;
        for (Path d : dirs()) {
            if (!Files.isDirectory(d)) {
                continue;
            }
            for (Path child : children(d)) {
                rmdir(child, end);
            }
            rmdir(d, end);
        }
    }

    /** Removes the child {@code sub} of the cpu hierarchy (an IOThread's), waiting for its exiting thread. */
    public void removeChild(String sub) {
        Path d = dir("cpu").resolve(sub);
        if (Files.isDirectory(d)) {
            rmdir(d, System.nanoTime() + 2_000_000_000L);
        }
    }

    // --- devices ------------------------------------------------------------------------------

    /**
     * Whether a devices ACL can be set: the v1 devices controller, or on cgroup v2 (which has no
     * devices controller) an eBPF device program this host accepts ({@link BpfDeviceAcl}).
     */
    public boolean hasDeviceAcl() {
        return has("devices") && Files.isDirectory(dir("devices")) && (!v2("devices") || BpfDeviceAcl.available());
    }

    /** Denies every device, then allows each rule ("c 1:3 rw", "c 136:* rw"). */
    public void setDeviceAcl(Collection<String> rules) {
        if (v2("devices")) {
            BpfDeviceAcl.set(dir("devices"), rules);
            return;
        }
        write(dir("devices").resolve("devices.deny"), "a");
        rules.forEach(this::allowDevice);
    }

    /** Adds the access of {@code rule} ("b 7:0 rw") to its device. */
    public void allowDevice(String rule) {
        if (v2("devices")) {
            BpfDeviceAcl.allow(dir("devices"), rule);
        } else {
            write(dir("devices").resolve("devices.allow"), rule);
        }
    }

    /** Takes the access of {@code rule} ("b 7:0 rwm") away from its device. */
    public void denyDevice(String rule) {
        if (v2("devices")) {
            BpfDeviceAcl.deny(dir("devices"), rule);
        } else {
            write(dir("devices").resolve("devices.deny"), rule);
        }
    }

    /** The rules now in force ({@code devices.list}; on v2 the program's map in that format). */
    public List<String> deviceList() {
        if (v2("devices")) {
            return BpfDeviceAcl.list(dir("devices"));
        }
        try {
            return Files.readAllLines(dir("devices").resolve("devices.list"));
        } catch (IOException e) {
            throw failure("cannot read " + dir("devices").resolve("devices.list"), e);
        }
    }

    // --- memory -------------------------------------------------------------------------------

    /** Sets hard_limit, soft_limit or swap_hard_limit (KiB), or {@link #UNLIMITED_KIB}. */
    public void setMemory(String knob, long kib) {
        Path f = dir("memory").resolve(memoryFile(knob));
        if (v2("memory")) {
            write(f, kib >= UNLIMITED_KIB ? "max" : Long.toString(kib << 10));
        } else {
            write(f, kib >= UNLIMITED_KIB ? "-1" : Long.toString(kib << 10));
        }
    }

    /** hard_limit, soft_limit or swap_hard_limit in KiB ({@link #UNLIMITED_KIB} when none). */
    public long memory(String knob) {
        String v = read(dir("memory").resolve(memoryFile(knob)));
        if (v.equals("max")) {
            return UNLIMITED_KIB;
        }
        long bytes = Long.parseUnsignedLong(v);
        return bytes < 0 || bytes >= V1_UNLIMITED_BYTES ? UNLIMITED_KIB : bytes >> 10;
    }

    private String memoryFile(String knob) {
        boolean two = v2("memory");
        return switch (knob) {
            case "hard_limit" -> two ? "memory.max" : "memory.limit_in_bytes";
            case "soft_limit" -> two ? "memory.high" : "memory.soft_limit_in_bytes";
            case "swap_hard_limit" -> two ? "memory.swap.max" : "memory.memsw.limit_in_bytes";
            default -> throw new IllegalArgumentException(knob);
        };
    }

    // --- cpu ----------------------------------------------------------------------------------

    public void setShares(long shares) {
        if (v2("cpu")) {
            if (shares < 1 || shares > 10000) {
                throw new SystemException(ErrorNumber.INVALID_ARG, ErrorDomain.CGROUP, "shares " + shares
                        + " is out of range 1-10000 of cgroup v2's cpu.weight");
            }
            write(dir("cpu").resolve("cpu.weight"), Long.toString(shares));
        } else {
            write(dir("cpu").resolve("cpu.shares"), Long.toString(shares));
        }
    }

    public long shares() {
        return Long.parseLong(read(dir("cpu").resolve(v2("cpu") ? "cpu.weight" : "cpu.shares")));
    }

    /** Sets the CFS period and/or quota (null: unchanged) of the group or of its child {@code sub}. */
    public void setBandwidth(String sub, Long period, Long quota) {
        if (period == null && quota == null) {
            return; // nothing to write (and no cpu controller needed)
        }
        Path d = sub == null ? dir("cpu") : dir("cpu").resolve(sub);
        if (v2("cpu")) {
            long[] now = bandwidth(sub);
            long p = period != null ? period : now[0];
            long q = quota != null ? quota : now[1];
            write(d.resolve("cpu.max"), (q < 0 ? "max" : Long.toString(q)) + " " + p);
            return;
        }
        if (period != null) {
            write(d.resolve("cpu.cfs_period_us"), period.toString());
        }
        if (quota != null) {
            write(d.resolve("cpu.cfs_quota_us"), quota.toString());
        }
    }

    /** {period, quota} of the group or of its child {@code sub}; quota -1 when unlimited. */
    public long[] bandwidth(String sub) {
        Path d = sub == null ? dir("cpu") : dir("cpu").resolve(sub);
        if (v2("cpu")) {
            String[] pq = read(d.resolve("cpu.max")).split("\\s+");
            return new long[] {Long.parseLong(pq[1]), pq[0].equals("max") ? -1 : Long.parseLong(pq[0])};
        }
        return new long[] {Long.parseLong(read(d.resolve("cpu.cfs_period_us"))),
                Long.parseLong(read(d.resolve("cpu.cfs_quota_us")))};
    }

    /** Whether the group has the per-thread child {@code sub} in the cpu hierarchy. */
    public boolean hasChild(String sub) {
        return has("cpu") && Files.isDirectory(dir("cpu").resolve(sub));
    }

    /** Moves the threads {@code tids} into the child {@code sub} of the cpu hierarchy, creating it. */
    public void moveThreads(String sub, Collection<Long> tids) {
        Path parent = dir("cpu");
        Path d = parent.resolve(sub);
        boolean two = v2("cpu");
        if (!Files.isDirectory(d)) {
            mkdir(d);
            if (two) {
                write(d.resolve("cgroup.type"), "threaded");
                enableControllers(parent);
            }
        }
        for (long tid : tids) {
            try {
                Files.writeString(d.resolve(two ? "cgroup.threads" : "tasks"), Long.toString(tid));
            } catch (NoSuchFileException e) {
                throw failure("cannot move thread " + tid + " into " + d, e);
            } catch (IOException e) {
                if (Files.exists(Path.of("/proc", Long.toString(tid)))) {
                    throw failure("cannot move thread " + tid + " into " + d, e);
                } // the thread ended meanwhile
            }
        }
    }

    // --- blkio --------------------------------------------------------------------------------

    public void setBlkioWeight(long weight) {
        Path f = weightFile();
        write(f, v2("blkio") ? "default " + weight : Long.toString(weight));
    }

    public long blkioWeight() {
        String v = read(weightFile());
        return Long.parseLong(v2("blkio") ? v.lines().filter(l -> l.startsWith("default ")).findFirst()
                .map(l -> l.substring(8).strip()).orElse("0") : v);
    }

    private Path weightFile() {
        Path d = dir("blkio");
        List<String> names = v2("blkio") ? List.of("io.weight", "io.bfq.weight")
                : List.of("blkio.weight", "blkio.bfq.weight");
        return names.stream().map(d::resolve).filter(Files::exists).findFirst().orElseThrow(() ->
                new SystemException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.CGROUP,
                        "blkio weight is not supported by this host (no " + String.join(" or ", names) + " in " + d
                                + ": the block I/O scheduler is not BFQ or CFQ)"));
    }

    /** Sets a per-device knob ({@link #DEVICE_KNOBS}) for the block device {@code majMin}; 0 clears it. */
    public void setDevice(String majMin, String knob, long value) {
        if (knob.equals("weight")) {
            Path f = weightFile().resolveSibling(weightFile().getFileName() + (v2("blkio") ? "" : "_device"));
            write(f, majMin + " " + (value == 0 && v2("blkio") ? "default" : Long.toString(value)));
        } else if (v2("blkio")) {
            write(dir("blkio").resolve("io.max"), majMin + " " + ioMaxKey(knob) + "=" + (value == 0 ? "max" : value));
        } else {
            write(dir("blkio").resolve(v1ThrottleFile(knob)), majMin + " " + value);
        }
    }

    /** Device (maj:min) to value for a per-device knob ({@link #DEVICE_KNOBS}). */
    public Map<String, Long> devices(String knob) {
        Map<String, Long> out = new LinkedHashMap<>();
        if (knob.equals("weight")) {
            Path f = weightFile().resolveSibling(weightFile().getFileName() + (v2("blkio") ? "" : "_device"));
            read(f).lines().map(l -> l.strip().split("\\s+")).filter(w -> w.length == 2 && w[0].contains(":"))
                    .forEach(w -> out.put(w[0], Long.parseLong(w[1])));
        } else if (v2("blkio")) {
            for (String line : read(dir("blkio").resolve("io.max")).lines().toList()) {
                String[] w = line.strip().split("\\s+");
                for (int i = 1; i < w.length; i++) {
                    if (w[i].startsWith(ioMaxKey(knob) + "=") && !w[i].endsWith("=max")) {
                        out.put(w[0], Long.parseLong(w[i].substring(w[i].indexOf('=') + 1)));
                    }
                }
            }
        } else {
            read(dir("blkio").resolve(v1ThrottleFile(knob))).lines().map(l -> l.strip().split("\\s+"))
                    .filter(w -> w.length == 2).forEach(w -> out.put(w[0], Long.parseLong(w[1])));
        }
        return out;
    }

    private static String ioMaxKey(String knob) {
        return switch (knob) {
            case "read_bytes_sec" -> "rbps";
            case "write_bytes_sec" -> "wbps";
            case "read_iops_sec" -> "riops";
            case "write_iops_sec" -> "wiops";
            default -> throw new IllegalArgumentException(knob);
        };
    }

    private static String v1ThrottleFile(String knob) {
        return switch (knob) {
            case "read_bytes_sec" -> "blkio.throttle.read_bps_device";
            case "write_bytes_sec" -> "blkio.throttle.write_bps_device";
            case "read_iops_sec" -> "blkio.throttle.read_iops_device";
            case "write_iops_sec" -> "blkio.throttle.write_iops_device";
            default -> throw new IllegalArgumentException(knob);
        };
    }

    // --- cpuset -------------------------------------------------------------------------------

    /** Restricts the guest's memory to the host NUMA nodes {@code nodeset}. */
    public void setMems(String nodeset) {
        write(dir("cpuset").resolve("cpuset.mems"), nodeset);
    }

    public String mems() {
        Path d = dir("cpuset");
        String v = read(d.resolve("cpuset.mems"));
        return v.isEmpty() && v2("cpuset") ? read(d.resolve("cpuset.mems.effective")) : v;
    }

    // --- files --------------------------------------------------------------------------------

    private static void enableControllers(Path dir) {
        Path avail = dir.resolve("cgroup.controllers");
        Path ctl = dir.resolve("cgroup.subtree_control");
        if (!Files.exists(avail) || !Files.exists(ctl)) {
            return;
        }
        Set<String> on = Set.of(read(ctl).split("\\s+"));
        List<String> add = new ArrayList<>();
        for (String c : read(avail).split("\\s+")) {
            if (List.of("cpu", "cpuset", "memory", "io").contains(c) && !on.contains(c)) {
                add.add("+" + c);
            }
        }
        if (!add.isEmpty()) {
            write(ctl, String.join(" ", add));
        }
    }

    private static void inheritCpuset(Path dir) {
        for (String f : List.of("cpuset.cpus", "cpuset.mems")) {
            if (read(dir.resolve(f)).isEmpty()) {
                write(dir.resolve(f), read(dir.getParent().resolve(f)));
            }
        }
    }

    private static List<Path> children(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(Files::isDirectory).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static void mkdir(Path d) {
        try {
            if (!Files.isDirectory(d)) {
                Files.createDirectory(d);
            }
        } catch (java.nio.file.FileAlreadyExistsException e) {
            // made meanwhile by another start
        } catch (IOException e) {
            throw failure("cannot create cgroup " + d, e);
        }
    }

    private static void rmdir(Path d, long deadlineNanos) {
        while (true) {
            try {
                Files.deleteIfExists(d);
                return;
            } catch (DirectoryNotEmptyException e) {
                for (Path child : children(d)) {
                    rmdir(child, deadlineNanos);
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadlineNanos) {
                    throw failure("cannot remove cgroup " + d, e);
                }
                try {
                    Thread.sleep(20); // the group's last task is still exiting (EBUSY)
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw failure("cannot remove cgroup " + d, e);
                }
            }
        }
    }

    static String read(Path f) {
        try {
            return Files.readString(f).strip();
        } catch (IOException e) {
            throw failure("cannot read " + f, e);
        }
    }

    static void write(Path f, String value) {
        try {
            Files.writeString(f, value);
        } catch (IOException e) {
            throw failure("cannot write '" + value + "' to " + f, e);
        }
    }

    private static SystemException failure(String what, IOException e) {
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (why.startsWith(what) || why.contains(": ")) {
            why = why.substring(why.lastIndexOf(": ") + 2);
        }
        return new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.CGROUP, what + ": " + why, e);
    }

    private static String shellQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    @Override
    public String toString() {
        return path();
    }

    /** Every thread-group child ({@code emulator}, {@code vcpu0} ...) the group has in the cpu hierarchy. */
    public List<String> childNames() {
        if (!has("cpu")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        children(dir("cpu")).forEach(p -> out.add(p.getFileName().toString()));
        return out;
    }
}
