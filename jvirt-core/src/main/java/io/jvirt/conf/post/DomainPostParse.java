package io.jvirt.conf.post;

import io.jvirt.conf.ClockDef;
import io.jvirt.conf.DomainDef;
import io.jvirt.conf.LifecycleAction;
import io.jvirt.conf.LifecycleDef;
import io.jvirt.conf.MemoryDef;
import io.jvirt.conf.OsDef;
import io.jvirt.conf.VcpuDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.Devices;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.device.MemballoonDef;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Fills the defaults libvirt fills after parsing, once, at define time: UUID, current memory,
 * architecture, machine, emulator, boot order, lifecycle actions, disk buses, MAC addresses,
 * serial/console targets, the balloon, aliases and PCI / drive addresses. The result is what gets
 * persisted, so the guest's hardware never changes from one start to the next.
 *
 * <p>Post-parse accepts anything parse accepts; rules live in the validator. Idempotent: applying
 * it to its own output changes nothing.
 */
public final class DomainPostParse {
    private DomainPostParse() {
    }

    public static DomainDef apply(DomainDef def, PostParseContext ctx) {
        DomainDef d = def;
        if (d.uuid() == null) {
            d = d.withUuid(randomUuid(ctx));
        }
        MemoryDef m = d.memory();
        if (m.currentMemory() == null) {
            d = d.withMemory(m.withCurrentMemory(m.memory()));
        }
        VcpuDef v = d.vcpu();
        var numa = d.tuning().numatune();
        boolean numaAuto = "auto".equals(numa.placement());
        if (v.placement() == null) {
            // memory placed by numad takes the vCPUs along, unless they have a cpuset of their own
            d = d.withVcpu(v = new VcpuDef(v.max(), v.current(), numaAuto && v.cpuset() == null ? "auto" : "static",
                    v.cpuset()));
        }
        if (numaAuto) { // numad's nodeset replaces any given one; strict unless another mode is asked
            d = d.withTuning(d.tuning().withNumatune(new io.jvirt.conf.TuningDef.Numatune(
                    numa.mode() == null ? "strict" : numa.mode(), null, "auto", numa.memnodes())));
        } else if ("auto".equals(v.placement()) && !numa.hasMemory()) {
            d = d.withTuning(d.tuning().withNumatune(new io.jvirt.conf.TuningDef.Numatune("strict", null, "auto",
                    numa.memnodes())));
        }
        OsDef os = d.os();
        String arch = os.arch() == null ? ctx.defaultArch() : os.arch();
        Devices devs = d.devices();
        String emulator = devs.emulator() == null ? ctx.defaultEmulator(arch) : devs.emulator();
        String machine = ctx.canonicalMachine(emulator, arch, os.machine());
        os = os.withArchMachine(arch, machine);
        boolean perDeviceBoot = devs.disks().stream().anyMatch(x -> x.bootOrder() != null)
                || devs.interfaces().stream().anyMatch(x -> x.bootOrder() != null)
                || devs.of(io.jvirt.conf.device.HostdevDef.class).stream().anyMatch(x -> x.bootOrder() != null)
                || devs.of(io.jvirt.conf.device.RedirdevDef.class).stream().anyMatch(x -> x.bootOrder() != null);
        if (os.boot().isEmpty() && os.kernel() == null && !perDeviceBoot) {
            os = os.withBoot(List.of("hd"));
        }
        d = d.withOs(os);
        LifecycleDef l = d.lifecycle();
        d = d.withClockLifecycle(d.clock().offset() == null ? d.clock().withOffset("utc") : d.clock(),
                new LifecycleDef(l.onPoweroff() == null ? LifecycleAction.DESTROY : l.onPoweroff(),
                        l.onReboot() == null ? LifecycleAction.RESTART : l.onReboot(),
                        l.onCrash() == null ? LifecycleAction.DESTROY : l.onCrash(), l.suspendToMem(),
                        l.suspendToDisk()));
        if ("".equals(d.general().genid())) {
            d = d.withGeneral(d.general().withGenid(randomUuid(ctx).toString()));
        }
        d = d.withDevices(devices(devs.withEmulator(emulator), machine, ctx));
        return d;
    }

    private static UUID randomUuid(PostParseContext ctx) {
        byte[] b = new byte[16];
        ctx.randomBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (b[i] & 0xff);
            lo = (lo << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(hi, lo);
    }

    private static Devices devices(Devices given, String machine, PostParseContext ctx) {
        Devices devs = given.withOthers(ImplicitDevices.numbered(given.others()));
        int firstFreeIndex = devs.controllers().stream().filter(c -> c.type().equals("pci") && c.index() != null)
                .mapToInt(c -> c.index() + 1).max().orElse(1);
        PciAllocator pci = new PciAllocator(machine, firstFreeIndex, devs.controllers());
        // reserve what the user fixed first, so automatic placement never collides with it
        devs.others().forEach(x -> pci.reserve(x.address()));
        devs.disks().forEach(x -> pci.reserve(x.address()));
        devs.interfaces().forEach(x -> pci.reserve(x.address()));
        if (devs.memballoon() != null) {
            pci.reserve(devs.memballoon().address());
        }

        List<DiskDef> disks = new ArrayList<>();
        for (DiskDef disk : devs.disks()) {
            String bus = disk.targetBus() != null ? disk.targetBus() : busFor(disk);
            AddressDef addr = disk.address();
            String alias = disk.alias();
            int idx = DiskNames.index(disk.targetDev());
            switch (bus) {
                case "virtio" -> {
                    if (addr == null) {
                        addr = pci.next(PciAllocator.Kind.PCIE);
                    }
                    alias = alias == null ? "virtio-disk" + idx : alias;
                }
                case "ide" -> {
                    if (addr == null) {
                        addr = drive(idx / 4, (idx / 2) % 2, 0, idx % 2);
                    }
                    alias = alias == null ? "ide" + (idx / 4) + "-" + ((idx / 2) % 2) + "-" + (idx % 2) : alias;
                }
                case "sata" -> {
                    if (addr == null) {
                        addr = drive(idx / 6, 0, 0, idx % 6);
                    }
                    alias = alias == null ? "sata" + (idx / 6) + "-0-" + (idx % 6) : alias;
                }
                case "scsi" -> {
                    if (addr == null) {
                        addr = drive(idx / 7, 0, 0, idx % 7);
                    }
                    alias = alias == null ? "scsi" + (idx / 7) + "-0-0-" + (idx % 7) : alias;
                }
                case "fdc" -> {
                    if (addr == null) {
                        addr = drive(0, 0, 0, idx);
                    }
                    alias = alias == null ? "fdc0-0-" + idx : alias;
                }
                default -> alias = alias == null ? bus + "-disk" + idx : alias;
            }
            disks.add(disk.withBusAliasAddress(bus, alias, addr));
        }

        // other domains' MACs are gathered only when one must be generated (it walks every domain)
        boolean generate = devs.interfaces().stream().anyMatch(nic -> nic.mac() == null);
        Set<String> macs = generate ? new HashSet<>(ctx.usedMacs()) : new HashSet<>();
        devs.interfaces().stream().map(InterfaceDef::mac).filter(java.util.Objects::nonNull)
                .forEach(x -> macs.add(x.toLowerCase(java.util.Locale.ROOT)));
        List<InterfaceDef> nics = new ArrayList<>();
        int n = 0;
        for (InterfaceDef nic : devs.interfaces()) {
            String mac = nic.mac() != null ? nic.mac().toLowerCase(java.util.Locale.ROOT) : newMac(ctx, macs);
            nics.add(nic.withMacAliasAddress(mac, nic.alias() == null ? "net" + n : nic.alias(),
                    nic.address() == null ? pci.next(PciKinds.of(nic)) : nic.address()));
            n++;
        }

        List<ChrDef> serials = new ArrayList<>();
        for (int i = 0; i < devs.serials().size(); i++) {
            ChrDef s = devs.serials().get(i);
            serials.add(s.withTarget(s.targetType() == null ? "isa-serial" : s.targetType(),
                    s.targetPort() == null ? i : s.targetPort(), s.alias() == null ? "serial" + i : s.alias()));
        }
        List<ChrDef> consoles = new ArrayList<>();
        for (int i = 0; i < devs.consoles().size(); i++) {
            ChrDef c = devs.consoles().get(i);
            String tt = c.targetType() == null ? (i == 0 ? "serial" : "virtio") : c.targetType();
            int port = c.targetPort() == null ? (tt.equals("serial") ? 0 : i) : c.targetPort();
            String alias = c.alias() == null ? (tt.equals("serial") ? "serial" + port : "console" + i) : c.alias();
            consoles.add(c.withTarget(tt, port, alias));
        }
        if (serials.isEmpty() && !consoles.isEmpty() && consoles.getFirst().targetType().equals("serial")) {
            // a serial console implies the serial port it talks to (libvirt does the same)
            ChrDef c = consoles.getFirst();
            serials.add(new ChrDef(ChrDef.Kind.SERIAL, c.type(), c.path(), c.mode(), c.host(), c.service(),
                    "isa-serial", 0, null, c.logFile(), c.logAppend(), "serial0"));
        }
        List<ChrDef> channels = new ArrayList<>();
        for (int i = 0; i < devs.channels().size(); i++) {
            ChrDef c = devs.channels().get(i);
            channels.add(c.withTarget(c.targetType(), c.targetPort(), c.alias() == null ? "channel" + i : c.alias()));
        }

        List<io.jvirt.conf.device.DeviceDef> others = ImplicitDevices.add(devs.withDisks(disks)
                .withChrs(serials, consoles, channels), machine, pci);
        MemballoonDef balloon = devs.memballoon();
        if (balloon == null) {
            balloon = new MemballoonDef("virtio", null, "balloon0", pci.next(PciAllocator.Kind.PCIE));
        } else if (!balloon.model().equals("none")) {
            balloon = balloon.withAliasAddress(balloon.alias() == null ? "balloon0" : balloon.alias(),
                    balloon.address() == null ? pci.next(PciAllocator.Kind.PCIE) : balloon.address());
        }
        others = ImplicitDevices.addresses(others, pci);
        if (!pci.bridges().isEmpty()) {
            List<io.jvirt.conf.device.DeviceDef> grown = new ArrayList<>(others);
            grown.addAll(pci.bridges());
            others = io.jvirt.conf.device.DeviceOrder.sorted(grown);
        }
        return new Devices(devs.emulator(), disks, nics, serials, consoles, channels, devs.graphics(), balloon,
                others);
    }

    private static String busFor(DiskDef disk) {
        String dev = disk.targetDev();
        if (dev.startsWith("vd")) {
            return "virtio";
        }
        if (dev.startsWith("hd")) {
            return "ide";
        }
        if (dev.startsWith("fd")) {
            return "fdc";
        }
        if (dev.startsWith("sd")) {
            return "sata";
        }
        return "virtio";
    }

    private static AddressDef drive(int controller, int bus, int target, int unit) {
        return new AddressDef("drive", orderedMap(
                "controller", Integer.toString(controller), "bus", Integer.toString(bus),
                "target", Integer.toString(target), "unit", Integer.toString(unit)));
    }

    static Map<String, String> orderedMap(String... kv) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String newMac(PostParseContext ctx, Set<String> used) {
        byte[] b = new byte[3];
        for (int attempt = 0; attempt < 1000; attempt++) {
            ctx.randomBytes(b);
            String mac = "52:54:00:" + HexFormat.ofDelimiter(":").formatHex(b);
            if (used.add(mac)) {
                return mac;
            }
        }
        throw new IllegalStateException("no free MAC address after 1000 attempts");
    }
}
