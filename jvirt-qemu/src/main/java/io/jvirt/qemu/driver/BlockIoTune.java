package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.TypedParameter;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.DiskIotuneDef;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * blkdeviotune: a disk's {@code <iotune>} read back as libvirt's parameters and changed live
 * ({@code block_set_io_throttle}, see {@link Iotune}) and/or in the config. As in libvirt, setting
 * a total limit clears the read and write limits of its kind that the call does not set, and the
 * other way round.
 */
final class BlockIoTune {
    private static final String GROUP = "group_name";
    private final QemuDriver driver;

    BlockIoTune(QemuDriver driver) {
        this.driver = driver;
    }

    List<TypedParameter> get(DomainObj d, String disk, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainGetBlockIoTune");
        if ((flags & Flags.Affect.LIVE) != 0 && (flags & Flags.Affect.CONFIG) != 0) {
            throw invalidArg("Flags 'live' and 'config' are mutually exclusive");
        }
        boolean live = DomainMemory.Affect.resolve(d, flags)[0];
        DiskIotuneDef t = find(live ? d.liveDef() : d.persistentDef(), disk).iotune();
        List<TypedParameter> out = new ArrayList<>();
        for (String name : DiskIotuneDef.NAMES) {
            out.add(TypedParameter.ofULong(name, t.get(name)));
            if (name.equals("size_iops_sec")) {
                out.add(TypedParameter.ofString(GROUP, t.groupName() == null ? "" : t.groupName()));
            }
        }
        return out;
    }

    void set(DomainObj d, String disk, List<TypedParameter> params, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "virDomainSetBlockIoTune");
        for (TypedParameter p : params) {
            if (!p.field().equals(GROUP) && !DiskIotuneDef.NAMES.contains(p.field())) {
                throw invalidArg("parameter '" + p.field() + "' not supported");
            }
        }
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "blkdeviotune", QemuDriver.JOB_WAIT)) {
            boolean[] target = DomainMemory.Affect.resolve(d, flags);
            DomainDef config = null;
            if (target[1]) { // everything is checked before the live change
                DomainDef persistent = d.persistentDef();
                config = replace(persistent, find(persistent, disk), params);
            }
            if (target[0]) {
                DomainDef live = d.liveDef();
                DiskDef old = find(live, disk);
                DomainDef updated = replace(live, old, params);
                DiskDef now = find(updated, disk);
                DomainStopper.monitorOf(d).execute("block_set_io_throttle", Iotune.args(now, now.iotune()));
                d.setLiveDef(updated);
                driver.status.save(d);
            }
            if (config != null) {
                driver.configs.save(config);
                d.setPersistentDef(config);
            }
        }
    }

    /** {@code def} with {@code disk}'s iotune changed by {@code params}, checked. */
    private static DomainDef replace(DomainDef def, DiskDef disk, List<TypedParameter> params) {
        Map<String, Long> values = new LinkedHashMap<>(disk.iotune().values());
        String group = disk.iotune().groupName();
        java.util.Set<String> given = new java.util.HashSet<>();
        params.forEach(p -> given.add(p.field()));
        for (TypedParameter p : params) {
            if (p.field().equals(GROUP)) {
                group = p.asText().isEmpty() ? null : p.asText();
                continue;
            }
            long v = p.asLong();
            String name = p.field();
            String kind = name.replaceFirst("^(total|read|write)_", "");
            if (v > 0 && name.startsWith("total_")) {
                for (String rw : List.of("read_", "write_")) {
                    if (!given.contains(rw + kind)) {
                        values.remove(rw + kind);
                    }
                }
            } else if (v > 0 && (name.startsWith("read_") || name.startsWith("write_")) && !given.contains("total_" + kind)) {
                values.remove("total_" + kind);
            }
            if (v == 0) {
                values.remove(name);
            } else {
                values.put(name, v);
            }
        }
        Map<String, Long> ordered = new LinkedHashMap<>();
        DiskIotuneDef.NAMES.forEach(n -> {
            if (values.containsKey(n)) {
                ordered.put(n, values.get(n));
            }
        });
        DiskDef now = disk.withIotune(new DiskIotuneDef(ordered, group));
        Iotune.validate(now);
        var dv = def.devices();
        return def.withDevices(dv.withDisks(dv.disks().stream().map(x -> x == disk ? now : x).toList()));
    }

    private static DiskDef find(DomainDef def, String disk) {
        return def.devices().disks().stream()
                .filter(x -> disk != null && (disk.equals(x.targetDev()) || disk.equals(x.source()))).findFirst()
                .orElseThrow(() -> invalidArg("disk '" + disk + "' was not found in the domain config"));
    }

    private static InvalidArgException invalidArg(String msg) {
        return new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, msg);
    }
}
