package io.jvirt.qemu.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where this host's cgroup controllers are, read from {@code /proc/self/mountinfo}: each
 * controller the driver uses ({@link #CONTROLLERS}) is either bound to a cgroup v1 hierarchy of
 * its own (possibly co-mounted, as {@code cpu,cpuacct}) or enabled in the cgroup v2 unified
 * hierarchy. A hybrid host has both; a controller is used where it is bound.
 *
 * @param hierarchies controller name to the mount point of its hierarchy and its version
 */
public record CgroupMounts(Map<String, Hierarchy> hierarchies) {
    /**
     * The controllers the driver uses: libvirt's names (v2's {@code io} is called blkio here). v2
     * has no devices controller: there "devices" is the unified hierarchy itself, where the kernel
     * runs the device programs attached to a group.
     */
    public static final List<String> CONTROLLERS = List.of("cpu", "cpuset", "memory", "blkio", "devices");
    /** No cgroups: nothing mounted, or none usable. */
    public static final CgroupMounts NONE = new CgroupMounts(Map.of());

    public CgroupMounts {
        hierarchies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(hierarchies));
    }

    /** One mounted hierarchy: its mount point, and whether it is cgroup v2's unified one. */
    public record Hierarchy(Path mount, boolean v2) {
    }

    /** This host's, or {@link #NONE} when the driver may not write to them (not root). */
    public static CgroupMounts probe(Collection<String> wanted) {
        try {
            CgroupMounts m = parse(Files.readAllLines(Path.of("/proc/self/mountinfo")), wanted,
                    p -> readControllers(p.resolve("cgroup.controllers")));
            return m.hierarchies.values().stream().allMatch(h -> Files.isWritable(h.mount())) ? m : NONE;
        } catch (IOException e) {
            return NONE;
        }
    }

    /**
     * The hierarchies in {@code mountinfo} lines for the {@code wanted} controllers;
     * {@code v2Controllers} reads the controllers a unified mount offers.
     */
    static CgroupMounts parse(List<String> mountinfo, Collection<String> wanted,
                              java.util.function.Function<Path, Set<String>> v2Controllers) {
        Map<String, Hierarchy> v1 = new LinkedHashMap<>();
        Path unified = null;
        for (String line : mountinfo) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] pre = line.substring(0, dash).split(" ");
            String[] post = line.substring(dash + 3).split(" ");
            if (pre.length < 5 || post.length < 3) {
                continue;
            }
            Path mount = Path.of(pre[4].replace("\\040", " "));
            if (post[0].equals("cgroup2")) {
                unified = mount;
            } else if (post[0].equals("cgroup")) {
                for (String opt : post[2].split(",")) {
                    if (CONTROLLERS.contains(opt) && wanted.contains(opt)) {
                        v1.putIfAbsent(opt, new Hierarchy(mount, false));
                    }
                }
            }
        }
        Map<String, Hierarchy> all = new LinkedHashMap<>();
        Set<String> offered = unified == null ? Set.of() : v2Controllers.apply(unified);
        for (String c : CONTROLLERS) {
            if (v1.containsKey(c)) {
                all.put(c, v1.get(c));
            } else if (wanted.contains(c) && unified != null
                    && (c.equals("devices") || offered.contains(c.equals("blkio") ? "io" : c))) {
                all.put(c, new Hierarchy(unified, true));
            }
        }
        return new CgroupMounts(all);
    }

    private static Set<String> readControllers(Path file) {
        try {
            return Set.of(Files.readString(file).strip().split("\\s+"));
        } catch (IOException e) {
            return Set.of();
        }
    }

    public boolean has(String controller) {
        return hierarchies.containsKey(controller);
    }

    public Optional<Hierarchy> hierarchy(String controller) {
        return Optional.ofNullable(hierarchies.get(controller));
    }

    public boolean isEmpty() {
        return hierarchies.isEmpty();
    }
}
