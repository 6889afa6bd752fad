package io.jvirt.qemu.driver;

import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.paths.AtomicFiles;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.qemu.process.StatusXml;

import java.nio.file.Path;

/**
 * Status files of running domains ({@code run/qemu/NAME.xml}). Written atomically after every
 * state change. A write failure is logged, never fatal: losing a status file must not kill a guest.
 */
final class StatusStore {
    private static final System.Logger LOG = System.getLogger(StatusStore.class.getName());
    private final DriverPaths paths;

    StatusStore(DriverPaths paths) {
        this.paths = paths;
    }

    Path file(String name) {
        return paths.stateDir().resolve(name + ".xml");
    }

    /**
     * Writes the domain's status if it is running. Synchronized on the domain, as stopping is
     * ({@link DomainStopper#processExited}): a save racing with a stop either lands before the
     * stop deletes the file or sees the domain stopped, never rewrites a stale file afterwards.
     */
    void save(DomainObj d) {
        synchronized (d) {
            StatusXml s = d.locked(() -> {
                if (d.liveDef() == null || d.process() == null) {
                    return null;
                }
                return new StatusXml(d.id(), d.status(), d.process().identity(), d.monitorPath(), d.domainDir(),
                        d.autodestroy(), d.shutdownSeen(), d.shutdownByGuest(), d.persistentDef() != null, d.liveDef(),
                        d.autoNodeset());
            });
            if (s == null) {
                return;
            }
            try {
                AtomicFiles.write(file(s.def().name()), s.format());
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot save status of " + s.def().name() + ": " + e.getMessage());
            }
        }
    }

    void delete(String name) {
        try {
            AtomicFiles.delete(file(name));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot delete status of " + name + ": " + e.getMessage());
        }
    }

    /**
     * Remembers how a persistent domain stopped ({@code NAME.stopped}: "STATE REASON" codes), so
     * that the next process opening the root reports "shut off (shutdown)" rather than
     * "unknown". Runtime state: it lives under the run directory.
     */
    void saveStopped(String name, io.jvirt.DomainStatus st) {
        try {
            AtomicFiles.write(paths.stateDir().resolve(name + ".stopped"), st.state().code() + " " + st.reason().code() + "\n");
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot record how " + name + " stopped: " + e.getMessage());
        }
    }

    java.util.Optional<io.jvirt.DomainStatus> loadStopped(String name) {
        try {
            String[] f = java.nio.file.Files.readString(paths.stateDir().resolve(name + ".stopped")).trim().split(" ");
            io.jvirt.DomainState state = io.jvirt.DomainState.of(Integer.parseInt(f[0]));
            return java.util.Optional.of(io.jvirt.DomainStatus.of(io.jvirt.StateReason.of(state, Integer.parseInt(f[1]))));
        } catch (java.io.IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    void deleteStopped(String name) {
        try {
            AtomicFiles.delete(paths.stateDir().resolve(name + ".stopped"));
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot delete " + name + ".stopped: " + e.getMessage());
        }
    }
}
