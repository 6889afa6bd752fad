package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.VsockDef;
import io.jvirt.qemu.util.Rollback;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Guest CIDs for {@code <vsock><cid auto='yes'/>}: the lowest CID from 3 that no other guest of
 * this driver holds (the kernel refuses one another process holds when QEMU opens
 * /dev/vhost-vsock, so a clash still fails the start cleanly). Released when the guest stops.
 */
final class VsockCids {
    static final long FIRST = 3;
    private final Set<Long> used = new HashSet<>();

    /** The run definition with every automatic CID allocated (undone by {@code rb}). */
    synchronized DomainDef allocate(DomainDef def, Rollback rb) {
        return replace(def, v -> {
            long cid = FIRST;
            while (used.contains(cid)) {
                cid++;
            }
            used.add(cid);
            long taken = cid;
            rb.add(() -> release(taken));
            return cid;
        });
    }

    /** What domxml-to-native shows: the first CID. */
    static DomainDef preview(DomainDef def) {
        return replace(def, v -> FIRST);
    }

    synchronized void reserve(DomainDef live) {
        live.devices().of(VsockDef.class).stream().filter(v -> Boolean.TRUE.equals(v.cidAuto())
                && v.cidAddress() != null).forEach(v -> used.add(v.cidAddress()));
    }

    synchronized void release(DomainDef live) {
        live.devices().of(VsockDef.class).stream().filter(v -> Boolean.TRUE.equals(v.cidAuto())
                && v.cidAddress() != null).forEach(v -> used.remove(v.cidAddress()));
    }

    private synchronized void release(long cid) {
        used.remove(cid);
    }

    private static DomainDef replace(DomainDef def, java.util.function.ToLongFunction<VsockDef> cid) {
        if (def.devices().of(VsockDef.class).stream().noneMatch(v -> Boolean.TRUE.equals(v.cidAuto()))) {
            return def;
        }
        List<DeviceDef> out = new ArrayList<>();
        for (DeviceDef d : def.devices().others()) {
            if (d instanceof VsockDef v && Boolean.TRUE.equals(v.cidAuto())) {
                d = new VsockDef(v.model(), v.cidAuto(), cid.applyAsLong(v), v.alias(), v.address());
            }
            out.add(d);
        }
        return def.withDevices(def.devices().withOthers(out));
    }
}
