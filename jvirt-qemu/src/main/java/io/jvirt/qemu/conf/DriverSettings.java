package io.jvirt.qemu.conf;

import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;

import java.util.ArrayList;
import java.util.List;

/**
 * The qemu.conf keys the driver honours, typed and checked once at open (docs/qemu-conf.md says
 * what each does). A value jvirt cannot honour fails the open with a message naming the key,
 * rather than being ignored; keys for machinery jvirt does not have (cgroups, virtlogd) are
 * accepted with a warning saying so, so a qemu.conf written for libvirt still loads.
 *
 * @param vncListen         default VNC listen address
 * @param vncAutoUnixSocket VNC graphics without a listen address use a UNIX socket in the domain's
 *                          runtime directory instead of a TCP port
 * @param vncPortMin        first VNC port handed out (remote_display_port_min)
 * @param vncPortMax        last VNC port handed out (remote_display_port_max)
 * @param sandbox           QEMU runs under its seccomp sandbox (seccomp_sandbox)
 * @param logTimestamp      QEMU prefixes its log lines with timestamps (log_timestamp)
 * @param maxProcesses      RLIMIT_NPROC for QEMU, 0 to inherit (max_processes)
 * @param maxFiles          RLIMIT_NOFILE for QEMU, 0 to inherit (max_files)
 * @param autoStartDelayMs  pause between autostarted guests, ms (auto_start_delay)
 * @param autoDumpPath      where on_crash='coredump-*' writes guest memory dumps (auto_dump_path);
 *                          null: the driver's lib directory's {@code dump}
 * @param cgroupControllers the cgroup controllers the driver may use (cgroup_controllers)
 * @param hugetlbfsMounts   the hugetlbfs mounts guest RAM may use (hugetlbfs_mount); empty: every mounted one
 * @param cgroupDeviceAcl   the device nodes every guest may open (cgroup_device_acl); null: libvirt's default list
 * @param warnings          what was accepted but has no effect, one line each
 */
public record DriverSettings(String vncListen, boolean vncAutoUnixSocket, int vncPortMin, int vncPortMax,
                             boolean sandbox, boolean logTimestamp, long maxProcesses, long maxFiles,
                             long autoStartDelayMs, String autoDumpPath, List<String> cgroupControllers,
                             List<String> hugetlbfsMounts, List<String> cgroupDeviceAcl, List<String> warnings) {
    /** libvirt's default cgroup_controllers; jvirt uses cpu, cpuset, memory, blkio and devices of them. */
    public static final List<String> DEFAULT_CGROUP_CONTROLLERS = List.of("cpu", "devices", "memory", "blkio",
            "cpuset", "cpuacct");

    public DriverSettings {
        cgroupControllers = List.copyOf(cgroupControllers);
        hugetlbfsMounts = List.copyOf(hugetlbfsMounts);
        cgroupDeviceAcl = cgroupDeviceAcl == null ? null : List.copyOf(cgroupDeviceAcl);
        warnings = List.copyOf(warnings);
    }

    public static DriverSettings from(QemuConf c) {
        List<String> warnings = new ArrayList<>();
        String security = c.string("security_driver", "none");
        if (!security.equals("none")) {
            throw bad("security_driver", "'" + security + "' is not available: jvirt has no security driver; "
                    + "use \"none\"");
        }
        String stdio = c.string("stdio_handler", "file");
        switch (stdio) {
            case "file" -> { }
            case "logd" -> warnings.add("qemu.conf: stdio_handler \"logd\": jvirt has no virtlogd; QEMU's output "
                    + "goes to the domain's log file directly (as with \"file\")");
            default -> throw bad("stdio_handler", "'" + stdio + "' (use \"file\" or \"logd\")");
        }
        List<String> acl = c.values().containsKey("cgroup_device_acl") ? c.list("cgroup_device_acl", List.of()) : null;
        for (String p : acl == null ? List.<String>of() : acl) {
            if (!p.startsWith("/")) {
                throw bad("cgroup_device_acl", "'" + p + "' (must be an absolute path)");
            }
        }
        List<String> controllers = c.list("cgroup_controllers", DEFAULT_CGROUP_CONTROLLERS);
        for (String ctl : controllers) {
            if (!List.of("cpu", "devices", "memory", "blkio", "cpuset", "cpuacct", "freezer", "net_cls", "perf_event",
                    "name=systemd").contains(ctl)) {
                throw bad("cgroup_controllers", "'" + ctl + "' is not a cgroup controller");
            }
        }
        List<String> hugetlbfs = c.values().get("hugetlbfs_mount") instanceof String one ? List.of(one)
                : c.list("hugetlbfs_mount", List.of());
        for (String m : hugetlbfs) {
            if (!m.startsWith("/")) {
                throw bad("hugetlbfs_mount", "'" + m + "' (must be an absolute path)");
            }
        }
        // QEMU runs as the user jvirt runs as; asking for another one must not be ignored
        String user = c.string("user", null);
        if (user != null && !user.equals(System.getProperty("user.name")) && !user.equals("+" + Ids.uid())) {
            throw bad("user", "'" + user + "': QEMU runs as the user jvirt runs as ('"
                    + System.getProperty("user.name") + "'); running it as another user is not supported");
        }
        String group = c.string("group", null);
        if (group != null && !group.equals(Ids.groupName()) && !group.equals("+" + Ids.gid())) {
            throw bad("group", "'" + group + "': QEMU runs with jvirt's group ('" + Ids.groupName()
                    + "'); running it with another group is not supported");
        }
        int min = (int) c.number("remote_display_port_min", 5900);
        int max = (int) c.number("remote_display_port_max", 65535);
        if (min < 5900 || max > 65535 || min > max) {
            throw bad("remote_display_port_min/max", min + "-" + max + " (must be within 5900-65535, min <= max)");
        }
        long seccomp = c.number("seccomp_sandbox", 1);
        if (seccomp != 0 && seccomp != 1 && seccomp != -1) {
            throw bad("seccomp_sandbox", seccomp + " (use -1, 0 or 1)");
        }
        return new DriverSettings(c.string("vnc_listen", "127.0.0.1"), c.bool("vnc_auto_unix_socket", false), min,
                max, seccomp == 1, c.bool("log_timestamp", true), nonNegative(c, "max_processes"),
                nonNegative(c, "max_files"), nonNegative(c, "auto_start_delay"), absolute(c, "auto_dump_path"), controllers, hugetlbfs, acl,
                warnings);
    }

    private static String absolute(QemuConf c, String key) {
        String v = c.string(key, null);
        if (v != null && !v.startsWith("/")) {
            throw bad(key, "'" + v + "' (must be an absolute path)");
        }
        return v;
    }

    private static long nonNegative(QemuConf c, String key) {
        long v = c.number(key, 0);
        if (v < 0) {
            throw bad(key, v + " (must not be negative)");
        }
        return v;
    }

    private static ConfigUnsupportedException bad(String key, String why) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.CONF,
                "qemu.conf: " + key + ": " + why);
    }
}
