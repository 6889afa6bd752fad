package io.jvirt.qemu.cgroup;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.cgroup.BpfSyscalls.BpfException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * A devices ACL on a cgroup v2 group: the {@link DeviceProgram} attached to the group's directory
 * (BPF_CGROUP_DEVICE, BPF_F_ALLOW_MULTI) with its map of allowed devices. Nothing is kept in the
 * driver: each call finds the program again among those attached to the group
 * (BPF_PROG_QUERY, by its name) and its map from the program's info, so a restarted driver
 * changes the ACL of a guest it did not start. Allowing and denying change the map in place, as
 * cgroup v1's devices.allow and devices.deny change the group's exceptions: allowed access bits
 * are added to those of the same device, denied ones removed (the entry with them when none is
 * left). The kernel drops the program with the group.
 */
final class BpfDeviceAcl {
    private static final System.Logger LOG = System.getLogger(BpfDeviceAcl.class.getName());
    private static volatile Boolean available;

    private BpfDeviceAcl() {
    }

    /**
     * Whether this host takes the program: bpf(2) is permitted, the kernel has cgroup device
     * programs and its verifier accepts ours. Probed once, by loading it (not attaching it).
     */
    static boolean available() {
        Boolean a = available;
        if (a == null) {
            a = probe();
            available = a;
        }
        return a;
    }

    private static boolean probe() {
        int map = -1;
        int prog = -1;
        try {
            map = BpfSyscalls.mapCreate(DeviceProgram.NAME, DeviceProgram.KEY_SIZE, DeviceProgram.VALUE_SIZE, 1);
            prog = BpfSyscalls.progLoad(DeviceProgram.NAME, DeviceProgram.program(map), DeviceProgram.LICENSE);
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.INFO, "no devices ACL on cgroup v2: {0}", e.getMessage());
            return false;
        } finally {
            BpfSyscalls.close(prog);
            BpfSyscalls.close(map);
        }
    }

    /** Makes {@code rules} the whole ACL of the group {@code dir}: attaches the program, or refills its map. */
    static void set(Path dir, Collection<String> rules) {
        Map<String, DeviceRule> merged = new LinkedHashMap<>();
        for (String r : rules) {
            DeviceRule d = DeviceRule.parse(r);
            merged.merge(d.withAccess(0).toString(), d, (x, y) -> x.withAccess(x.access() | y.access()));
        }
        onGroup(dir, "set the devices ACL of", cg -> {
            int map = findMap(cg);
            if (map >= 0) {
                try {
                    BpfSyscalls.mapKeys(map, DeviceProgram.KEY_SIZE).forEach(k -> BpfSyscalls.mapDelete(map, k));
                    merged.values().forEach(d -> put(map, d));
                } finally {
                    BpfSyscalls.close(map);
                }
                return null;
            }
            int newMap = BpfSyscalls.mapCreate(DeviceProgram.NAME, DeviceProgram.KEY_SIZE, DeviceProgram.VALUE_SIZE,
                    DeviceProgram.MAX_ENTRIES);
            int prog = -1;
            try {
                merged.values().forEach(d -> put(newMap, d));
                prog = BpfSyscalls.progLoad(DeviceProgram.NAME, DeviceProgram.program(newMap), DeviceProgram.LICENSE);
                BpfSyscalls.progAttach(cg, prog);
            } finally {
                BpfSyscalls.close(prog);
                BpfSyscalls.close(newMap);
            }
            return null;
        });
    }

    /** Adds the access of {@code rule} to its device. */
    static void allow(Path dir, String rule) {
        DeviceRule d = DeviceRule.parse(rule);
        withMap(dir, "allow '" + rule + "' in", map -> {
            byte[] old = BpfSyscalls.mapLookup(map, DeviceProgram.key(d), DeviceProgram.VALUE_SIZE);
            put(map, d.withAccess(d.access() | (old == null ? 0 : DeviceProgram.get(old, 0))));
            return null;
        });
    }

    /** Removes the access of {@code rule} from its device (exactly that entry, as v1 does). */
    static void deny(Path dir, String rule) {
        DeviceRule d = DeviceRule.parse(rule);
        withMap(dir, "deny '" + rule + "' in", map -> {
            byte[] old = BpfSyscalls.mapLookup(map, DeviceProgram.key(d), DeviceProgram.VALUE_SIZE);
            if (old != null) {
                int left = DeviceProgram.get(old, 0) & ~d.access();
                if (left == 0) {
                    BpfSyscalls.mapDelete(map, DeviceProgram.key(d));
                } else {
                    put(map, d.withAccess(left));
                }
            }
            return null;
        });
    }

    /** The rules in the map, as devices.list shows them (ordered by type, major, minor). */
    static List<String> list(Path dir) {
        return withMap(dir, "read the devices ACL of", map -> {
            List<DeviceRule> out = new ArrayList<>();
            for (byte[] k : BpfSyscalls.mapKeys(map, DeviceProgram.KEY_SIZE)) {
                byte[] v = BpfSyscalls.mapLookup(map, k, DeviceProgram.VALUE_SIZE);
                if (v != null) {
                    out.add(DeviceProgram.rule(k, v));
                }
            }
            out.sort(Comparator.comparing(DeviceRule::type).thenComparing(r -> Integer.toUnsignedLong(r.major()))
                    .thenComparing(r -> Integer.toUnsignedLong(r.minor())));
            return out.stream().map(DeviceRule::toString).toList();
        });
    }

    private static void put(int map, DeviceRule d) {
        BpfSyscalls.mapUpdate(map, DeviceProgram.key(d), DeviceProgram.value(d.access()));
    }

    /** Runs {@code action} on an fd of the group's map; fails when the group has no program of ours. */
    private static <T> T withMap(Path dir, String what, IntFunction<T> action) {
        return onGroup(dir, what, cg -> {
            int map = findMap(cg);
            if (map < 0) {
                throw new SystemException(ErrorNumber.OPERATION_INVALID, ErrorDomain.CGROUP, "cannot " + what + " " + dir
                        + ": no devices ACL program (" + DeviceProgram.NAME + ") is attached to the group");
            }
            try {
                return action.apply(map);
            } finally {
                BpfSyscalls.close(map);
            }
        });
    }

    private static <T> T onGroup(Path dir, String what, IntFunction<T> action) {
        int cg = -1;
        try {
            cg = BpfSyscalls.openDirectory(dir);
            return action.apply(cg);
        } catch (BpfException e) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.CGROUP, "cannot " + what + " " + dir + ": "
                    + e.getMessage(), e);
        } finally {
            BpfSyscalls.close(cg);
        }
    }

    /** An fd of the map of our program attached to the group {@code cgroupFd}, or -1 when there is none. */
    private static int findMap(int cgroupFd) {
        for (int id : BpfSyscalls.progQuery(cgroupFd)) {
            int prog = BpfSyscalls.fdById(true, id);
            try {
                BpfSyscalls.ProgInfo info = BpfSyscalls.progInfo(prog);
                if (!info.name().equals(DeviceProgram.NAME) || info.mapIds().size() != 1) {
                    continue;
                }
                int map = BpfSyscalls.fdById(false, info.mapIds().get(0));
                BpfSyscalls.MapInfo m = BpfSyscalls.mapInfo(map);
                if (m.keySize() == DeviceProgram.KEY_SIZE && m.valueSize() == DeviceProgram.VALUE_SIZE) {
                    return map;
                }
                BpfSyscalls.close(map);
            } finally {
                BpfSyscalls.close(prog);
            }
        }
        return -1;
    }
}
