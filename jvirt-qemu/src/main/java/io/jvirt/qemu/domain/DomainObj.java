package io.jvirt.qemu.domain;

import io.jvirt.DomainRef;
import io.jvirt.DomainState;
import io.jvirt.DomainStatus;
import io.jvirt.StateReason;
import io.jvirt.conf.DomainDef;
import io.jvirt.qemu.process.QemuProcess;

import java.nio.file.Path;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A domain at run time: its persistent and live definitions, state, process and monitor. The
 * only mutable per-domain object. Its lock guards these fields only, is held briefly, and is
 * never held across I/O, a monitor call or a job wait; long operations take a job instead
 * ({@link JobManager}).
 */
public final class DomainObj {
    private final ReentrantLock lock = new ReentrantLock();
    private final UUID uuid;
    private final JobManager jobs = new JobManager();

    private String name;
    private DomainDef persistentDef;   // null when transient
    private DomainDef liveDef;         // null when inactive
    private int id = -1;
    private DomainStatus status = DomainStatus.of(StateReason.SHUTOFF_UNKNOWN);
    private QemuProcess process;
    private DomainMonitor monitor;
    private Path monitorPath;
    private Path domainDir;
    private boolean autostart;
    private boolean autodestroy;
    private Object autodestroyOwner;
    private boolean destroyRequested;
    private boolean crashStop;
    private boolean saved;
    private boolean shutdownSeen;
    private boolean shutdownByGuest;
    private boolean removed;
    private volatile boolean fakeReboot;
    private volatile boolean rebootResuming;
    private final java.util.Set<String> taints = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private long startedAtNanos;
    private volatile JobProgress progress;
    private String autoNodeset;        // numad's nodeset while running with placement='auto'

    public DomainObj(DomainDef def, boolean persistent) {
        this.uuid = Objects.requireNonNull(def.uuid(), "uuid");
        this.name = def.name();
        if (persistent) {
            this.persistentDef = def;
        } else {
            this.liveDef = def;
        }
    }

    /** Runs {@code body} under the state lock; keep it short and free of I/O. */
    public <T> T locked(java.util.function.Supplier<T> body) {
        lock.lock();
        try {
            return body.get();
        } finally {
            lock.unlock();
        }
    }

    public void lockedRun(Runnable body) {
        lock.lock();
        try {
            body.run();
        } finally {
            lock.unlock();
        }
    }

    public UUID uuid() {
        return uuid;
    }

    /** The progress of the long job running now, or null. */
    public JobProgress progress() {
        return progress;
    }

    /** Published by a long job while it runs (null when it ends). */
    public void setProgress(JobProgress p) {
        progress = p;
    }

    public JobManager jobs() {
        return jobs;
    }

    public String name() {
        return locked(() -> name);
    }

    public DomainRef ref() {
        return locked(() -> new DomainRef(name, uuid, id));
    }

    public boolean isActive() {
        return locked(() -> id >= 0);
    }

    public boolean isPersistent() {
        return locked(() -> persistentDef != null);
    }

    public DomainDef persistentDef() {
        return locked(() -> persistentDef);
    }

    public DomainDef liveDef() {
        return locked(() -> liveDef);
    }

    /** The definition that describes the domain now: live when running, else persistent. */
    public DomainDef currentDef() {
        return locked(() -> liveDef != null ? liveDef : persistentDef);
    }

    public int id() {
        return locked(() -> id);
    }

    public DomainStatus status() {
        return locked(() -> status);
    }

    public QemuProcess process() {
        return locked(() -> process);
    }

    public DomainMonitor monitor() {
        return locked(() -> monitor);
    }

    public Path monitorPath() {
        return locked(() -> monitorPath);
    }

    public Path domainDir() {
        return locked(() -> domainDir);
    }

    public boolean autostart() {
        return locked(() -> autostart);
    }

    public boolean autodestroy() {
        return locked(() -> autodestroy);
    }

    public Object autodestroyOwner() {
        return locked(() -> autodestroyOwner);
    }

    public boolean destroyRequested() {
        return locked(() -> destroyRequested);
    }

    /** Whether QEMU is being stopped because the guest was saved to a file. */
    public boolean saved() {
        return locked(() -> saved);
    }

    public void markSaved() {
        lockedRun(() -> saved = true);
    }

    public boolean shutdownSeen() {
        return locked(() -> shutdownSeen);
    }

    public boolean shutdownByGuest() {
        return locked(() -> shutdownByGuest);
    }

    public boolean isRemoved() {
        return locked(() -> removed);
    }

    public long startedAtNanos() {
        return locked(() -> startedAtNanos);
    }

    // ---- mutators (callers hold a job where the change is part of one) ----------------------

    public void setPersistentDef(DomainDef def) {
        lockedRun(() -> {
            persistentDef = def;
            if (def != null) {
                name = def.name();
            }
        });
    }

    public void setLiveDef(DomainDef def) {
        lockedRun(() -> liveDef = def);
    }

    public void setStatus(DomainStatus s) {
        lockedRun(() -> status = s);
    }

    /**
     * Sets the status only while the domain runs, atomically: a QEMU event handled after the
     * process was found gone must not overwrite the shutoff state.
     */
    public boolean setStatusIfActive(DomainStatus s) {
        return locked(() -> {
            if (id < 0) {
                return false;
            }
            status = s;
            return true;
        });
    }

    public void setAutostart(boolean a) {
        lockedRun(() -> autostart = a);
    }

    public void markRemoved() {
        lockedRun(() -> removed = true);
    }

    public void markDestroyRequested() {
        lockedRun(() -> destroyRequested = true);
    }

    /** The driver is stopping QEMU because the guest panicked and on_crash says destroy. */
    public void markCrashStop() {
        lockedRun(() -> crashStop = true);
    }

    public boolean crashStop() {
        return locked(() -> crashStop);
    }

    public void markShutdown(boolean byGuest) {
        lockedRun(() -> {
            shutdownSeen = true;
            shutdownByGuest = byGuest;
        });
    }

    /** Records a started (or adopted) process. */
    public void setRunning(int newId, QemuProcess proc, DomainMonitor mon, Path monPath, Path dir, DomainDef live,
                           boolean autoDestroy, Object owner) {
        lockedRun(() -> {
            autoNodeset = null;
            id = newId;
            process = proc;
            monitor = mon;
            monitorPath = monPath;
            domainDir = dir;
            liveDef = live;
            autodestroy = autoDestroy;
            autodestroyOwner = owner;
            destroyRequested = false;
            crashStop = false;
            saved = false;
            shutdownSeen = false;
            shutdownByGuest = false;
            startedAtNanos = System.nanoTime();
            taints.clear();
        });
    }

    public void setMonitor(DomainMonitor mon) {
        lockedRun(() -> monitor = mon);
    }

    /** Clears the runtime state after the process ended. */
    /** numad's nodeset of a guest running with {@code placement='auto'}, or null. */
    public String autoNodeset() {
        return locked(() -> autoNodeset);
    }

    public void setAutoNodeset(String nodeset) {
        lockedRun(() -> autoNodeset = nodeset);
    }

    public void setStopped(DomainStatus s) {
        lockedRun(() -> {
            autoNodeset = null;
            id = -1;
            process = null;
            monitor = null;
            monitorPath = null;
            domainDir = null;
            liveDef = null;
            autodestroy = false;
            autodestroyOwner = null;
            status = s;
        });
    }

    /** Marks the domain tainted for {@code reason}; false if it already was. */
    public boolean addTaint(String reason) {
        return taints.add(reason);
    }

    public java.util.Set<String> taints() {
        return java.util.Set.copyOf(taints);
    }

    /**
     * Whether an API reboot is in progress: from the request until QEMU has resumed the reset
     * guest (the SHUTDOWN, STOP and RESUME events in between are part of it, not state changes).
     */
    public boolean fakeReboot() {
        return fakeReboot;
    }

    public void setFakeReboot(boolean on) {
        fakeReboot = on;
        if (!on) {
            rebootResuming = false;
        }
    }

    /** Whether the guest of an API reboot has shut down and is being reset and resumed. */
    public boolean rebootResuming() {
        return rebootResuming;
    }

    public void setRebootResuming() {
        rebootResuming = true;
    }

    public boolean isPaused() {
        return locked(() -> status.state() == DomainState.PAUSED);
    }
}
