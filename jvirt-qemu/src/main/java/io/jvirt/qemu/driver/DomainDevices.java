package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.post.DomainPostParse;
import io.jvirt.conf.post.DomainValidator;
import io.jvirt.conf.xml.DeviceXml;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.LibvirtException;
import io.jvirt.error.OperationFailedException;
import io.jvirt.qemu.command.HotplugProps;
import io.jvirt.qemu.domain.DomainMonitor;
import io.jvirt.qemu.domain.DomainObj;
import io.jvirt.qemu.domain.JobManager;
import io.jvirt.qemu.domain.MonitorEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * attach-device / detach-device for disks and interfaces, live (QMP hotplug) and in the
 * persistent config. A new device gets its alias, address and MAC from post-parse in the context
 * of the whole domain, so it looks the same as if it had been defined there. A live detach asks
 * the guest to let go; the device leaves the live definition when QEMU says DEVICE_DELETED.
 */
final class DomainDevices {
    /** How long detach waits for the guest to release a device (libvirt waits 5 s). */
    static final Duration DETACH_WAIT = Duration.ofSeconds(10);
    private final QemuDriver driver;

    DomainDevices(QemuDriver driver) {
        this.driver = driver;
    }

    void attach(DomainObj d, String xml, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "qemuDomainAttachDeviceFlags");
        DeviceXml.Device dev = DeviceXml.parse(xml);
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "attach-device", QemuDriver.JOB_WAIT)) {
            boolean[] target = DomainMemory.Affect.resolve(d, flags);
            DomainDef newConfig = target[1] ? prepared(d, d.persistentDef(), dev) : null;
            if (target[0]) {
                DomainDef newLive = prepared(d, d.liveDef(), dev);
                requireNoNewControllers(d.liveDef(), newLive);
                plug(d, newLive, dev);
                d.setLiveDef(newLive);
                driver.status.save(d);
            }
            if (newConfig != null) {
                driver.configs.save(newConfig);
                d.setPersistentDef(newConfig);
            }
        }
    }

    /** {@code def} with the device added, defaults assigned and the whole validated. */
    private DomainDef prepared(DomainObj d, DomainDef def, DeviceXml.Device dev) {
        var dv = def.devices();
        DomainDef added = switch (dev) {
            case DeviceXml.Disk disk -> def.withDevices(dv.withDisks(append(dv.disks(), disk.def())));
            case DeviceXml.Nic nic -> def.withDevices(dv.withInterfaces(append(dv.interfaces(), nic.def())));
        };
        DomainDef out = DomainPostParse.apply(added, driver.postParseContext(d));
        DomainValidator.validate(out);
        QemuValidator.validate(out, driver.caps);
        return out;
    }

    /**
     * A running guest's buses are fixed at start: a device that only fits on a bus placement would
     * add (a new pcie-root-port on q35, a pci-bridge) cannot be hot-plugged.
     */
    private static void requireNoNewControllers(DomainDef live, DomainDef newLive) {
        if (newLive.devices().controllers().size() > live.devices().controllers().size()) {
            boolean q35 = live.os().machine() != null && live.os().machine().contains("q35");
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "no free PCI slot to hot-plug the device into: "
                    + (q35 ? "every pcie-root-port is in use; define spare <controller type='pci' "
                    + "model='pcie-root-port'/> to hot-plug PCI Express devices" : "the PCI buses are full"));
        }
    }

    private static <T> List<T> append(List<T> list, T item) {
        List<T> out = new ArrayList<>(list);
        out.add(item);
        return out;
    }

    /** Hotplugs the device that {@code newLive} has last in its family; undoes the backend on failure. */
    private void plug(DomainObj d, DomainDef newLive, DeviceXml.Device dev) {
        DomainMonitor mon = DomainStopper.monitorOf(d);
        String machine = newLive.os().machine();
        switch (dev) {
            case DeviceXml.Disk ignored -> {
                DiskDef disk = newLive.devices().disks().getLast();
                DiskSourceRules.checkHotplug(disk);
                List<String> added = new ArrayList<>();
                driver.cgroups.diskAccess(newLive, d.id(), disk, true); // QEMU may open its block devices
                try {
                    for (var node : HotplugProps.diskBlockdevs(disk)) {
                        mon.blockdevAdd(node);
                        added.addFirst(node.get("node-name").asText());
                    }
                    mon.deviceAdd(HotplugProps.diskDevice(disk, machine));
                    if (!disk.iotune().isEmpty() && disk.source() != null) {
                        try {
                            mon.execute("block_set_io_throttle", Iotune.args(disk, disk.iotune()));
                        } catch (LibvirtException e) {
                            quietly(() -> mon.deviceDel(disk.alias()));
                            throw e;
                        }
                    }
                } catch (LibvirtException e) {
                    added.forEach(n -> quietly(() -> mon.blockdevDel(n)));
                    quietly(() -> driver.cgroups.diskAccess(d.liveDef(), d.id(), disk, false));
                    throw e;
                }
            }
            case DeviceXml.Nic ignored -> {
                InterfaceDef nic = newLive.devices().interfaces().getLast();
                if (nic.type().equals("ethernet") || nic.type().equals("bridge")) {
                    driver.cgroups.allowNode(newLive, d.id(), DeviceAcl.TUN); // QEMU (or its bridge helper) opens it
                }
                mon.netdevAdd(HotplugProps.netdev(nic));
                try {
                    mon.deviceAdd(HotplugProps.nicDevice(nic, machine));
                    if (Boolean.FALSE.equals(nic.linkUp())) {
                        setLinkDown(mon, nic);
                    }
                } catch (LibvirtException e) {
                    quietly(() -> mon.netdevDel(HotplugProps.netdevId(nic)));
                    throw e;
                }
            }
        }
    }

    /** {@code <link state='down'/>}: QEMU has no such option, so the link is set down over QMP (set_link). */
    static void setLinkDown(io.jvirt.qemu.domain.DomainMonitor mon, InterfaceDef nic) {
        var args = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        args.put("name", nic.alias());
        args.put("up", false);
        mon.execute("set_link", args);
    }

    void detach(DomainObj d, String xml, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG, "qemuDomainDetachDeviceFlags");
        DeviceXml.Device dev = DeviceXml.parse(xml);
        String alias;
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "detach-device", QemuDriver.JOB_WAIT)) {
            boolean[] target = DomainMemory.Affect.resolve(d, flags);
            DomainDef newConfig = null;
            if (target[1]) {
                newConfig = without(d.persistentDef(), dev);
            }
            alias = null;
            if (target[0]) {
                alias = aliasOf(find(d.liveDef(), dev));
                DomainStopper.monitorOf(d).deviceDel(alias);
            }
            if (newConfig != null) {
                driver.configs.save(newConfig);
                d.setPersistentDef(newConfig);
            }
        }
        if (alias != null) {
            awaitRemoval(d, alias);
        }
    }

    private static Object find(DomainDef def, DeviceXml.Device dev) {
        return switch (dev) {
            case DeviceXml.Disk disk -> def.devices().disks().stream().filter(matches(disk.def())).findFirst()
                    .orElseThrow(() -> notFound("disk " + disk.def().targetDev()));
            case DeviceXml.Nic nic -> def.devices().interfaces().stream().filter(matches(nic.def())).findFirst()
                    .orElseThrow(() -> notFound("interface " + (nic.def().mac() == null ? "" : nic.def().mac())));
        };
    }

    private static String aliasOf(Object device) {
        return device instanceof DiskDef disk ? disk.alias() : ((InterfaceDef) device).alias();
    }

    private static Predicate<DiskDef> matches(DiskDef want) {
        return have -> want.targetDev() != null ? want.targetDev().equals(have.targetDev())
                : want.source() != null && want.source().equals(have.source());
    }

    private static Predicate<InterfaceDef> matches(InterfaceDef want) {
        return have -> want.mac() != null ? want.mac().equalsIgnoreCase(have.mac())
                : want.alias() != null && want.alias().equals(have.alias());
    }

    private static OperationFailedException notFound(String what) {
        return new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, "no matching device found: " + what);
    }

    private static DomainDef without(DomainDef def, DeviceXml.Device dev) {
        Object victim = find(def, dev);
        var dv = def.devices();
        return switch (dev) {
            case DeviceXml.Disk ignored -> def.withDevices(dv.withDisks(dv.disks().stream().filter(x -> x != victim).toList()));
            case DeviceXml.Nic ignored -> def.withDevices(dv.withInterfaces(dv.interfaces().stream().filter(x -> x != victim).toList()));
        };
    }

    private static void awaitRemoval(DomainObj d, String alias) {
        long end = System.nanoTime() + DETACH_WAIT.toNanos();
        while (System.nanoTime() < end && d.isActive() && hasAlias(d.liveDef(), alias)) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static boolean hasAlias(DomainDef def, String alias) {
        return def != null && (def.devices().disks().stream().anyMatch(x -> alias.equals(x.alias()))
                || def.devices().interfaces().stream().anyMatch(x -> alias.equals(x.alias())));
    }

    /** DEVICE_DELETED: the guest let go; drop the device and its backend. */
    void onDeviceDeleted(DomainObj d, MonitorEvent ev) {
        String alias = ev.get("device");
        DomainDef live = d.liveDef();
        if (alias == null || live == null || !hasAlias(live, alias)) {
            return;
        }
        var dv = live.devices();
        DomainMonitor mon = d.monitor();
        for (DiskDef disk : dv.disks()) {
            if (alias.equals(disk.alias()) && mon != null) {
                HotplugProps.diskNodes(disk).forEach(n -> quietly(() -> mon.blockdevDel(n)));
            }
        }
        for (InterfaceDef nic : dv.interfaces()) {
            if (alias.equals(nic.alias()) && mon != null) {
                quietly(() -> mon.netdevDel(HotplugProps.netdevId(nic)));
            }
        }
        DomainDef now = live.withDevices(dv.withDisks(dv.disks().stream().filter(x -> !alias.equals(x.alias())).toList())
                .withInterfaces(dv.interfaces().stream().filter(x -> !alias.equals(x.alias())).toList()));
        d.setLiveDef(now);
        driver.status.save(d);
        dv.disks().stream().filter(x -> alias.equals(x.alias()))
                .forEach(disk -> quietly(() -> driver.cgroups.diskAccess(now, d.id(), disk, false)));
    }

    /**
     * update-device for removable media: the disk with the same target gets the new source (or
     * none: ejected). Live: the tray is opened, the old medium's nodes removed, the new ones added
     * and inserted, the tray closed.
     */
    void update(DomainObj d, String xml, int flags) {
        Flags.check(flags, Flags.Affect.LIVE | Flags.Affect.CONFIG | Flags.DeviceModify.FORCE, "qemuDomainUpdateDeviceFlags");
        if (!(DeviceXml.parse(xml) instanceof DeviceXml.Disk want)) {
            throw new io.jvirt.error.OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "only the medium of a cdrom or floppy disk can be updated");
        }
        try (JobManager.Job job = d.jobs().begin(JobManager.JobType.MODIFY, "update-device", QemuDriver.JOB_WAIT)) {
            boolean[] target = DomainMemory.Affect.resolve(d, flags & (Flags.Affect.LIVE | Flags.Affect.CONFIG));
            if (target[0]) {
                DomainDef live = d.liveDef();
                DiskDef old = removable(live, want.def());
                DiskDef now = old.withSource(want.def().source());
                driver.cgroups.diskAccess(live, d.id(), now, true);
                changeMedium(DomainStopper.monitorOf(d), old, now);
                DomainDef updated = replace(live, old, now);
                d.setLiveDef(updated);
                driver.status.save(d);
                quietly(() -> driver.cgroups.diskAccess(updated, d.id(), old, false));
            }
            if (target[1]) {
                DomainDef config = d.persistentDef();
                DiskDef old = removable(config, want.def());
                DomainDef updated = replace(config, old, old.withSource(want.def().source()));
                driver.configs.save(updated);
                d.setPersistentDef(updated);
            }
        }
    }

    private static DiskDef removable(DomainDef def, DiskDef want) {
        DiskDef disk = def.devices().disks().stream().filter(matches(want)).findFirst()
                .orElseThrow(() -> notFound("disk " + want.targetDev()));
        if (!disk.device().equals("cdrom") && !disk.device().equals("floppy")) {
            throw new io.jvirt.error.OperationUnsupportedException(ErrorNumber.OPERATION_UNSUPPORTED, ErrorDomain.QEMU,
                    "disk device '" + disk.targetDev() + "' is not a cdrom or floppy: its medium cannot be changed");
        }
        return disk;
    }

    private static DomainDef replace(DomainDef def, DiskDef old, DiskDef now) {
        var dv = def.devices();
        return def.withDevices(dv.withDisks(dv.disks().stream().map(x -> x == old ? now : x).toList()));
    }

    private static void changeMedium(DomainMonitor mon, DiskDef old, DiskDef now) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        String id = old.alias();
        // the guest may close the tray again at any moment (Linux closes it when the drive is
        // opened): each step that needs it open reopens it and retries, a few times
        withTrayOpen(mon, id, () -> mon.execute("blockdev-remove-medium", f.objectNode().put("id", id)));
        HotplugProps.diskNodes(old).forEach(n -> quietly(() -> mon.blockdevDel(n)));
        if (now.source() != null) {
            for (var node : HotplugProps.diskBlockdevs(now)) {
                mon.blockdevAdd(node);
            }
            withTrayOpen(mon, id, () -> mon.execute("blockdev-insert-medium", f.objectNode().put("id", id)
                    .put("node-name", HotplugProps.diskNodes(now).getFirst())));
        }
        mon.execute("blockdev-close-tray", f.objectNode().put("id", id));
    }

    /** Opens the tray (waiting until it is) and runs {@code step}; again if the guest closed it first. */
    private static void withTrayOpen(DomainMonitor mon, String id, Runnable step) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        for (int attempt = 1; ; attempt++) {
            mon.execute("blockdev-open-tray", f.objectNode().put("id", id).put("force", true));
            awaitTrayOpen(mon, id);
            try {
                step.run();
                return;
            } catch (io.jvirt.qemu.qmp.QmpException e) {
                if (attempt == 10 || e.getMessage() == null || !e.getMessage().contains("is not open")) {
                    throw e;
                }
            }
        }
    }

    /**
     * A guest may hold the tray locked: QEMU then asks it to eject and the tray opens a little
     * later (DEVICE_TRAY_MOVED), so wait for query-block to report it open, asking again each
     * second, for at most 10 s (as libvirt waits for the tray).
     */
    private static void awaitTrayOpen(DomainMonitor mon, String id) {
        var f = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance;
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        long end = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        long nextAsk = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
        while (true) {
            try {
                for (var dev : json.readTree(mon.executeRaw("{\"execute\":\"query-block\"}")).path("return")) {
                    if (id.equals(dev.path("qdev").asText()) && dev.path("tray_open").asBoolean(true)) {
                        return;
                    }
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return; // cannot tell: let the next command report what QEMU thinks
            }
            if (System.nanoTime() > end) {
                throw new io.jvirt.error.OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "the tray of device '" + id + "' did not open: the guest keeps it locked");
            }
            if (System.nanoTime() > nextAsk) {
                mon.execute("blockdev-open-tray", f.objectNode().put("id", id).put("force", true));
                nextAsk = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(1);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            System.getLogger(DomainDevices.class.getName()).log(System.Logger.Level.WARNING,
                    "cleanup after a device change failed: " + e.getMessage().toLowerCase(Locale.ROOT));
        }
    }
}
