package io.jvirt;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.RpcException;
import io.jvirt.spi.ConnectDriver;
import io.jvirt.spi.DriverFactory;
import io.jvirt.uri.ConnectUri;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A connection to a hypervisor, the entry point of jvirt's API ({@code virConnectPtr}).
 *
 * <pre>{@code
 * try (Connect conn = Connect.open("qemu:///embed?root=/var/tmp/vms")) {
 *     Domain dom = conn.defineXML(Files.readString(Path.of("guest.xml")));
 *     dom.create();
 * }
 * }</pre>
 *
 * <p>URIs: {@code qemu:///embed?root=/abs/dir} runs the QEMU driver in this process (no daemon);
 * {@code qemu:///session}, {@code qemu:///system}, {@code qemu+unix}, {@code qemu+tcp},
 * {@code qemu+tls} and {@code qemu+ssh} talk to jvirtd or libvirtd over libvirt's wire protocol.
 *
 * <p>Thread-safe: any thread may call any method. Closing the connection does not stop guests.
 */
public final class Connect implements AutoCloseable {
    private final ConnectDriver driver;
    private final boolean readOnly;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Connect(ConnectDriver driver, boolean readOnly) {
        this.driver = driver;
        this.readOnly = readOnly;
    }

    /** Opens a read-write connection. */
    public static Connect open(String uri) {
        return open(uri, 0);
    }

    /** Opens a read-only connection: only queries are allowed. */
    public static Connect openReadOnly(String uri) {
        return open(uri, Flags.Open.READONLY);
    }

    /** Opens a connection with {@link Flags.Open} flags. */
    public static Connect open(String uri, int flags) {
        ConnectUri parsed = ConnectUri.parse(uri);
        List<DriverFactory> factories = new ArrayList<>();
        for (DriverFactory f : ServiceLoader.load(DriverFactory.class, Connect.class.getClassLoader())) {
            if (f.accepts(parsed)) {
                factories.add(f);
            }
        }
        if (factories.isEmpty()) {
            throw new RpcException(ErrorNumber.NO_CONNECT, ErrorDomain.NONE,
                    "no connection driver available for " + uri);
        }
        factories.sort(Comparator.comparingInt(DriverFactory::priority));
        return new Connect(factories.getFirst().open(parsed, flags), (flags & Flags.Open.READONLY) != 0);
    }

    /** Wraps a driver connection that was opened directly (used by the daemon and tests). */
    public static Connect of(ConnectDriver driver) {
        return new Connect(Objects.requireNonNull(driver, "driver"), false);
    }

    /** The driver behind this connection. */
    public ConnectDriver driver() {
        return driver;
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public String getURI() {
        return driver.uri();
    }

    public String getType() {
        return driver.type();
    }

    public long getVersion() {
        return driver.hypervisorVersion();
    }

    public long getLibVersion() {
        return driver.libVersion();
    }

    public String getHostname() {
        return driver.hostname();
    }

    public String getCapabilities() {
        return driver.capabilities();
    }

    /**
     * The domain capabilities XML for an emulator binary, architecture, machine type and virt type
     * ("qemu", "kvm"); any of them may be null for the default.
     */
    public String getDomainCapabilities(String emulatorBin, String arch, String machine, String virtType, int flags) {
        return driver.domainCapabilities(emulatorBin, arch, machine, virtType, flags);
    }

    public NodeInfo getNodeInfo() {
        return driver.nodeInfo();
    }

    /** Memory statistics in KiB, in libvirt's order and names; {@code cellNum} -1 for the whole host. */
    public java.util.Map<String, Long> getNodeMemoryStats(int cellNum, int flags) {
        return driver.nodeMemoryStats(cellNum, flags);
    }

    public String getSysinfo(int flags) {
        return driver.sysinfo(flags);
    }

    /** Defines (or updates) a persistent domain from XML; it stays inactive. */
    public Domain defineXML(String xml) {
        return defineXML(xml, 0);
    }

    public Domain defineXML(String xml, int flags) {
        return wrap(driver.defineXML(xml, flags));
    }

    /** Creates and starts a transient domain: it leaves no configuration behind when it stops. */
    public Domain createXML(String xml, int flags) {
        return wrap(driver.createXML(xml, flags));
    }

    /** The QEMU command line ({@code format} "qemu-argv") a domain XML would run as. */
    public String domainXmlToNative(String format, String xml, int flags) {
        return driver.domainXmlToNative(format, xml, flags);
    }

    /** Domain XML for a QEMU command line ({@code format} "qemu-argv"). */
    public String domainXmlFromNative(String format, String config, int flags) {
        return driver.domainXmlFromNative(format, config, flags);
    }

    /** Starts a guest from a save image written by {@link Domain#save}. */
    public Domain restore(String file, int flags) {
        return wrap(driver.restore(file, flags));
    }

    public Domain lookupByName(String name) {
        return wrap(driver.lookupByName(name));
    }

    public Domain lookupByUUID(UUID uuid) {
        return wrap(driver.lookupByUUID(uuid));
    }

    public Domain lookupByUUIDString(String uuid) {
        return lookupByUUID(UUID.fromString(uuid));
    }

    public Domain lookupByID(int id) {
        return wrap(driver.lookupByID(id));
    }

    /** Domains matching {@link Flags.ListAll} filters (0 = all), sorted by name. */
    public List<Domain> listAllDomains(int flags) {
        return driver.listAllDomains(flags).stream().map(this::wrap).toList();
    }

    // ---- secrets ----

    /** Defines a secret from secret XML ({@code virSecretDefineXML}); redefining by UUID updates it. */
    public Secret secretDefineXML(String xml, int flags) {
        return new Secret(this, driver.secretDefineXML(xml, flags));
    }

    public Secret secretLookupByUUID(UUID uuid) {
        return new Secret(this, driver.secretLookupByUUID(uuid));
    }

    public Secret secretLookupByUUIDString(String uuid) {
        return secretLookupByUUID(UUID.fromString(uuid));
    }

    /** By usage: {@code usageType} is a {@code VIR_SECRET_USAGE_TYPE_*}, {@code usageId} e.g. a volume path. */
    public Secret secretLookupByUsage(int usageType, String usageId) {
        return new Secret(this, driver.secretLookupByUsage(usageType, usageId));
    }

    /** Secrets matching {@link Flags.ListAllSecrets} filters (0 for all). */
    public List<Secret> listAllSecrets(int flags) {
        return driver.listAllSecrets(flags).stream().map(r -> new Secret(this, r)).toList();
    }

    public int numOfSecrets() {
        return driver.listAllSecrets(0).size();
    }

    // ---- node devices ----

    /** Host devices matching {@link Flags.ListAllNodeDevices} capability filters (0 for all), the computer first. */
    public List<NodeDevice> listAllNodeDevices(int flags) {
        return driver.listAllNodeDevices(flags).stream().map(n -> new NodeDevice(this, n)).toList();
    }

    /** The names of the devices with capability {@code cap} ("system", "pci"; null for all). */
    public List<String> nodeListDevices(String cap, int flags) {
        return driver.listAllNodeDevices(Flags.ListAllNodeDevices.forLegacyList(cap, flags));
    }

    public int nodeNumOfDevices(String cap, int flags) {
        return nodeListDevices(cap, flags).size();
    }

    /**
     * Registers a listener for host devices appearing and going away ({@code virConnectNodeDeviceEventRegisterAny}
     * with the lifecycle event): of device {@code device}, or of every device when it is null.
     */
    public EventRegistration addNodeDeviceEventListener(String device, NodeDeviceEventListener listener) {
        return driver.addNodeDeviceEventListener(device, listener);
    }

    /** A host device by name ("computer", "pci_0000_00_05_0"); VIR_ERR_NO_NODE_DEVICE if there is none. */
    public NodeDevice nodeDeviceLookupByName(String name) {
        return new NodeDevice(this, driver.nodeDeviceLookupByName(name));
    }

    /**
     * Registers a listener for the events of every domain of this connection. Events arrive in
     * order; see {@link DomainEventListener}.
     */
    public EventRegistration addDomainEventListener(DomainEventListener listener) {
        return driver.addEventListener(null, listener);
    }

    /** Registers a listener for one domain's events. */
    public EventRegistration addDomainEventListener(Domain domain, DomainEventListener listener) {
        return driver.addEventListener(domain.ref(), listener);
    }

    Domain wrap(DomainRef ref) {
        return new Domain(this, ref);
    }

    /** Closes the connection; guests keep running. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            driver.close();
        }
    }
}
