package io.jvirt.spi;

import io.jvirt.ByteStream;

import io.jvirt.DomainEventListener;
import io.jvirt.DomainInfo;
import io.jvirt.DomainRef;
import io.jvirt.DomainStatus;
import io.jvirt.EventRegistration;
import io.jvirt.NodeInfo;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationUnsupportedException;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One open connection to a hypervisor driver: the table every front door calls. The embedded QEMU
 * driver implements it in-process; the remote client implements it over the wire; the daemon
 * dispatches wire calls to an instance of it. So no behaviour lives in only one front door.
 *
 * <p>Domains are named by {@link DomainRef}; drivers look them up by UUID. Flags are libvirt's
 * bits (see {@link io.jvirt.Flags}). Every method may be called from any thread. Failures are
 * {@link io.jvirt.error.LibvirtException}s carrying libvirt's error numbers. A method a driver
 * does not implement fails with VIR_ERR_NO_SUPPORT, as libvirt's do.
 */
public interface ConnectDriver extends AutoCloseable {

    // ---- connection and host -------------------------------------------------------------

    /** The canonical URI of this connection ("qemu:///embed?root=/x", "qemu:///system"). */
    String uri();

    /** The hypervisor type: "QEMU". */
    String type();

    /** The hypervisor version as major * 1000000 + minor * 1000 + micro. */
    long hypervisorVersion();

    /** The version of the libvirt API this driver matches, as major * 1000000 + minor * 1000 + micro. */
    long libVersion();

    /** The host's name. */
    String hostname();

    /** The capabilities XML document. */
    default String capabilities() {
        throw unsupported("virConnectGetCapabilities");
    }

    /**
     * The domain capabilities XML document for one emulator, architecture, machine type and
     * virt type; null arguments pick the defaults ({@code virConnectGetDomainCapabilities}).
     */
    default String domainCapabilities(String emulatorBin, String arch, String machine, String virtType, int flags) {
        throw unsupported("virConnectGetDomainCapabilities");
    }

    /** The host's CPUs and memory ({@code virNodeGetInfo}). */
    default NodeInfo nodeInfo() {
        throw unsupported("virNodeGetInfo");
    }

    /**
     * Memory statistics in KiB, by libvirt's field names ("total", "free", "buffers", "cached"),
     * for the host ({@code cellNum} -1) or one NUMA cell ({@code virNodeGetMemoryStats}).
     */
    default Map<String, Long> nodeMemoryStats(int cellNum, int flags) {
        throw unsupported("virNodeGetMemoryStats");
    }

    /** The host's SMBIOS information as a sysinfo XML document ({@code virConnectGetSysinfo}). */
    default String sysinfo(int flags) {
        throw unsupported("virConnectGetSysinfo");
    }

    /** The native configuration (format "qemu-argv") a domain XML would run as. */
    default String domainXmlToNative(String format, String xml, int flags) {
        throw unsupported("virConnectDomainXMLToNative");
    }

    /** Domain XML for a native configuration (format "qemu-argv"). */
    default String domainXmlFromNative(String format, String config, int flags) {
        throw unsupported("virConnectDomainXMLFromNative");
    }

    // ---- defining and finding domains ----------------------------------------------------

    DomainRef defineXML(String xml, int flags);

    DomainRef createXML(String xml, int flags);

    DomainRef lookupByName(String name);

    DomainRef lookupByUUID(UUID uuid);

    DomainRef lookupByID(int id);

    // ---- node devices --------------------------------------------------------------------

    /**
     * The names of the host devices matching {@link io.jvirt.Flags.ListAllNodeDevices} filters (capability
     * bits, any of them; 0 for all), the computer first, then by name.
     */
    default List<String> listAllNodeDevices(int flags) {
        throw unsupported("virConnectListAllNodeDevices");
    }

    /** {@code name} if such a device exists, else VIR_ERR_NO_NODE_DEVICE. */
    default String nodeDeviceLookupByName(String name) {
        throw unsupported("virNodeDeviceLookupByName");
    }

    default String nodeDeviceGetXMLDesc(String name, int flags) {
        throw unsupported("virNodeDeviceGetXMLDesc");
    }

    /** The parent's name; null for the root device. */
    default String nodeDeviceGetParent(String name) {
        throw unsupported("virNodeDeviceGetParent");
    }

    default List<String> nodeDeviceListCaps(String name) {
        throw unsupported("virNodeDeviceListCaps");
    }

    default boolean nodeDeviceIsActive(String name) {
        throw unsupported("virNodeDeviceIsActive");
    }

    default boolean nodeDeviceIsPersistent(String name) {
        throw unsupported("virNodeDeviceIsPersistent");
    }

    default boolean nodeDeviceGetAutostart(String name) {
        throw unsupported("virNodeDeviceGetAutostart");
    }

    /**
     * Registers a listener for host device lifecycle events, of one device ({@code device}) or of all
     * (null); closing the registration stops them.
     */
    default EventRegistration addNodeDeviceEventListener(String device, io.jvirt.NodeDeviceEventListener listener) {
        throw unsupported("virConnectNodeDeviceEventRegisterAny");
    }

    /** Binds a PCI device to the assignment stub ({@code driverName} null or "vfio"). */
    default void nodeDeviceDetach(String name, String driverName, int flags) {
        throw unsupported("virNodeDeviceDetachFlags");
    }

    default void nodeDeviceReAttach(String name) {
        throw unsupported("virNodeDeviceReAttach");
    }

    default void nodeDeviceReset(String name) {
        throw unsupported("virNodeDeviceReset");
    }

    // ---- secrets -------------------------------------------------------------------------

    /** Defines (or redefines, by UUID) a secret from secret XML. */
    default io.jvirt.SecretRef secretDefineXML(String xml, int flags) {
        throw unsupported("virSecretDefineXML");
    }

    default io.jvirt.SecretRef secretLookupByUUID(java.util.UUID uuid) {
        throw unsupported("virSecretLookupByUUID");
    }

    default io.jvirt.SecretRef secretLookupByUsage(int usageType, String usageId) {
        throw unsupported("virSecretLookupByUsage");
    }

    /** Secrets matching {@link io.jvirt.Flags.ListAllSecrets} filters, in a stable order (by UUID). */
    default List<io.jvirt.SecretRef> listAllSecrets(int flags) {
        throw unsupported("virConnectListAllSecrets");
    }

    default String secretGetXMLDesc(io.jvirt.SecretRef secret, int flags) {
        throw unsupported("virSecretGetXMLDesc");
    }

    default byte[] secretGetValue(io.jvirt.SecretRef secret, int flags) {
        throw unsupported("virSecretGetValue");
    }

    default void secretSetValue(io.jvirt.SecretRef secret, byte[] value, int flags) {
        throw unsupported("virSecretSetValue");
    }

    default void secretUndefine(io.jvirt.SecretRef secret) {
        throw unsupported("virSecretUndefine");
    }

    /** Domains matching {@link io.jvirt.Flags.ListAll} filters, in a stable order (by name). */
    List<DomainRef> listAllDomains(int flags);

    // ---- lifecycle -----------------------------------------------------------------------

    /** Starts a defined domain; returns its reference with the new id. */
    DomainRef create(DomainRef dom, int flags);

    void destroy(DomainRef dom, int flags);

    void shutdown(DomainRef dom, int flags);

    void undefine(DomainRef dom, int flags);

    default void suspend(DomainRef dom) {
        throw unsupported("virDomainSuspend");
    }

    default void resume(DomainRef dom) {
        throw unsupported("virDomainResume");
    }

    default void reboot(DomainRef dom, int flags) {
        throw unsupported("virDomainReboot");
    }

    default void reset(DomainRef dom, int flags) {
        throw unsupported("virDomainReset");
    }

    /**
     * Sends a raw monitor command (QMP JSON, or HMP text with
     * {@link io.jvirt.Flags.QemuMonitorCommand#HMP}) and returns QEMU's reply; taints the domain
     * ({@code virDomainQemuMonitorCommand}).
     */
    default String qemuMonitorCommand(DomainRef dom, String command, int flags) {
        throw unsupported("virDomainQemuMonitorCommand");
    }

    /**
     * Sets the current (balloon) or, with {@link io.jvirt.Flags.Memory#MAXIMUM}, the maximum memory
     * in KiB, live and/or in the persistent config ({@link io.jvirt.Flags.Affect}).
     */
    default void setMemory(DomainRef dom, long kib, int flags) {
        throw unsupported("virDomainSetMemoryFlags");
    }

    /** Sets the vCPU count ({@link io.jvirt.Flags.Vcpu}, {@link io.jvirt.Flags.Affect}): live hotplug or config. */
    default void setVcpus(DomainRef dom, int count, int flags) {
        throw unsupported("virDomainSetVcpusFlags");
    }

    /**
     * Enables or disables the vCPUs a list names ("1-3,^2"), live (hotplug) and/or in the config
     * ({@link io.jvirt.Flags.Affect}).
     */
    default void setVcpu(DomainRef dom, String cpumap, boolean enable, int flags) {
        throw unsupported("virDomainSetVcpu");
    }

    /** The current or maximum vCPU count of the live or persistent definition. */
    default int getVcpus(DomainRef dom, int flags) {
        throw unsupported("virDomainGetVcpusFlags");
    }

    /**
     * A group of tuning parameters of the live ({@link io.jvirt.Flags.Affect#LIVE}) or persistent
     * ({@link io.jvirt.Flags.Affect#CONFIG}) definition, in libvirt's names, types and order.
     */
    default List<io.jvirt.TypedParameter> getTunables(DomainRef dom, io.jvirt.TunableGroup group, int flags) {
        throw unsupported(group.getter());
    }

    /** Changes tuning parameters of a group live and/or in the persistent definition. */
    default void setTunables(DomainRef dom, io.jvirt.TunableGroup group, List<io.jvirt.TypedParameter> params,
                             int flags) {
        throw unsupported(group.setter());
    }

    /** A disk's I/O throttling ({@code virDomainGetBlockIoTune}): libvirt's parameters, in its order. */
    default List<io.jvirt.TypedParameter> getBlockIoTune(DomainRef dom, String disk, int flags) {
        throw unsupported("virDomainGetBlockIoTune");
    }

    /** Changes a disk's I/O throttling live and/or in the config ({@code virDomainSetBlockIoTune}). */
    default void setBlockIoTune(DomainRef dom, String disk, List<io.jvirt.TypedParameter> params, int flags) {
        throw unsupported("virDomainSetBlockIoTune");
    }

    /** Per vCPU, the host CPUs it may run on, from the live or persistent definition. */
    default List<java.util.BitSet> getVcpuPinInfo(DomainRef dom, int flags) {
        throw unsupported("virDomainGetVcpuPinInfo");
    }

    /** Pins vCPU {@code vcpu} to the host CPUs {@code cpus}, live and/or in the config. */
    default void pinVcpu(DomainRef dom, int vcpu, java.util.BitSet cpus, int flags) {
        throw unsupported("virDomainPinVcpuFlags");
    }

    /** The host CPUs the emulator threads may run on. */
    default java.util.BitSet getEmulatorPinInfo(DomainRef dom, int flags) {
        throw unsupported("virDomainGetEmulatorPinInfo");
    }

    /** Pins the emulator threads to the host CPUs {@code cpus}, live and/or in the config. */
    default void pinEmulator(DomainRef dom, java.util.BitSet cpus, int flags) {
        throw unsupported("virDomainPinEmulator");
    }

    /** The domain's IOThreads and the host CPUs each may run on ({@code virDomainGetIOThreadInfo}). */
    default List<io.jvirt.IOThreadInfo> getIOThreadInfo(DomainRef dom, int flags) {
        throw unsupported("virDomainGetIOThreadInfo");
    }

    /** Pins IOThread {@code id} to the host CPUs {@code cpus}, live and/or in the config. */
    default void pinIOThread(DomainRef dom, int id, java.util.BitSet cpus, int flags) {
        throw unsupported("virDomainPinIOThread");
    }

    /** Adds IOThread {@code id}, live and/or in the config. */
    default void addIOThread(DomainRef dom, int id, int flags) {
        throw unsupported("virDomainAddIOThread");
    }

    /** Removes IOThread {@code id}, live and/or in the config. */
    default void delIOThread(DomainRef dom, int id, int flags) {
        throw unsupported("virDomainDelIOThread");
    }

    /** The scheduler's name ("posix" for QEMU guests). */
    default String getSchedulerType(DomainRef dom) {
        throw unsupported("virDomainGetSchedulerType");
    }

    /** Memory statistics in libvirt's tags ("actual", "rss", ...) and units (KiB). */
    default java.util.Map<String, Long> memoryStats(DomainRef dom) {
        throw unsupported("virDomainMemoryStats");
    }

    /**
     * I/O statistics of a disk (by target "vda" or source path) in virDomainBlockStatsFlags'
     * parameter names: rd_operations, rd_bytes, wr_operations, wr_bytes, flush_operations,
     * rd_total_times, wr_total_times, flush_total_times (times in ns).
     */
    default java.util.Map<String, Long> blockStats(DomainRef dom, String disk) {
        throw unsupported("virDomainBlockStatsFlags");
    }

    /** Traffic of an interface (by target dev or MAC): rx_bytes, rx_packets, rx_errs, rx_drop, tx_*. */
    default java.util.Map<String, Long> interfaceStats(DomainRef dom, String device) {
        throw unsupported("virDomainInterfaceStats");
    }

    /** Adds a device (disk, interface XML) live and/or to the config ({@link io.jvirt.Flags.Affect}). */
    default void attachDevice(DomainRef dom, String xml, int flags) {
        throw unsupported("virDomainAttachDeviceFlags");
    }

    /** Removes a device live (the guest must release it) and/or from the config. */
    default void detachDevice(DomainRef dom, String xml, int flags) {
        throw unsupported("virDomainDetachDeviceFlags");
    }

    /** Changes a device in place: a CD-ROM or floppy's medium (virDomainUpdateDeviceFlags). */
    default void updateDevice(DomainRef dom, String xml, int flags) {
        throw unsupported("virDomainUpdateDeviceFlags");
    }

    /** Saves the running guest's state to {@code file} and stops it ({@code virDomainSaveFlags}). */
    default void save(DomainRef dom, String file, int flags) {
        throw unsupported("virDomainSaveFlags");
    }

    /**
     * Dumps the guest's core to {@code file} ({@code virDomainCoreDumpWithFormat}): QEMU's whole
     * state, or with {@code Flags.Dump.MEMORY_ONLY} guest memory in {@code format}
     * ({@code Flags.DumpFormat}).
     */
    default void coreDump(DomainRef dom, String file, int format, int flags) {
        throw unsupported("virDomainCoreDumpWithFormat");
    }

    /** The progress of the domain's current long job ({@code virDomainGetJobInfo}). */
    default io.jvirt.DomainJobInfo getJobInfo(DomainRef dom) {
        throw unsupported("virDomainGetJobInfo");
    }

    /** Cancels the domain's current long job ({@code virDomainAbortJob}). */
    default void abortJob(DomainRef dom) {
        throw unsupported("virDomainAbortJob");
    }

    /** Starts a guest from a save image ({@code virDomainRestoreFlags}); returns it. */
    default DomainRef restore(String file, int flags) {
        throw unsupported("virDomainRestoreFlags");
    }

    /** Saves to the driver-managed image; the next start resumes from it. */
    default void managedSave(DomainRef dom, int flags) {
        throw unsupported("virDomainManagedSave");
    }

    default boolean hasManagedSave(DomainRef dom) {
        return false;
    }

    default void managedSaveRemove(DomainRef dom) {
        throw unsupported("virDomainManagedSaveRemove");
    }

    // ---- queries -------------------------------------------------------------------------

    DomainStatus getState(DomainRef dom);

    DomainInfo getInfo(DomainRef dom);

    String getXMLDesc(DomainRef dom, int flags);

    boolean isActive(DomainRef dom);

    boolean isPersistent(DomainRef dom);

    default String getOSType(DomainRef dom) {
        throw unsupported("virDomainGetOSType");
    }

    default boolean getAutostart(DomainRef dom) {
        throw unsupported("virDomainGetAutostart");
    }

    default void setAutostart(DomainRef dom, boolean autostart) {
        throw unsupported("virDomainSetAutostart");
    }

    /**
     * Opens the console (or serial port) {@code devName} of a running domain, the first console
     * when null ({@code virDomainOpenConsole}).
     */
    default ByteStream openConsole(DomainRef dom, String devName, int flags) {
        throw unsupported("virDomainOpenConsole");
    }

    // ---- events --------------------------------------------------------------------------

    /**
     * Registers a listener for events of one domain ({@code filter} non-null) or of all.
     * Events reach the listener in order; see {@link DomainEventListener} for its duties.
     */
    EventRegistration addEventListener(DomainRef filter, DomainEventListener listener);

    /** Closes the connection; the driver keeps running guests running. Idempotent. */
    @Override
    void close();

    /** The error a driver raises for an API it does not implement. */
    static OperationUnsupportedException unsupported(String api) {
        return new OperationUnsupportedException(ErrorNumber.NO_SUPPORT, ErrorDomain.QEMU, api);
    }
}
