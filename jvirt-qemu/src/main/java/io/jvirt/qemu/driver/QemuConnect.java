package io.jvirt.qemu.driver;

import io.jvirt.DomainEventListener;
import io.jvirt.DomainInfo;
import io.jvirt.DomainRef;
import io.jvirt.DomainStatus;
import io.jvirt.EventRegistration;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationInvalidException;
import io.jvirt.NodeInfo;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.host.HostName;
import io.jvirt.spi.ConnectDriver;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One connection to a {@link QemuDriver}: the {@link ConnectDriver} table over the driver's
 * operations. Many connections share one driver; the connection itself only owns its
 * autodestroy guests (destroyed when it closes) and its event registrations.
 */
public final class QemuConnect implements ConnectDriver {
    /** The libvirt API level jvirt implements. */
    public static final long LIB_VERSION = 9_000_000L;
    private final QemuDriver driver;
    private final String uri;
    private final Consumer<QemuConnect> onClose;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final java.util.Set<EventRegistration> registrations = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public QemuConnect(QemuDriver driver, String uri, Consumer<QemuConnect> onClose) {
        this.driver = driver;
        this.uri = uri;
        this.onClose = onClose;
    }

    public QemuDriver driver() {
        return driver;
    }

    private DomainObj dom(DomainRef ref) {
        checkOpen();
        return driver.queries.byRef(ref);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new OperationInvalidException(ErrorNumber.INVALID_CONN, ErrorDomain.QEMU, "connection is closed");
        }
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public String type() {
        return "QEMU";
    }

    @Override
    public long hypervisorVersion() {
        checkOpen();
        return driver.caps.get(driver.defaultEmulator(QemuDriver.hostArch())).version();
    }

    @Override
    public long libVersion() {
        return LIB_VERSION;
    }

    @Override
    public String hostname() {
        return HostName.get();
    }

    @Override
    public String capabilities() {
        checkOpen();
        return driver.host.capabilities();
    }

    @Override
    public String domainCapabilities(String emulatorBin, String arch, String machine, String virtType, int flags) {
        checkOpen();
        if (flags != 0) {
            throw new io.jvirt.error.InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    "unsupported flags (0x" + Integer.toHexString(flags) + ") in function domainCapabilities");
        }
        return driver.host.domainCapabilities(emulatorBin, arch, machine, virtType);
    }

    @Override
    public NodeInfo nodeInfo() {
        checkOpen();
        return driver.host.nodeInfo();
    }

    @Override
    public Map<String, Long> nodeMemoryStats(int cellNum, int flags) {
        checkOpen();
        return driver.host.memoryStats(cellNum);
    }

    @Override
    public String sysinfo(int flags) {
        checkOpen();
        return driver.host.sysinfo();
    }

    @Override
    public String domainXmlToNative(String format, String xml, int flags) {
        checkOpen();
        return driver.nativeConfig.toNative(format, xml, flags);
    }

    @Override
    public String domainXmlFromNative(String format, String config, int flags) {
        checkOpen();
        return driver.nativeConfig.fromNative(format, config, flags);
    }

    @Override
    public DomainRef defineXML(String xml, int flags) {
        checkOpen();
        return driver.definer.define(xml, flags);
    }

    @Override
    public DomainRef createXML(String xml, int flags) {
        checkOpen();
        return driver.definer.createXML(xml, flags, this);
    }

    @Override
    public DomainRef lookupByName(String name) {
        checkOpen();
        return driver.queries.lookupByName(name);
    }

    @Override
    public DomainRef lookupByUUID(UUID uuid) {
        checkOpen();
        return driver.queries.lookupByUUID(uuid);
    }

    @Override
    public DomainRef lookupByID(int id) {
        checkOpen();
        return driver.queries.lookupByID(id);
    }

    @Override
    public List<String> listAllNodeDevices(int flags) {
        checkOpen();
        return driver.nodeDevices.list(flags);
    }

    @Override
    public String nodeDeviceLookupByName(String name) {
        checkOpen();
        return driver.nodeDevices.lookup(name);
    }

    @Override
    public String nodeDeviceGetXMLDesc(String name, int flags) {
        checkOpen();
        return driver.nodeDevices.xml(name, flags);
    }

    @Override
    public String nodeDeviceGetParent(String name) {
        checkOpen();
        return driver.nodeDevices.parent(name);
    }

    @Override
    public List<String> nodeDeviceListCaps(String name) {
        checkOpen();
        return driver.nodeDevices.caps(name);
    }

    @Override
    public boolean nodeDeviceIsActive(String name) {
        checkOpen();
        driver.nodeDevices.lookup(name);
        return true;
    }

    @Override
    public boolean nodeDeviceIsPersistent(String name) {
        checkOpen();
        return driver.nodeDevices.persistent(name);
    }

    @Override
    public boolean nodeDeviceGetAutostart(String name) {
        checkOpen();
        return driver.nodeDevices.persistent(name); // the computer "starts" with the host; PCI devices do not
    }

    @Override
    public EventRegistration addNodeDeviceEventListener(String device, io.jvirt.NodeDeviceEventListener listener) {
        checkOpen();
        if (device != null) {
            driver.nodeDevices.lookup(device);
        }
        EventRegistration r = driver.nodeDeviceMonitor.add(device, listener);
        registrations.add(r);
        return () -> {
            registrations.remove(r);
            r.close();
        };
    }

    @Override
    public void nodeDeviceDetach(String name, String driverName, int flags) {
        checkOpen();
        NodeDevices.checkFlags(flags, 0, "virNodeDeviceDetachFlags");
        driver.pciHostdevs.nodeDetach(nodeDevicePci(name), driverName);
    }

    @Override
    public void nodeDeviceReAttach(String name) {
        checkOpen();
        driver.pciHostdevs.nodeReattach(nodeDevicePci(name));
    }

    @Override
    public void nodeDeviceReset(String name) {
        checkOpen();
        driver.pciHostdevs.nodeReset(nodeDevicePci(name));
    }

    /** The PCI address of a node device; a device of another kind is refused as libvirt refuses it. */
    private String nodeDevicePci(String name) {
        driver.nodeDevices.lookup(name);
        return NodeDevices.pciAddress(name).orElseThrow(() -> new io.jvirt.error.InvalidArgException(
                io.jvirt.error.ErrorNumber.INVALID_ARG, io.jvirt.error.ErrorDomain.NODEDEV,
                "device '" + name + "' is not a PCI device"));
    }

    @Override
    public io.jvirt.SecretRef secretDefineXML(String xml, int flags) {
        checkOpen();
        return driver.secrets.define(xml, flags);
    }

    @Override
    public io.jvirt.SecretRef secretLookupByUUID(java.util.UUID uuid) {
        checkOpen();
        return driver.secrets.lookup(uuid);
    }

    @Override
    public io.jvirt.SecretRef secretLookupByUsage(int usageType, String usageId) {
        checkOpen();
        return driver.secrets.lookupByUsage(usageType, usageId);
    }

    @Override
    public List<io.jvirt.SecretRef> listAllSecrets(int flags) {
        checkOpen();
        return driver.secrets.list(flags);
    }

    @Override
    public String secretGetXMLDesc(io.jvirt.SecretRef secret, int flags) {
        checkOpen();
        return driver.secrets.xml(secret, flags);
    }

    @Override
    public byte[] secretGetValue(io.jvirt.SecretRef secret, int flags) {
        checkOpen();
        return driver.secrets.value(secret, flags);
    }

    @Override
    public void secretSetValue(io.jvirt.SecretRef secret, byte[] value, int flags) {
        checkOpen();
        driver.secrets.setValue(secret, value, flags);
    }

    @Override
    public void secretUndefine(io.jvirt.SecretRef secret) {
        checkOpen();
        driver.secrets.undefine(secret);
    }

    @Override
    public List<DomainRef> listAllDomains(int flags) {
        checkOpen();
        return driver.queries.listAll(flags);
    }

    @Override
    public DomainRef create(DomainRef ref, int flags) {
        return driver.starter.create(dom(ref), flags, this);
    }

    @Override
    public void destroy(DomainRef ref, int flags) {
        driver.stopper.destroy(dom(ref), flags);
    }

    @Override
    public void shutdown(DomainRef ref, int flags) {
        driver.stopper.shutdown(dom(ref), flags);
    }

    @Override
    public void undefine(DomainRef ref, int flags) {
        driver.definer.undefine(dom(ref), flags);
    }

    @Override
    public void suspend(DomainRef ref) {
        driver.control.suspend(dom(ref));
    }

    @Override
    public void resume(DomainRef ref) {
        driver.control.resume(dom(ref));
    }

    @Override
    public java.util.List<io.jvirt.TypedParameter> getTunables(DomainRef ref, io.jvirt.TunableGroup group, int flags) {
        return driver.tuning.get(dom(ref), group, flags);
    }

    @Override
    public void setTunables(DomainRef ref, io.jvirt.TunableGroup group, java.util.List<io.jvirt.TypedParameter> params,
                            int flags) {
        driver.tuning.set(dom(ref), group, params, flags);
    }

    @Override
    public java.util.List<io.jvirt.TypedParameter> getBlockIoTune(DomainRef ref, String disk, int flags) {
        return driver.blockIoTune.get(dom(ref), disk, flags);
    }

    @Override
    public void setBlockIoTune(DomainRef ref, String disk, java.util.List<io.jvirt.TypedParameter> params, int flags) {
        driver.blockIoTune.set(dom(ref), disk, params, flags);
    }

    @Override
    public java.util.List<java.util.BitSet> getVcpuPinInfo(DomainRef ref, int flags) {
        return driver.pinning.vcpuInfo(dom(ref), flags);
    }

    @Override
    public void pinVcpu(DomainRef ref, int vcpu, java.util.BitSet cpus, int flags) {
        driver.pinning.pinVcpu(dom(ref), vcpu, cpus, flags);
    }

    @Override
    public java.util.BitSet getEmulatorPinInfo(DomainRef ref, int flags) {
        return driver.pinning.emulatorInfo(dom(ref), flags);
    }

    @Override
    public void pinEmulator(DomainRef ref, java.util.BitSet cpus, int flags) {
        driver.pinning.pinEmulator(dom(ref), cpus, flags);
    }

    @Override
    public java.util.List<io.jvirt.IOThreadInfo> getIOThreadInfo(DomainRef ref, int flags) {
        return driver.iothreads.info(dom(ref), flags);
    }

    @Override
    public void pinIOThread(DomainRef ref, int id, java.util.BitSet cpus, int flags) {
        driver.iothreads.pin(dom(ref), id, cpus, flags);
    }

    @Override
    public void addIOThread(DomainRef ref, int id, int flags) {
        driver.iothreads.add(dom(ref), id, flags);
    }

    @Override
    public void delIOThread(DomainRef ref, int id, int flags) {
        driver.iothreads.delete(dom(ref), id, flags);
    }

    @Override
    public String getSchedulerType(DomainRef ref) {
        dom(ref);
        return "posix";
    }

    @Override
    public java.util.Map<String, Long> blockStats(DomainRef ref, String disk) {
        return DomainStats.block(dom(ref), disk);
    }

    @Override
    public java.util.Map<String, Long> interfaceStats(DomainRef ref, String device) {
        return DomainStats.iface(dom(ref), device);
    }

    @Override
    public void attachDevice(DomainRef ref, String xml, int flags) {
        driver.devices.attach(dom(ref), xml, flags);
    }

    @Override
    public void updateDevice(DomainRef ref, String xml, int flags) {
        driver.devices.update(dom(ref), xml, flags);
    }

    @Override
    public void detachDevice(DomainRef ref, String xml, int flags) {
        driver.devices.detach(dom(ref), xml, flags);
    }

    @Override
    public io.jvirt.DomainJobInfo getJobInfo(DomainRef ref) {
        io.jvirt.qemu.domain.JobProgress p = dom(ref).progress();
        return p == null ? io.jvirt.DomainJobInfo.NONE : p.info();
    }

    @Override
    public void abortJob(DomainRef ref) {
        io.jvirt.qemu.domain.JobProgress p = dom(ref).progress();
        if (p == null) {
            throw new io.jvirt.error.OperationInvalidException(ErrorNumber.OPERATION_INVALID, ErrorDomain.QEMU,
                    "no job is active on the domain");
        }
        p.abort();
    }

    @Override
    public void coreDump(DomainRef ref, String file, int format, int flags) {
        driver.dumps.coreDump(dom(ref), absolute(file, "core dump"), format, flags);
    }

    @Override
    public void save(DomainRef ref, String file, int flags) {
        driver.saver.save(dom(ref), absolute(file), flags);
    }

    @Override
    public DomainRef restore(String file, int flags) {
        checkOpen();
        return driver.saver.restore(absolute(file), flags, this);
    }

    @Override
    public void managedSave(DomainRef ref, int flags) {
        driver.saver.managedSave(dom(ref), flags);
    }

    @Override
    public boolean hasManagedSave(DomainRef ref) {
        return driver.saver.hasManagedSave(dom(ref));
    }

    @Override
    public void managedSaveRemove(DomainRef ref) {
        driver.saver.removeManagedSave(dom(ref), 0);
    }

    private static java.nio.file.Path absolute(String file) {
        return absolute(file, "save image");
    }

    private static java.nio.file.Path absolute(String file, String what) {
        java.nio.file.Path p = java.nio.file.Path.of(file);
        if (!p.isAbsolute()) {
            throw new io.jvirt.error.InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU,
                    what + " path '" + file + "' must be absolute");
        }
        return p;
    }

    @Override
    public void setVcpus(DomainRef ref, int count, int flags) {
        driver.vcpus.set(dom(ref), count, flags);
    }

    @Override
    public void setVcpu(DomainRef ref, String cpumap, boolean enable, int flags) {
        driver.vcpuState.set(dom(ref), cpumap, enable, flags);
    }

    @Override
    public int getVcpus(DomainRef ref, int flags) {
        return driver.vcpus.get(dom(ref), flags);
    }

    @Override
    public void setMemory(DomainRef ref, long kib, int flags) {
        driver.memory.setMemory(dom(ref), kib, flags);
    }

    @Override
    public java.util.Map<String, Long> memoryStats(DomainRef ref) {
        return driver.memory.stats(dom(ref));
    }

    @Override
    public String qemuMonitorCommand(DomainRef ref, String command, int flags) {
        return driver.control.monitorCommand(dom(ref), command, flags);
    }

    @Override
    public void reboot(DomainRef ref, int flags) {
        driver.control.reboot(dom(ref), flags);
    }

    @Override
    public void reset(DomainRef ref, int flags) {
        driver.control.reset(dom(ref), flags);
    }

    @Override
    public DomainStatus getState(DomainRef ref) {
        return dom(ref).status();
    }

    @Override
    public DomainInfo getInfo(DomainRef ref) {
        return driver.queries.info(dom(ref));
    }

    @Override
    public String getXMLDesc(DomainRef ref, int flags) {
        return driver.queries.xml(dom(ref), flags);
    }

    @Override
    public boolean isActive(DomainRef ref) {
        return dom(ref).isActive();
    }

    @Override
    public boolean isPersistent(DomainRef ref) {
        return dom(ref).isPersistent();
    }

    @Override
    public String getOSType(DomainRef ref) {
        return driver.queries.osType(dom(ref));
    }

    @Override
    public boolean getAutostart(DomainRef ref) {
        return dom(ref).autostart();
    }

    @Override
    public void setAutostart(DomainRef ref, boolean autostart) {
        driver.queries.setAutostart(dom(ref), autostart);
    }

    @Override
    public io.jvirt.ByteStream openConsole(DomainRef ref, String devName, int flags) {
        return DomainConsoles.open(dom(ref), devName, flags);
    }

    @Override
    public EventRegistration addEventListener(DomainRef filter, DomainEventListener listener) {
        checkOpen();
        EventRegistration r = driver.events.register(filter == null ? null : filter.uuid(), listener);
        registrations.add(r);
        return () -> {
            registrations.remove(r);
            r.close();
        };
    }

    /** Destroys this connection's autodestroy guests, drops its listeners, releases the driver. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            for (DomainObj d : driver.domains.all()) {
                if (d.isActive() && d.autodestroy() && d.autodestroyOwner() == this) {
                    try {
                        driver.stopper.destroy(d, 0);
                    } catch (OperationInvalidException e) {
                        // it stopped meanwhile
                    } catch (RuntimeException e) {
                        System.getLogger(QemuConnect.class.getName()).log(System.Logger.Level.WARNING,
                                "autodestroy of " + d.name() + " failed: " + e.getMessage());
                    }
                }
            }
            registrations.forEach(EventRegistration::close);
        } finally {
            onClose.accept(this);
        }
    }
}
