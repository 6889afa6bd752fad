package io.jvirt.conf.device;

import java.util.List;
import java.util.Map;

/**
 * A disk's {@code <iotune>}: I/O throttling.
 *
 * @param values    the numeric limits by element name ({@link #NAMES}), in document order
 * @param groupName {@code <group_name>}: disks of one group share their limits, or null
 */
public record DiskIotuneDef(Map<String, Long> values, String groupName) {
    /** The numeric elements, in libvirt's order (group_name is written after size_iops_sec). */
    public static final List<String> NAMES = List.of("total_bytes_sec", "read_bytes_sec", "write_bytes_sec",
            "total_iops_sec", "read_iops_sec", "write_iops_sec", "total_bytes_sec_max", "read_bytes_sec_max",
            "write_bytes_sec_max", "total_iops_sec_max", "read_iops_sec_max", "write_iops_sec_max", "size_iops_sec",
            "total_bytes_sec_max_length", "read_bytes_sec_max_length", "write_bytes_sec_max_length",
            "total_iops_sec_max_length", "read_iops_sec_max_length", "write_iops_sec_max_length");
    public static final DiskIotuneDef NONE = new DiskIotuneDef(Map.of(), null);

    public DiskIotuneDef {
        values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
    }

    public boolean isEmpty() {
        return values.isEmpty() && groupName == null;
    }

    /** The value of element {@code name}, 0 when absent. */
    public long get(String name) {
        return values.getOrDefault(name, 0L);
    }
}
