package io.jvirt;

import java.util.Objects;
import java.util.UUID;

/**
 * A handle on a domain ({@code virDomainPtr}): its name and UUID, and the connection it came from.
 * The handle stays valid while the domain exists; operations on a domain that no longer exists
 * fail with VIR_ERR_NO_DOMAIN. Thread-safe.
 */
public final class Domain {
    private final Connect conn;
    private final DomainRef ref;

    Domain(Connect conn, DomainRef ref) {
        this.conn = Objects.requireNonNull(conn, "conn");
        this.ref = Objects.requireNonNull(ref, "ref");
    }

    /** The reference passed to drivers. */
    public DomainRef ref() {
        return ref;
    }

    public Connect getConnect() {
        return conn;
    }

    public String getName() {
        return ref.name();
    }

    public UUID getUUID() {
        return ref.uuid();
    }

    public String getUUIDString() {
        return ref.uuid().toString();
    }

    /** The domain's current id, or -1 when it is not running. */
    public int getID() {
        return conn.driver().lookupByUUID(ref.uuid()).id();
    }

    /** Starts the defined domain. */
    public void create() {
        create(0);
    }

    /** Starts the defined domain with {@link Flags.Start} flags. */
    public void create(int flags) {
        conn.driver().create(ref, flags);
    }

    /** Stops the domain at once (SIGTERM, then SIGKILL). */
    public void destroy() {
        destroy(0);
    }

    public void destroy(int flags) {
        conn.driver().destroy(ref, flags);
    }

    /** Asks the guest to shut down (ACPI power button); returns at once. */
    public void shutdown() {
        shutdown(0);
    }

    public void shutdown(int flags) {
        conn.driver().shutdown(ref, flags);
    }

    /** Reboots the guest (ACPI: the guest shuts down and QEMU restarts it). */
    public void reboot() {
        reboot(0);
    }

    public void reboot(int flags) {
        conn.driver().reboot(ref, flags);
    }

    public void reset() {
        conn.driver().reset(ref, 0);
    }

    public void suspend() {
        conn.driver().suspend(ref);
    }

    public void resume() {
        conn.driver().resume(ref);
    }

    /** Removes the persistent configuration; a running domain becomes transient. */
    public void undefine() {
        undefine(0);
    }

    public void undefine(int flags) {
        conn.driver().undefine(ref, flags);
    }

    public DomainStatus getState() {
        return conn.driver().getState(ref);
    }

    public DomainInfo getInfo() {
        return conn.driver().getInfo(ref);
    }

    /** The domain XML with {@link Flags.Xml} flags. */
    public String getXMLDesc(int flags) {
        return conn.driver().getXMLDesc(ref, flags);
    }

    public boolean isActive() {
        return conn.driver().isActive(ref);
    }

    public boolean isPersistent() {
        return conn.driver().isPersistent(ref);
    }

    public String getOSType() {
        return conn.driver().getOSType(ref);
    }

    public boolean getAutostart() {
        return conn.driver().getAutostart(ref);
    }

    public void setAutostart(boolean autostart) {
        conn.driver().setAutostart(ref, autostart);
    }

    /** Opens the guest's console ({@code devName} null) or a named serial/console device. */
    public ByteStream openConsole(String devName) {
        return conn.driver().openConsole(ref, devName, 0);
    }

    /** A raw QEMU monitor command: QMP JSON, or HMP text with {@link Flags.QemuMonitorCommand#HMP}. */
    public String qemuMonitorCommand(String command, int flags) {
        return conn.driver().qemuMonitorCommand(ref, command, flags);
    }

    /** Sets the current memory in KiB with {@link Flags.Affect} (and {@link Flags.Memory}) flags. */
    public void setMemory(long kib, int flags) {
        conn.driver().setMemory(ref, kib, flags);
    }

    /** Tuning parameters of a group ({@link Flags.Affect}: live or persistent definition). */
    public java.util.List<TypedParameter> getTunables(TunableGroup group, int flags) {
        return conn.driver().getTunables(ref, group, flags);
    }

    /** Changes tuning parameters of a group live and/or in the persistent definition ({@link Flags.Affect}). */
    public void setTunables(TunableGroup group, java.util.List<TypedParameter> params, int flags) {
        conn.driver().setTunables(ref, group, params, flags);
    }

    /** virDomainGetMemoryParameters. */
    public java.util.List<TypedParameter> getMemoryParameters(int flags) {
        return getTunables(TunableGroup.MEMORY, flags);
    }

    /** virDomainSetMemoryParameters. */
    public void setMemoryParameters(java.util.List<TypedParameter> params, int flags) {
        setTunables(TunableGroup.MEMORY, params, flags);
    }

    /** virDomainGetBlockIoTune: the I/O throttling of disk {@code disk} (target or source). */
    public java.util.List<TypedParameter> getBlockIoTune(String disk, int flags) {
        return conn.driver().getBlockIoTune(ref, disk, flags);
    }

    /** virDomainSetBlockIoTune. */
    public void setBlockIoTune(String disk, java.util.List<TypedParameter> params, int flags) {
        conn.driver().setBlockIoTune(ref, disk, params, flags);
    }

    /** virDomainGetVcpuPinInfo: per vCPU, the host CPUs it may run on. */
    public java.util.List<java.util.BitSet> getVcpuPinInfo(int flags) {
        return conn.driver().getVcpuPinInfo(ref, flags);
    }

    /** virDomainPinVcpuFlags. */
    public void pinVcpu(int vcpu, java.util.BitSet cpus, int flags) {
        conn.driver().pinVcpu(ref, vcpu, cpus, flags);
    }

    /** virDomainGetEmulatorPinInfo. */
    public java.util.BitSet getEmulatorPinInfo(int flags) {
        return conn.driver().getEmulatorPinInfo(ref, flags);
    }

    /** virDomainPinEmulator. */
    public void pinEmulator(java.util.BitSet cpus, int flags) {
        conn.driver().pinEmulator(ref, cpus, flags);
    }

    /** virDomainGetIOThreadInfo: each IOThread and the host CPUs it may run on. */
    public java.util.List<IOThreadInfo> getIOThreadInfo(int flags) {
        return conn.driver().getIOThreadInfo(ref, flags);
    }

    /** virDomainPinIOThread. */
    public void pinIOThread(int id, java.util.BitSet cpus, int flags) {
        conn.driver().pinIOThread(ref, id, cpus, flags);
    }

    /** virDomainAddIOThread. */
    public void addIOThread(int id, int flags) {
        conn.driver().addIOThread(ref, id, flags);
    }

    /** virDomainDelIOThread. */
    public void delIOThread(int id, int flags) {
        conn.driver().delIOThread(ref, id, flags);
    }

    /** virDomainGetSchedulerType: "posix". */
    public String getSchedulerType() {
        return conn.driver().getSchedulerType(ref);
    }

    /** virDomainGetSchedulerParametersFlags. */
    public java.util.List<TypedParameter> getSchedulerParameters(int flags) {
        return getTunables(TunableGroup.SCHEDULER, flags);
    }

    /** virDomainSetSchedulerParametersFlags. */
    public void setSchedulerParameters(java.util.List<TypedParameter> params, int flags) {
        setTunables(TunableGroup.SCHEDULER, params, flags);
    }

    /** Memory statistics: libvirt's tags ("actual", "rss", ...) in KiB. */
    public java.util.Map<String, Long> memoryStats() {
        return conn.driver().memoryStats(ref);
    }

    /** Disk I/O statistics (virDomainBlockStatsFlags' parameter names). */
    public java.util.Map<String, Long> blockStats(String disk) {
        return conn.driver().blockStats(ref, disk);
    }

    /** Interface traffic statistics (virDomainInterfaceStats' fields). */
    public java.util.Map<String, Long> interfaceStats(String device) {
        return conn.driver().interfaceStats(ref, device);
    }

    /** Saves the guest's state to {@code file} and stops it; {@link Connect#restore} brings it back. */
    public void save(String file, int flags) {
        conn.driver().save(ref, file, flags);
    }

    /**
     * Dumps the guest's core to {@code file} (virDomainCoreDump): {@code Flags.Dump} says whether
     * only memory (an ELF core), whether the guest keeps running meanwhile, and whether it is
     * stopped (crash) or reset afterwards.
     */
    public void coreDump(String file, int flags) {
        conn.driver().coreDump(ref, file, Flags.DumpFormat.RAW, flags);
    }

    /** {@link #coreDump} in a {@code Flags.DumpFormat} (kdump formats need MEMORY_ONLY). */
    public void coreDumpWithFormat(String file, int format, int flags) {
        conn.driver().coreDump(ref, file, format, flags);
    }

    /**
     * The progress of the current save, managed save or core dump (type NONE when there is
     * none). Never waits for the job: call it from another thread while the job runs.
     */
    public DomainJobInfo getJobInfo() {
        return conn.driver().getJobInfo(ref);
    }

    /** Cancels the current save, managed save or core dump; the job then fails and the guest runs on. */
    public void abortJob() {
        conn.driver().abortJob(ref);
    }

    /** Saves the guest to the driver-managed image; the next {@link #create()} resumes it. */
    public void managedSave(int flags) {
        conn.driver().managedSave(ref, flags);
    }

    public boolean hasManagedSaveImage() {
        return conn.driver().hasManagedSave(ref);
    }

    public void managedSaveRemove() {
        conn.driver().managedSaveRemove(ref);
    }

    /** Adds a device (disk or interface XML) with {@link Flags.Affect} flags. */
    public void attachDevice(String xml, int flags) {
        conn.driver().attachDevice(ref, xml, flags);
    }

    /** Removes a device (matched by target dev or MAC) with {@link Flags.Affect} flags. */
    public void detachDevice(String xml, int flags) {
        conn.driver().detachDevice(ref, xml, flags);
    }

    /** Sets the vCPU count with {@link Flags.Vcpu} and {@link Flags.Affect} flags. */
    public void setVcpus(int count, int flags) {
        conn.driver().setVcpus(ref, count, flags);
    }

    /**
     * Enables or disables individual vCPUs, named by a list like {@code "1-3,^2"}, with
     * {@link Flags.Affect} flags: live they are plugged or unplugged, in the config their
     * {@code <vcpus>} state changes.
     */
    public void setVcpu(String cpumap, boolean enable, int flags) {
        conn.driver().setVcpu(ref, cpumap, enable, flags);
    }

    public int getVcpus(int flags) {
        return conn.driver().getVcpus(ref, flags);
    }

    /** Changes a device in place (a CD-ROM's medium) with {@link Flags.Affect} flags. */
    public void updateDevice(String xml, int flags) {
        conn.driver().updateDevice(ref, xml, flags);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Domain d && d.ref.uuid().equals(ref.uuid()) && d.conn == conn;
    }

    @Override
    public int hashCode() {
        return ref.uuid().hashCode();
    }

    @Override
    public String toString() {
        return "Domain[" + ref.name() + " " + ref.uuid() + "]";
    }
}
