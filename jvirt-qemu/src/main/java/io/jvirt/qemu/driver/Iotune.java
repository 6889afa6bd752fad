package io.jvirt.qemu.driver;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskIotuneDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;
import io.jvirt.qemu.domain.DomainMonitor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A disk's {@code <iotune>} as QEMU throttling. With -blockdev, libvirt sets it over QMP
 * ({@code block_set_io_throttle}) once the devices exist and before the guest runs; so does jvirt.
 * The six base limits are always sent (0: unlimited), bursts, burst lengths, the I/O size and the
 * group only when set.
 */
final class Iotune {
    /** Above this QEMU refuses a limit (libvirt's QEMU_BLOCK_IOTUNE_MAX). */
    static final long MAX = 1_000_000_000_000_000L;
    /** libvirt element name to QEMU's block_set_io_throttle argument, in QEMU's order. */
    static final Map<String, String> QMP = new LinkedHashMap<>();

    static {
        String[][] pairs = {
            {"total_bytes_sec", "bps"}, {"read_bytes_sec", "bps_rd"}, {"write_bytes_sec", "bps_wr"},
            {"total_iops_sec", "iops"}, {"read_iops_sec", "iops_rd"}, {"write_iops_sec", "iops_wr"},
            {"total_bytes_sec_max", "bps_max"}, {"read_bytes_sec_max", "bps_rd_max"},
            {"write_bytes_sec_max", "bps_wr_max"}, {"total_iops_sec_max", "iops_max"},
            {"read_iops_sec_max", "iops_rd_max"}, {"write_iops_sec_max", "iops_wr_max"},
            {"size_iops_sec", "iops_size"},
            {"total_bytes_sec_max_length", "bps_max_length"}, {"read_bytes_sec_max_length", "bps_rd_max_length"},
            {"write_bytes_sec_max_length", "bps_wr_max_length"}, {"total_iops_sec_max_length", "iops_max_length"},
            {"read_iops_sec_max_length", "iops_rd_max_length"}, {"write_iops_sec_max_length", "iops_wr_max_length"},
        };
        for (String[] p : pairs) {
            QMP.put(p[0], p[1]);
        }
    }

    private static final String[] BASES = {"bytes_sec", "iops_sec", "bytes_sec_max", "iops_sec_max",
        "bytes_sec_max_length", "iops_sec_max_length"};

    private Iotune() {
    }

    /** libvirt's rules: a total excludes its read and write limits; QEMU's ceiling. */
    static void validate(DiskDef d) {
        DiskIotuneDef t = d.iotune();
        for (String base : BASES) {
            if (t.get("total_" + base) > 0 && (t.get("read_" + base) > 0 || t.get("write_" + base) > 0)) {
                throw new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN,
                        "total and read/write " + base + " cannot be set at the same time");
            }
        }
        for (var e : t.values().entrySet()) {
            if (e.getValue() < 0 || e.getValue() > MAX) {
                throw DiskIoRules.unsupported("disk '" + d.targetDev() + "': block I/O throttle limit '"
                        + e.getKey() + "' must be no more than " + MAX + " using QEMU");
            }
        }
        if (!t.isEmpty() && d.source() == null) {
            throw DiskIoRules.unsupported("disk '" + d.targetDev() + "': <iotune> needs a disk with media");
        }
    }

    /** The QOM path QEMU finds the disk's block backend by: virtio's is on the inner device. */
    static String qomName(DiskDef d) {
        return d.targetBus().equals("virtio") ? "/machine/peripheral/" + d.alias() + "/virtio-backend" : d.alias();
    }

    /** The block_set_io_throttle arguments for {@code t} on disk {@code d}. */
    static ObjectNode args(DiskDef d, DiskIotuneDef t) {
        ObjectNode a = JsonNodeFactory.instance.objectNode();
        a.put("id", qomName(d));
        int i = 0;
        for (var e : QMP.entrySet()) {
            long v = t.get(e.getKey());
            if (i++ < 6 || v > 0) {
                a.put(e.getValue(), v);
            }
        }
        if (t.groupName() != null) {
            a.put("group", t.groupName());
        }
        return a;
    }

    /** Applies every disk's {@code <iotune>} (start: after the devices exist, before cont). */
    static void apply(DomainMonitor mon, DomainDef def) {
        for (DiskDef d : def.devices().disks()) {
            if (!d.iotune().isEmpty() && d.source() != null) {
                mon.execute("block_set_io_throttle", args(d, d.iotune()));
            }
        }
    }
}
