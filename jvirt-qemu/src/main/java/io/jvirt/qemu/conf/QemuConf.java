package io.jvirt.qemu.conf;

import io.jvirt.conf.ConfFile;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The driver's {@code qemu.conf}: libvirt's syntax ({@code key = value}, strings in double
 * quotes, integers, {@code [ "a", "b" ]} lists, {@code #} comments). Known keys are typed through
 * accessors; an unknown key is kept and reported as a warning (never a failure, so a config
 * written for libvirt still loads). Immutable.
 *
 * @param values   parsed values (String, Long or List of String)
 * @param warnings human-readable warnings (unknown keys)
 */
public record QemuConf(Map<String, Object> values, List<String> warnings) {
    /** Keys jvirt understands; docs/qemu-conf.md says what each does (DriverSettings applies them). */
    public static final Set<String> KNOWN = Set.of(
            "user", "group", "dynamic_ownership", "security_driver", "seccomp_sandbox",
            "vnc_listen", "vnc_auto_unix_socket", "vnc_password", "remote_display_port_min", "remote_display_port_max",
            "remote_websocket_port_min", "remote_websocket_port_max", "spice_listen", "spice_password",
            "stdio_handler", "max_processes", "max_files", "log_timestamp", "cgroup_controllers",
            "cgroup_device_acl", "auto_start_delay", "emulator", "auto_dump_path", "hugetlbfs_mount");

    public static final QemuConf EMPTY = new QemuConf(Map.of(), List.of());

    public QemuConf {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        warnings = List.copyOf(warnings);
    }

    /** Reads {@code file}; a missing file is an empty config. */
    public static QemuConf load(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return EMPTY;
        } catch (IOException e) {
            throw new SystemException(ErrorNumber.READ_FAILED, ErrorDomain.CONF,
                    "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses config text; {@code name} labels errors. Syntax errors are VIR_ERR_CONF_SYNTAX. */
    public static QemuConf parse(String text, String name) {
        ConfFile f = ConfFile.parse(text, name, KNOWN);
        return new QemuConf(f.values(), f.warnings());
    }

    private ConfFile file() {
        return new ConfFile(values, warnings);
    }

    public String string(String key, String dflt) {
        return file().string(key, dflt);
    }

    public long number(String key, long dflt) {
        return file().number(key, dflt);
    }

    public List<String> list(String key, List<String> dflt) {
        return file().list(key, dflt);
    }

    public boolean bool(String key, boolean dflt) {
        return file().bool(key, dflt);
    }
}
