package io.jvirt.qemu.driver;

import io.jvirt.DomainInfo;
import io.jvirt.DomainRef;
import io.jvirt.Flags;
import io.jvirt.conf.CpuDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.qemu.caps.HostCpuModel;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.conf.xml.FormatFlag;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.process.QemuProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Read-only questions about domains. Never takes a job, so never waits behind one. */
final class DomainQueries {
    /** Clock ticks per second of /proc/PID/stat times (USER_HZ, 100 on every Linux port we run on). */
    private static final long USER_HZ = 100;
    private final QemuDriver driver;

    DomainQueries(QemuDriver driver) {
        this.driver = driver;
    }

    DomainObj byRef(DomainRef ref) {
        return driver.domains.require(ref.uuid(), ref.name());
    }

    DomainRef lookupByName(String name) {
        return driver.domains.byName(name).map(DomainObj::ref).orElseThrow(() ->
                new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                        "no domain with matching name '" + name + "'"));
    }

    DomainRef lookupByUUID(java.util.UUID uuid) {
        return driver.domains.byUuid(uuid).map(DomainObj::ref).orElseThrow(() ->
                new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                        "no domain with matching uuid '" + uuid + "'"));
    }

    DomainRef lookupByID(int id) {
        return driver.domains.byId(id).filter(DomainObj::isActive).map(DomainObj::ref).orElseThrow(() ->
                new NoSuchObjectException(ErrorNumber.NO_DOMAIN, ErrorDomain.QEMU,
                        "no domain with matching id " + id));
    }

    List<DomainRef> listAll(int flags) {
        Flags.check(flags, Flags.ListAll.ALL, "qemuConnectListAllDomains");
        List<DomainRef> out = new ArrayList<>();
        for (DomainObj d : driver.domains.all()) {
            if (matches(d, flags)) {
                out.add(d.ref());
            }
        }
        return out;
    }

    private boolean matches(DomainObj d, int flags) {
        boolean active = d.isActive();
        if (!pair(flags, Flags.ListAll.ACTIVE, Flags.ListAll.INACTIVE, active)) {
            return false;
        }
        if (!pair(flags, Flags.ListAll.PERSISTENT, Flags.ListAll.TRANSIENT, d.isPersistent())) {
            return false;
        }
        int stateBits = Flags.ListAll.RUNNING | Flags.ListAll.PAUSED | Flags.ListAll.SHUTOFF | Flags.ListAll.OTHER;
        if ((flags & stateBits) != 0) {
            int mine = switch (d.status().state()) {
                case RUNNING -> Flags.ListAll.RUNNING;
                case PAUSED -> Flags.ListAll.PAUSED;
                case SHUTOFF -> Flags.ListAll.SHUTOFF;
                default -> Flags.ListAll.OTHER;
            };
            if ((flags & mine) == 0) {
                return false;
            }
        }
        if (!pair(flags, Flags.ListAll.AUTOSTART, Flags.ListAll.NO_AUTOSTART, d.autostart())) {
            return false;
        }
        // the managed save image is looked for on disk only when the filter asks
        if ((flags & (Flags.ListAll.MANAGEDSAVE | Flags.ListAll.NO_MANAGEDSAVE)) != 0
                && !pair(flags, Flags.ListAll.MANAGEDSAVE, Flags.ListAll.NO_MANAGEDSAVE, driver.saver.hasManagedSave(d))) {
            return false;
        }
        // jvirt has no snapshots or checkpoints yet: every domain has none
        return pair(flags, Flags.ListAll.HAS_SNAPSHOT, Flags.ListAll.NO_SNAPSHOT, false)
                && pair(flags, Flags.ListAll.HAS_CHECKPOINT, Flags.ListAll.NO_CHECKPOINT, false);
    }

    /** libvirt's filter pairs: neither or both bits set accept all; one bit selects. */
    private static boolean pair(int flags, int yes, int no, boolean value) {
        boolean y = (flags & yes) != 0;
        boolean n = (flags & no) != 0;
        return y == n || (y ? value : !value);
    }

    DomainInfo info(DomainObj d) {
        DomainDef def = d.currentDef();
        QemuProcess p = d.process();
        long maxKiB = def.memory().memory().kib();
        long curKiB = def.memory().currentMemory() != null ? def.memory().currentMemory().kib() : maxKiB;
        return new DomainInfo(d.status().state(), maxKiB, curKiB, def.vcpu().effectiveCurrent(),
                p == null ? 0 : cpuTimeNs(p.pid()));
    }

    /** User + system CPU time of a process and all its threads. */
    static long cpuTimeNs(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ", field 3 (state) is f[0]; utime is field 14, stime 15
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
            return ticks * (1_000_000_000L / USER_HZ);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    String xml(DomainObj d, int flags) {
        Flags.check(flags, Flags.Xml.SECURE | Flags.Xml.INACTIVE | Flags.Xml.UPDATE_CPU | Flags.Xml.MIGRATABLE,
                "qemuDomainGetXMLDesc");
        Set<FormatFlag> ff = EnumSet.noneOf(FormatFlag.class);
        if ((flags & Flags.Xml.SECURE) != 0) {
            ff.add(FormatFlag.SECURE);
        }
        if ((flags & Flags.Xml.MIGRATABLE) != 0) {
            ff.add(FormatFlag.MIGRATABLE);
        }
        boolean updateCpu = (flags & Flags.Xml.UPDATE_CPU) != 0;
        return d.locked(() -> {
            boolean wantInactive = (flags & Flags.Xml.INACTIVE) != 0 && d.persistentDef() != null;
            if (wantInactive || !d.isActive()) {
                ff.add(FormatFlag.INACTIVE);
                DomainDef def = wantInactive ? d.persistentDef() : d.currentDef();
                return DomainXml.format(updateCpu ? withHostCpu(def) : def, -1, ff);
            }
            return DomainXml.format(updateCpu ? withHostCpu(d.liveDef()) : d.liveDef(), d.id(), ff);
        });
    }

    /**
     * --update-cpu: a {@code host-model} CPU shown as what it expands to on this host (the model,
     * vendor and feature policies domcapabilities reports), keeping the topology and the user's
     * own features, which win over the host model's for the same name.
     */
    private DomainDef withHostCpu(DomainDef def) {
        CpuDef cpu = def.cpu();
        if (!"host-model".equals(cpu.mode())) {
            return def;
        }
        HostCpuModel host = driver.caps.get(def.devices().emulator()).hostCpu();
        if (host == null) {
            return def;
        }
        java.util.Map<String, CpuDef.Feature> features = new java.util.LinkedHashMap<>();
        host.require().forEach(f -> features.put(f, new CpuDef.Feature("require", f)));
        host.disable().forEach(f -> features.put(f, new CpuDef.Feature("disable", f)));
        cpu.features().forEach(f -> features.put(f.name(), f));
        return def.withCpu(new CpuDef(cpu.mode(), cpu.match(), cpu.check() == null ? "partial" : cpu.check(),
                cpu.migratable(), host.model(), "forbid", cpu.vendorId(), host.vendor(), cpu.topology(), cpu.cache(),
                List.copyOf(features.values()), cpu.numa(), cpu.maxphysaddr()));
    }

    String osType(DomainObj d) {
        return d.currentDef().os().type();
    }

    void setAutostart(DomainObj d, boolean on) {
        if (!d.isPersistent()) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "cannot set autostart for transient domain");
        }
        if (d.autostart() != on) {
            driver.configs.setAutostart(d.name(), on);
            d.setAutostart(on);
        }
    }
}
