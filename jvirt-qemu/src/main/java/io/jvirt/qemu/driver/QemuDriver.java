package io.jvirt.qemu.driver;

import io.jvirt.DomainEvent;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.caps.CapsCache;
import io.jvirt.qemu.conf.DriverSettings;
import io.jvirt.qemu.conf.QemuConf;
import io.jvirt.qemu.domain.DomainList;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.MonitorConnector;
import io.jvirt.qemu.monitor.QmpDomainMonitor;
import io.jvirt.qemu.event.EventBus;
import io.jvirt.qemu.paths.DriverPaths;
import io.jvirt.qemu.paths.RootLock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One QEMU driver instance: the state shared by every connection to one root (embedded) or one
 * daemon (session/system). It owns the root lock, the domain list, the event bus and the
 * capability cache; the API operations live in {@link DomainDefiner}, {@link DomainStarter},
 * {@link DomainStopper} and {@link DomainQueries}. Thread-safe.
 *
 * <p>Closing the driver leaves guests running (except autodestroy ones) and releases the lock;
 * the next open of the same root reattaches them.
 */
public final class QemuDriver implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(QemuDriver.class.getName());
    /** How long an API call waits for another job on the same domain. */
    static final Duration JOB_WAIT = Duration.ofSeconds(30);

    final DriverPaths paths;
    final QemuConf conf;
    final CapsCache caps;
    final DomainList domains = new DomainList();
    final EventBus events = new EventBus();
    final AtomicInteger nextId = new AtomicInteger(1);
    final SecureRandom random = new SecureRandom();
    final DomainConfigs configs;
    final StatusStore status;
    final DomainDefiner definer;
    final DomainStarter starter;
    final DomainStopper stopper;
    final DomainQueries queries;
    final DomainControl control;
    final DomainMemory memory;
    final DomainSaver saver;
    final GuestDumps dumps;
    final DomainDevices devices;
    final DomainVcpus vcpus;
    final DomainVcpuState vcpuState;
    final NativeConfig nativeConfig;
    final DriverSettings settings;
    final SecretStore secrets;
    final PortAllocator vncPorts;
    final GraphicsResources graphics;
    final VsockCids vsockCids = new VsockCids();
    final HostQueries host;
    final GuestCgroups cgroups;
    final DomainTuning tuning;
    final DomainPinning pinning;
    final DomainIothreads iothreads;
    final HugepageBacking hugepages;
    final PciHostdevs pciHostdevs = new PciHostdevs(new PciSysfs(HostdevRules.SYS, PciSysfs.FILES), Path.of("/dev"));
    final NodeDevices nodeDevices = new NodeDevices(new PciSysfs(HostdevRules.SYS, PciSysfs.FILES), HostdevRules.SYS,
            Path.of("/run/udev/data"), io.jvirt.qemu.host.Ethtool::features);
    /** Host device events: polls the names every half second while someone listens. */
    final NodeDeviceMonitor nodeDeviceMonitor = new NodeDeviceMonitor(() -> nodeDevices.list(0), Duration.ofMillis(500));
    final BlockIoTune blockIoTune;
    final MonitorConnector monitorConnector = QmpDomainMonitor.CONNECTOR;
    private final RootLock lock;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();

    private QemuDriver(DriverPaths paths, QemuConf conf, DriverSettings settings, RootLock lock) {
        this.paths = paths;
        this.conf = conf;
        this.settings = settings;
        this.secrets = new SecretStore(paths.configDir().resolveSibling("secrets"), java.util.UUID::randomUUID);
        this.vncPorts = new PortAllocator(settings.vncPortMin(), settings.vncPortMax());
        this.graphics = new GraphicsResources(this);
        this.lock = lock;
        this.caps = new CapsCache(paths.cacheDir().resolve("capabilities"));
        this.configs = new DomainConfigs(paths);
        this.status = new StatusStore(paths);
        this.stopper = new DomainStopper(this);
        this.starter = new DomainStarter(this);
        this.definer = new DomainDefiner(this);
        this.queries = new DomainQueries(this);
        this.control = new DomainControl(this);
        this.memory = new DomainMemory(this);
        this.saver = new DomainSaver(this);
        this.dumps = new GuestDumps(this);
        this.devices = new DomainDevices(this);
        this.vcpus = new DomainVcpus(this);
        this.vcpuState = new DomainVcpuState(this);
        this.nativeConfig = new NativeConfig(this);
        this.host = new HostQueries(this);
        this.tuning = new DomainTuning(this);
        this.pinning = new DomainPinning(this);
        this.iothreads = new DomainIothreads(this);
        this.blockIoTune = new BlockIoTune(this);
        this.cgroups = new GuestCgroups(io.jvirt.qemu.cgroup.CgroupMounts.probe(settings.cgroupControllers()), paths,
                settings.cgroupDeviceAcl());
        this.hugepages = new HugepageBacking(settings.hugetlbfsMounts(), GuestCgroups.instanceTag(paths));
    }

    /**
     * Opens a driver on {@code paths}: creates the directory tree, takes the lock, reads
     * qemu.conf, loads definitions, reattaches running guests and starts autostart guests.
     */
    public static QemuDriver open(DriverPaths paths) {
        for (Path d : paths.directories()) {
            try {
                Files.createDirectories(d);
            } catch (IOException e) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU,
                        "cannot create directory " + d + ": " + e.getMessage(), e);
            }
        }
        String what = paths.root() != null ? "embedded root '" + paths.root() + "'" : paths.mode() + " driver state " + paths.stateDir();
        RootLock lock = RootLock.acquire(paths.stateDir().resolve("driver.pid"), what);
        try {
            QemuConf conf = QemuConf.load(paths.qemuConf());
            conf.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
            DriverSettings settings = DriverSettings.from(conf);
            settings.warnings().forEach(w -> LOG.log(System.Logger.Level.WARNING, w));
            QemuDriver driver = new QemuDriver(paths, conf, settings, lock);
            driver.secrets.load();
            driver.definer.loadConfigs();
            new DomainReattach(driver).reattachAll();
            driver.starter.autostartAll();
            return driver;
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    public DriverPaths paths() {
        return paths;
    }

    public QemuConf conf() {
        return conf;
    }

    public EventBus events() {
        return events;
    }

    void emit(DomainEvent e) {
        events.emit(e);
    }

    /**
     * Records in the domain's log that it is tainted (a user went around the driver: custom
     * argv, raw monitor commands), once per reason and run, as libvirt does.
     */
    void taint(DomainObj d, String reason) {
        if (!d.addTaint(reason)) {
            return;
        }
        String line = java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC) + ": Domain id=" + d.id() + " is tainted: "
                + reason + "\n";
        try {
            Files.writeString(paths.logDir().resolve(d.name() + ".log"), line, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot write to the log of " + d.name() + ": " + e.getMessage());
        }
    }

    /** The host architecture in QEMU's naming. */
    static String hostArch() {
        String a = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (a) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a;
        };
    }

    /** The default emulator for an architecture. */
    String defaultEmulator(String arch) {
        return conf.string("emulator", "/usr/bin/qemu-system-" + arch);
    }

    /** A post-parse context for one operation; {@code exclude} is the domain being redefined, or null. */
    DriverPostParseContext postParseContext(DomainObj exclude) {
        return new DriverPostParseContext(this, exclude);
    }

    /**
     * Closes the driver: autodestroy guests are destroyed, the others keep running; monitors
     * are closed and the lock released. Idempotent.
     */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        for (DomainObj d : domains.all()) {
            if (d.isActive() && d.autodestroy()) {
                try {
                    stopper.destroy(d, 0);
                } catch (io.jvirt.error.OperationInvalidException e) {
                    // stopped meanwhile
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "autodestroy of " + d.name() + " failed", e);
                }
            }
        }
        awaitFakeReboots();
        closed.set(true);
        for (DomainObj d : domains.all()) {
            stopper.detach(d);
        }
        stopper.close();
        events.close();
        nodeDeviceMonitor.close();
        lock.close();
    }

    /** How long close waits for guests in the middle of an API reboot to come back up. */
    static final Duration REBOOT_WAIT = Duration.ofSeconds(15);

    /**
     * An API reboot needs the driver to see the guest's shutdown and restart it; a driver about to
     * detach (a CLI exiting) waits for that, bounded. A reboot still pending afterwards is finished
     * by whoever reattaches (QEMU stays paused in its "shutdown" state meanwhile).
     */
    private void awaitFakeReboots() {
        long end = System.nanoTime() + REBOOT_WAIT.toNanos();
        while (domains.all().stream().anyMatch(d -> d.isActive() && d.fakeReboot()) && System.nanoTime() < end) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public boolean isClosed() {
        return closed.get();
    }
}
