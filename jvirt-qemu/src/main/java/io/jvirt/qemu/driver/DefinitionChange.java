package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;

import java.util.function.BiFunction;

/**
 * One change to a guest's live and/or persistent definition under a modify job, as the
 * {@code VIR_DOMAIN_AFFECT_*} flags pick them. The config's edit runs first, so a value it refuses
 * changes nothing; the live edit (which may act on QEMU) runs next and is saved in the status
 * XML; the config is written last.
 */
final class DefinitionChange {
    private DefinitionChange() {
    }

    /** Applies {@code edit} (given a definition and whether it is the live one) to the targets of {@code flags}. */
    static void apply(QemuDriver driver, DomainObj d, int flags, String job,
                      BiFunction<DomainDef, Boolean, DomainDef> edit) {
        try (JobManager.Job j = d.jobs().begin(JobManager.JobType.MODIFY, job, QemuDriver.JOB_WAIT)) {
            boolean[] target = DomainMemory.Affect.resolve(d, flags);
            DomainDef persistent = target[1] ? d.persistentDef() : null;
            DomainDef config = persistent == null ? null : edit.apply(persistent, false);
            if (target[0]) {
                d.setLiveDef(edit.apply(d.liveDef(), true));
                driver.status.save(d);
            }
            if (config != null) {
                driver.configs.save(config);
                d.setPersistentDef(config);
            }
        }
    }
}
