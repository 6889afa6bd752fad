package io.jvirt.qemu.driver;

import io.jvirt.conf.post.PostParseContext;
import io.jvirt.qemu.caps.QemuCaps;
import io.jvirt.qemu.domain.DomainObj;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What post-parse asks the driver while one definition is prepared (define, attach, restore...),
 * and the emulator's capabilities for that one operation: looked up (their cache checks the
 * binary's stamp) once, shared by post-parse and the QEMU validator. Not thread-safe: one per
 * operation.
 */
final class DriverPostParseContext implements PostParseContext {
    private final QemuDriver driver;
    private final DomainObj exclude;
    private String capsBinary;
    private QemuCaps caps;

    /** {@code exclude}: the domain being redefined, whose own MACs do not count as used. */
    DriverPostParseContext(QemuDriver driver, DomainObj exclude) {
        this.driver = driver;
        this.exclude = exclude;
    }

    /** The capabilities of {@code emulator}, from the driver's cache once per operation; a failure is not kept. */
    QemuCaps caps(String emulator) {
        if (caps == null || !emulator.equals(capsBinary)) {
            QemuCaps c = driver.caps.get(emulator);
            capsBinary = emulator;
            caps = c;
        }
        return caps;
    }

    @Override
    public String defaultArch() {
        return QemuDriver.hostArch();
    }

    @Override
    public String defaultEmulator(String arch) {
        return driver.defaultEmulator(arch);
    }

    @Override
    public String canonicalMachine(String emulator, String arch, String machine) {
        try {
            return caps(emulator).canonicalMachine(machine);
        } catch (RuntimeException e) {
            // a missing emulator is reported by validation with a clear message
            return machine == null ? "pc" : machine;
        }
    }

    @Override
    public Set<String> usedMacs() {
        Set<String> macs = new HashSet<>();
        for (DomainObj d : driver.domains.unordered()) {
            if (d == exclude) {
                continue;
            }
            var def = d.currentDef();
            if (def != null) {
                def.devices().interfaces().forEach(n -> {
                    if (n.mac() != null) {
                        macs.add(n.mac().toLowerCase(Locale.ROOT));
                    }
                });
            }
        }
        return macs;
    }

    @Override
    public void randomBytes(byte[] into) {
        driver.random.nextBytes(into);
    }
}
