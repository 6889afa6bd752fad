package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.DomainRef;
import io.jvirt.Flags;
import io.jvirt.LifecycleDetail;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.DomainValidator;
import io.jvirt.conf.xml.DomainXml;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

import java.util.Optional;

/** define, undefine and createXML, and loading definitions at open. */
final class DomainDefiner {
    private final QemuDriver driver;

    DomainDefiner(QemuDriver driver) {
        this.driver = driver;
    }

    void loadConfigs() {
        for (DomainDef stored : driver.configs.loadAll()) {
            // live-only parts (aliases) are not stored: post-parse assigns them again, the same way
            DomainDef def = DomainPostParse.apply(stored, driver.postParseContext(null));
            if (driver.domains.byUuid(def.uuid()).isPresent() || driver.domains.byName(def.name()).isPresent()) {
                continue;
            }
            DomainObj d = new DomainObj(def, true);
            d.setAutostart(driver.configs.autostart(def.name()));
            driver.status.loadStopped(def.name()).ifPresent(d::setStatus);
            driver.domains.add(d);
        }
    }

    /** Parse, post-parse and validate, for the QEMU driver. */
    DomainDef prepare(String xml, DomainObj existing) {
        return prepare(DomainXml.parse(xml), existing);
    }

    /** Post-parse and validate a parsed definition, for the QEMU driver. */
    DomainDef prepare(DomainDef parsed, DomainObj existing) {
        DriverPostParseContext ctx = driver.postParseContext(existing);
        DomainDef def = DomainPostParse.apply(parsed, ctx);
        def = FirmwareSelection.postParse(def, driver.paths);
        DomainValidator.validate(def);
        QemuValidator.validate(def, ctx.caps(def.devices().emulator()));
        return def;
    }

    /** A definition read back from a save image: it already carries its addresses and aliases. */
    DomainDef prepareRestored(String xml) {
        return prepare(xml, null);
    }

    /** The domain a restored definition runs as: the defined one with its UUID, or a new transient one. */
    DomainObj objectForRestore(DomainDef def) {
        return driver.domains.withIndexLock(() -> {
            Optional<DomainObj> byUuid = driver.domains.byUuid(def.uuid());
            Optional<DomainObj> byName = driver.domains.byName(def.name());
            checkClash(def, byUuid, byName);
            if (byUuid.isPresent()) {
                if (byUuid.get().isActive()) {
                    throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.DOMAIN,
                            "domain '" + def.name() + "' is already active");
                }
                return byUuid.get();
            }
            DomainObj obj = new DomainObj(def, false);
            driver.domains.add(obj);
            return obj;
        });
    }

    DomainRef define(String xml, int flags) {
        Flags.check(flags, Flags.Define.VALIDATE, "qemuDomainDefineXMLFlags");
        DomainDef parsed = DomainXml.parse(xml);
        Optional<DomainObj> sameUuid = parsed.uuid() == null ? Optional.empty() : driver.domains.byUuid(parsed.uuid());
        Optional<DomainObj> sameName = driver.domains.byName(parsed.name());
        checkClash(parsed, sameUuid, sameName);
        // an update keeps the addresses and MACs of the existing definition's devices when the
        // caller passes back what dumpxml gave them (they carry them in the XML)
        DomainObj existing = sameName.orElse(null);
        DomainDef def = prepare(parsed, existing);
        if (existing != null && parsed.uuid() == null) {
            def = def.withUuid(existing.uuid());
        }
        DomainDef finalDef = def;
        return driver.domains.withIndexLock(() -> {
            Optional<DomainObj> cur = driver.domains.byName(finalDef.name());
            if (cur.isPresent()) {
                DomainObj d = cur.get();
                if (!d.uuid().equals(finalDef.uuid())) {
                    throw exists(finalDef, d);
                }
                try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "define", QemuDriver.JOB_WAIT)) {
                    driver.configs.save(finalDef);
                    d.setPersistentDef(finalDef);
                }
                driver.emit(new DomainEvent.Lifecycle(d.ref(), LifecycleDetail.DEFINED_UPDATED));
                return d.ref();
            }
            driver.configs.save(finalDef);
            DomainObj d = new DomainObj(finalDef, true);
            driver.domains.add(d);
            driver.emit(new DomainEvent.Lifecycle(d.ref(), LifecycleDetail.DEFINED_ADDED));
            return d.ref();
        });
    }

    private static void checkClash(DomainDef parsed, Optional<DomainObj> sameUuid, Optional<DomainObj> sameName) {
        if (sameUuid.isPresent() && !sameUuid.get().name().equals(parsed.name())) {
            DomainObj d = sameUuid.get();
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN,
                    "domain '" + d.name() + "' is already defined with uuid " + d.uuid());
        }
        if (sameName.isPresent() && parsed.uuid() != null && !sameName.get().uuid().equals(parsed.uuid())) {
            throw exists(parsed, sameName.get());
        }
    }

    private static OperationFailedException exists(DomainDef def, DomainObj d) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.DOMAIN,
                "domain '" + def.name() + "' already exists with uuid " + d.uuid());
    }

    void undefine(DomainObj d, int flags) {
        Flags.check(flags, Flags.Undefine.MANAGED_SAVE | Flags.Undefine.SNAPSHOTS_METADATA | Flags.Undefine.NVRAM
                | Flags.Undefine.KEEP_NVRAM | Flags.Undefine.CHECKPOINTS_METADATA | Flags.Undefine.TPM
                | Flags.Undefine.KEEP_TPM, "qemuDomainUndefineFlags");
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "undefine", QemuDriver.JOB_WAIT)) {
            if (!d.isPersistent()) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                        "cannot undefine transient domain");
            }
            if (driver.saver.hasManagedSave(d)) {
                if ((flags & Flags.Undefine.MANAGED_SAVE) == 0) {
                    throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                            "Refusing to undefine while domain managed save image exists");
                }
                driver.saver.removeManagedSave(d, 0);
            }
            DomainDef current = d.isActive() ? d.liveDef() : d.persistentDef();
            var hostState = UndefineHostState.plan(current, flags, driver.paths);
            String name = d.name();
            driver.configs.delete(name);
            UndefineHostState.remove(d.isActive() ? hostState.stream()
                    .filter(p -> !p.startsWith(driver.paths.swtpmStorageDir())).toList() : hostState);
            driver.status.deleteStopped(name);
            d.setAutostart(false);
            DomainRef ref = d.ref();
            if (d.isActive()) {
                d.setPersistentDef(null);
                driver.status.save(d);
            } else {
                driver.domains.remove(d);
            }
            driver.emit(new DomainEvent.Lifecycle(ref, LifecycleDetail.UNDEFINED_REMOVED));
        }
    }

    /** createXML: a transient domain, started at once; it vanishes when it stops. */
    DomainRef createXML(String xml, int flags, Object owner) {
        Flags.check(flags, Flags.Start.PAUSED | Flags.Start.AUTODESTROY | Flags.Start.BYPASS_CACHE
                | Flags.Start.VALIDATE, "qemuDomainCreateXML");
        DomainDef parsed = DomainXml.parse(xml);
        Optional<DomainObj> sameName = driver.domains.byName(parsed.name());
        Optional<DomainObj> sameUuid = parsed.uuid() == null ? Optional.empty() : driver.domains.byUuid(parsed.uuid());
        checkClash(parsed, sameUuid, sameName);
        if (sameName.isPresent() && sameName.get().isActive()) {
            throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.DOMAIN,
                    "domain '" + parsed.name() + "' is already active");
        }
        DomainDef def = prepare(parsed, sameName.orElse(null));
        if (sameName.isPresent()) {
            // starting a defined, inactive domain with a new live config; its persistent config stays
            DomainObj d = sameName.get();
            DomainDef live = parsed.uuid() == null ? def.withUuid(d.uuid()) : def;
            return driver.starter.start(d, live, flags, owner);
        }
        DomainObj d = driver.domains.withIndexLock(() -> {
            if (driver.domains.byName(def.name()).isPresent()) {
                throw new OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.DOMAIN,
                        "domain '" + def.name() + "' is already active");
            }
            DomainObj obj = new DomainObj(def, false);
            driver.domains.add(obj);
            return obj;
        });
        try {
            return driver.starter.start(d, def, flags, owner);
        } catch (RuntimeException e) {
            if (!d.isActive()) {
                driver.domains.remove(d);
            }
            throw e;
        }
    }
}
