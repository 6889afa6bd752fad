package io.jvirt.qemu.driver;

import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.OperationUnsupportedException;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.qmp.QmpBlockIoStats;
import io.jvirt.qemu.qmp.QmpBlockStats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** domblkstat and domifstat. */
final class DomainStats {
    private DomainStats() {
    }

    static Map<String, Long> block(DomainObj d, String disk) {
        DomainStopper.requireRunning(d);
        if (disk == null || disk.isEmpty()) {
            throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "summary statistics are not supported yet");
        }
        DiskDef target = d.liveDef().devices().disks().stream()
                .filter(x -> disk.equals(x.targetDev()) || disk.equals(x.source()))
                .findFirst().orElseThrow(() -> new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                        "invalid path: " + disk));
        for (QmpBlockStats s : DomainStopper.monitorOf(d).blockStats()) {
            String qdev = s.qdev() == null ? "" : s.qdev();
            if (qdev.equals(target.alias()) || qdev.contains("/" + target.alias() + "/") || qdev.endsWith("/" + target.alias())) {
                QmpBlockIoStats io = s.stats();
                Map<String, Long> out = new LinkedHashMap<>();
                out.put("rd_operations", io.rdOperations());
                out.put("rd_bytes", io.rdBytes());
                out.put("wr_operations", io.wrOperations());
                out.put("wr_bytes", io.wrBytes());
                out.put("flush_operations", io.flushOperations());
                out.put("rd_total_times", io.rdTotalTimeNs());
                out.put("wr_total_times", io.wrTotalTimeNs());
                out.put("flush_total_times", io.flushTotalTimeNs());
                return out;
            }
        }
        throw new io.jvirt.error.InternalException(ErrorNumber.INTERNAL_ERROR, ErrorDomain.QEMU,
                "cannot find statistics for device '" + target.alias() + "'");
    }

    static Map<String, Long> iface(DomainObj d, String device) {
        DomainStopper.requireRunning(d);
        InterfaceDef nic = d.liveDef().devices().interfaces().stream()
                .filter(n -> device.equals(n.targetDev()) || device.equalsIgnoreCase(n.mac()))
                .findFirst().orElseThrow(() -> new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                        "'" + device + "' is not a known interface"));
        if (nic.type().equals("user") || nic.targetDev() == null) {
            throw new OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "interface statistics are not available for user-mode networking (no host device)");
        }
        // a tap device: what the host receives is what the guest sent
        Path st = Path.of("/sys/class/net", nic.targetDev(), "statistics");
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("rx_bytes", read(st, "tx_bytes"));
        out.put("rx_packets", read(st, "tx_packets"));
        out.put("rx_errs", read(st, "tx_errors"));
        out.put("rx_drop", read(st, "tx_dropped"));
        out.put("tx_bytes", read(st, "rx_bytes"));
        out.put("tx_packets", read(st, "rx_packets"));
        out.put("tx_errs", read(st, "rx_errors"));
        out.put("tx_drop", read(st, "rx_dropped"));
        return out;
    }

    private static long read(Path dir, String name) {
        try {
            return Long.parseLong(Files.readString(dir.resolve(name)).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
