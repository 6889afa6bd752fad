package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;

/**
 * IOThreads: one {@code -object iothread} per id of {@code <iothreadids>}, the count of
 * {@code <iothreads>} filled up with the lowest unused ids as libvirt does
 * ({@link io.jvirt.conf.TuningDef#effectiveIothreadIds()}); disks and virtio-scsi
 * controllers name theirs with their {@code iothread} property ({@link #id}).
 */
public final class IothreadCommandLine {
    private IothreadCommandLine() {
    }

    /** The QOM id of IOThread {@code n}. */
    public static String id(int n) {
        return "iothread" + n;
    }

    static void build(Argv a, DomainDef def) {
        for (int n : def.tuning().effectiveIothreadIds()) {
            a.json("-object", JsonProps.builder().put("qom-type", "iothread").put("id", id(n)).build());
        }
    }
}
