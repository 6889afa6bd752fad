package io.jvirt.conf.post;

import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.Devices;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.HubDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.ShmemDef;
import io.jvirt.conf.device.SmartcardDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.conf.device.PanicDef;
import io.jvirt.conf.device.ParallelDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.conf.device.VideoDef;
import io.jvirt.conf.device.VsockDef;
import io.jvirt.conf.device.WatchdogDef;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices an x86 machine has whether or not the XML names them, made explicit as libvirt
 * does: the PCI root, the chipset's disk controller (PIIX3 IDE on i440fx, ICH9 AHCI on q35) and,
 * with graphics, the PS/2 mouse and keyboard and the primary VGA. Then PCI addresses for every
 * other device family that sits on PCI, assigned once.
 */
final class ImplicitDevices {
    private ImplicitDevices() {
    }

    static List<DeviceDef> add(Devices devs, String machine, PciAllocator pci) {
        boolean q35 = machine != null && machine.contains("q35");
        List<DeviceDef> out = new ArrayList<>();
        if (devs.controllers().stream().noneMatch(c -> c.type().equals("pci") && idx(c) == 0)) {
            out.add(new ControllerDef("pci", 0, q35 ? "pcie-root" : "pci-root"));
        }
        String chipsetDisk = q35 ? "sata" : "ide";
        if (devs.controllers().stream().noneMatch(c -> c.type().equals(chipsetDisk) && idx(c) == 0)) {
            out.add(new ControllerDef(chipsetDisk, 0, null).withIndexAddress(0,
                    q35 ? PciAllocator.slot(0x1f, 2) : PciAllocator.slot(1, 1)));
        }
        boolean firstVideo = true;
        for (DeviceDef d : devs.others()) {
            if (d instanceof VideoDef v) {
                d = videoDefaults(v, firstVideo);
                firstVideo = false;
            }
            out.add(defaults(d));
        }
        // a controller for every drive address a disk points at (scsi0, fdc0 ...), as libvirt does
        for (var d : devs.disks()) {
            String bus = d.targetBus();
            if (d.address() != null && d.address().type().equals("drive")
                    && List.of("scsi", "sata", "ide", "fdc").contains(bus)) {
                need(out, bus, Math.max(d.address().intAttr("controller"), 0));
            }
        }
        boolean virtioSerial = devs.channels().stream().anyMatch(c -> "virtio".equals(c.targetType()))
                || devs.consoles().stream().anyMatch(c -> "virtio".equals(c.targetType()));
        if (virtioSerial) {
            need(out, "virtio-serial", 0);
        }
        if (!devs.of(io.jvirt.conf.device.SmartcardDef.class).isEmpty()) {
            need(out, "ccid", 0);
        }
        if (!devs.graphics().isEmpty()) {
            List<InputDef> inputs = out.stream().filter(InputDef.class::isInstance).map(InputDef.class::cast).toList();
            for (String t : List.of("mouse", "keyboard")) {
                if (inputs.stream().noneMatch(i -> i.type().equals(t) && "ps2".equals(i.bus()))) {
                    out.add(new InputDef(t, "ps2", null, null, null));
                }
            }
            if (devs.of(VideoDef.class).isEmpty()) {
                // libvirt's default: QXL for SPICE, VGA otherwise
                boolean spice = devs.graphics().stream().anyMatch(g -> g.type().equals("spice"));
                out.add(videoDefaults(new VideoDef(spice ? "qxl" : "vga", null, null, null, null, null, null, null,
                        null), true));
            }
        }
        int lpt = 0;
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i) instanceof ParallelDef p) {
                var c = p.chr();
                out.set(i, new ParallelDef(c.withTarget(c.targetType(), c.targetPort() == null ? lpt : c.targetPort(),
                        c.alias() == null ? "parallel" + lpt : c.alias())));
                lpt++;
            }
        }
        return numbered(out);
    }

    /**
     * Indexes for controllers the user left unnumbered: the next free one per type, in document
     * order; a PCI controller other than the root starts at 1 (index 0 is the root bus).
     */
    static List<DeviceDef> numbered(List<DeviceDef> devs) {
        Map<String, Integer> next = new HashMap<>();
        List<DeviceDef> numbered = new ArrayList<>();
        for (DeviceDef d : devs) {
            if (d instanceof ControllerDef c && c.index() != null) {
                next.merge(c.type(), c.index() + 1, Math::max);
            }
        }
        for (DeviceDef d : devs) {
            if (d instanceof ControllerDef c && c.index() == null) {
                boolean root = "pci-root".equals(c.model()) || "pcie-root".equals(c.model());
                int i = next.getOrDefault(c.type(), c.type().equals("pci") && !root ? 1 : 0);
                next.put(c.type(), i + 1);
                d = c.withIndexAddress(i, c.address());
            }
            numbered.add(d);
        }
        return numbered;
    }

    /** The defaults libvirt writes into a device the user left them out of. */
    private static DeviceDef defaults(DeviceDef d) {
        if (d instanceof InputDef i && i.bus() == null) {
            String bus = switch (i.type()) {
                case "tablet" -> "usb";
                case "mouse", "keyboard" -> "ps2";
                default -> null;
            };
            return bus == null ? i : i.withBusAliasAddress(bus, i.alias(), i.address());
        }
        if (d instanceof WatchdogDef w && w.action() == null) {
            return new WatchdogDef(w.model(), "reset", w.alias(), w.address());
        }
        if (d instanceof PanicDef p && p.model() == null) {
            return new PanicDef("isa", p.alias(), p.address());
        }
        return d;
    }

    /** Video memory and heads as libvirt fills them (KiB); the first video is the primary. */
    private static VideoDef videoDefaults(VideoDef v, boolean first) {
        Long vram = v.vram();
        Long ram = v.ram();
        Long vgamem = v.vgamem();
        switch (v.model()) {
            case "vga", "cirrus", "vmvga", "bochs" -> vram = vram == null ? 16384L : vram;
            case "qxl" -> {
                vram = vram == null ? 65536L : vram;
                ram = ram == null ? 65536L : ram;
                vgamem = vgamem == null ? 16384L : vgamem;
            }
            default -> { }
        }
        boolean none = v.model().equals("none");
        Integer heads = v.heads() == null && !none ? Integer.valueOf(1) : v.heads();
        Boolean primary = v.primary() == null && first && !none ? Boolean.TRUE : v.primary();
        return new VideoDef(v.model(), vram, ram, vgamem, heads, primary, v.accel3d(), v.alias(), v.address());
    }

    private static void need(List<DeviceDef> out, String type, int index) {
        boolean present = out.stream().anyMatch(x -> x instanceof ControllerDef c && c.type().equals(type)
                && (c.index() == null ? 0 : c.index()) == index);
        if (!present) {
            out.add(new ControllerDef(type, index, null));
        }
    }

    private static int idx(ControllerDef c) {
        return c.index() == null ? 0 : c.index();
    }

    /** Assigns PCI addresses to devices that sit on PCI and have none. */
    static List<DeviceDef> addresses(List<DeviceDef> devs, PciAllocator pci) {
        List<DeviceDef> out = new ArrayList<>();
        Map<String, Integer> counters = new HashMap<>();
        // counters start past the aliases already taken, so redefining never renames a device
        for (DeviceDef d : devs) {
            String prefix = aliasPrefix(d);
            if (prefix != null && d.alias() != null && d.alias().startsWith(prefix)
                    && d.alias().length() > prefix.length() && d.alias().length() < prefix.length() + 9
                    && d.alias().substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                counters.merge(prefix, Integer.parseInt(d.alias().substring(prefix.length())) + 1, Math::max);
            }
        }
        for (DeviceDef d : devs) {
            AddressDef a = d.address();
            if (a == null && onPci(d)) {
                a = d instanceof VideoDef ? pci.video(PciKinds.of(d)) : pci.next(PciKinds.of(d));
            }
            String al = d.alias();
            if (al == null) {
                String prefix = aliasPrefix(d);
                if (d instanceof ControllerDef c) {
                    al = controllerAlias(c);
                } else if (prefix != null) {
                    int n = counters.getOrDefault(prefix, 0);
                    counters.put(prefix, n + 1);
                    al = prefix + n;
                }
            }
            if (a != d.address() || !java.util.Objects.equals(al, d.alias())) {
                d = with(d, al, a);
            }
            out.add(d);
        }
        return io.jvirt.conf.device.DeviceOrder.sorted(out);
    }

    private static boolean onPci(DeviceDef d) {
        return switch (d) {
            case ControllerDef c -> switch (c.type()) {
                case "usb" -> !"none".equals(c.model());
                case "scsi", "virtio-serial" -> true;
                case "sata" -> true;
                case "pci" -> c.model() != null && !c.model().equals("pci-root") && !c.model().equals("pcie-root");
                default -> false;
            };
            case SoundDef s -> !List.of("usb", "pcspk", "sb16").contains(s.model());
            case VideoDef v -> !v.model().equals("none") && !v.model().equals("ramfb");
            case HostdevDef h -> h.type().equals("pci") || "vfio-pci".equals(h.model());
            case WatchdogDef w -> w.model().equals("i6300esb");
            case InputDef i -> "virtio".equals(i.bus());
            case MemoryDeviceDef m -> m.model().startsWith("virtio");
            case IommuDef i -> i.model().equals("virtio");
            case RngDef r -> true;
            case FilesystemDef f -> true;
            case VsockDef v -> true;
            case TpmDef t -> false;
            case PanicDef p -> "pvpanic".equals(p.model());
            case AudioDef a -> false;
            case ShmemDef s -> true;
            case RedirdevDef r -> false;
            case SmartcardDef s -> false;
            case HubDef h -> false;
            case ParallelDef p -> false;
        };
    }

    /** A copy of {@code d} with alias {@code al} and address {@code a}. */
    private static DeviceDef with(DeviceDef d, String al, AddressDef a) {
        return switch (d) {
            case ControllerDef c -> pcieDefaults(new ControllerDef(c.type(), c.index(), c.model(), c.ports(),
                    c.vectors(), c.driverQueues(), c.driverIothread(), c.modelName(), c.targetChassis(), c.targetPort(),
                    c.targetBusNr(), al, a));
            case SoundDef s -> new SoundDef(s.model(), s.codecs(), s.audioId(), al, a);
            case VideoDef v -> new VideoDef(v.model(), v.vram(), v.ram(), v.vgamem(), v.heads(), v.primary(),
                    v.accel3d(), al, a);
            case HostdevDef h -> h.withAliasAddress(al, a);
            case WatchdogDef w -> new WatchdogDef(w.model(), w.action(), al, a);
            case InputDef i -> i.withBusAliasAddress(i.bus(), al, a);
            case MemoryDeviceDef m -> new MemoryDeviceDef(m.model(), m.access(), m.discard(), m.sourcePath(),
                    m.pagesize(), m.nodemask(), m.size(), m.node(), m.block(), m.requested(), m.label(), al, a);
            case IommuDef i -> new IommuDef(i.model(), i.intremap(), i.cachingMode(), i.eim(), i.iotlb(), i.awBits(),
                    al, a);
            case RngDef r -> new RngDef(r.model(), r.backendModel(), r.randomPath(), r.egdSource(), r.rateBytes(),
                    r.ratePeriod(), al, a);
            case FilesystemDef f -> f.withAliasAddress(al, a);
            case VsockDef v -> new VsockDef(v.model(), v.cidAuto(), v.cidAddress(), al, a);
            case TpmDef t -> new TpmDef(t.model(), t.backendType(), t.version(), t.devicePath(), t.persistentState(),
                    t.encryptionSecret(), al, a);
            case PanicDef p -> new PanicDef(p.model(), al, a);
            case AudioDef x -> x;
            case ShmemDef s -> new ShmemDef(s.name(), s.model(), s.size(), s.serverPath(), s.vectors(), s.ioeventfd(),
                    al, a);
            case RedirdevDef r -> new RedirdevDef(r.type(), r.source(), r.bootOrder(), al, a);
            case SmartcardDef s -> new SmartcardDef(s.mode(), s.certificates(), s.database(), s.type(), s.source(),
                    al, a);
            case HubDef h -> new HubDef(al, a);
            case ParallelDef p -> p;
        };
    }

    /**
     * The alias libvirt would give a device: a family prefix and a per-prefix counter (controllers
     * are named by type and index). Null for families without one.
     */
    private static String aliasPrefix(DeviceDef d) {
        return switch (d) {
            case ControllerDef c -> null;
            case SoundDef s -> "sound";
            case VideoDef v -> "video";
            case HostdevDef h -> "hostdev";
            case WatchdogDef w -> "watchdog";
            case InputDef i -> "input";
            case MemoryDeviceDef m -> m.model().replace("-", "");
            case IommuDef i -> null;
            case RngDef r -> "rng";
            case FilesystemDef f -> "fs";
            case VsockDef v -> "vsock";
            case TpmDef t -> "tpm";
            case PanicDef p -> "panic";
            case AudioDef x -> null;
            case ShmemDef s -> "shmem";
            case RedirdevDef r -> "redir";
            case SmartcardDef s -> null; // libvirt 9.0's schema has no <alias> in <smartcard>
            case HubDef h -> "hub";
            case ParallelDef p -> null;
        };
    }

    /**
     * What libvirt fills in for PCI Express controllers: the QEMU model name and, for a root port,
     * chassis = index and port = slot * 8 + function of its own address.
     */
    private static ControllerDef pcieDefaults(ControllerDef c) {
        if (!c.type().equals("pci") || c.model() == null) {
            return c;
        }
        String name = switch (c.model()) {
            case "pcie-root-port" -> "pcie-root-port";
            case "pcie-to-pci-bridge" -> "pcie-pci-bridge";
            default -> null;
        };
        if (name == null) {
            return c;
        }
        Integer chassis = c.targetChassis();
        String port = c.targetPort();
        if (c.model().equals("pcie-root-port")) {
            chassis = chassis == null ? c.index() : chassis;
            if (port == null && c.address() != null && c.address().type().equals("pci")) {
                port = String.format("0x%x", c.address().intAttr("slot") * 8 + Math.max(c.address().intAttr("function"), 0));
            }
        }
        return new ControllerDef(c.type(), c.index(), c.model(), c.ports(), c.vectors(), c.driverQueues(),
                c.driverIothread(), c.modelName() == null ? name : c.modelName(), chassis, port, c.targetBusNr(),
                c.alias(), c.address());
    }

    private static String controllerAlias(ControllerDef c) {
        int i = c.index() == null ? 0 : c.index();
        return switch (c.type()) {
            case "pci" -> "pci." + i;
            case "ide", "usb" -> i == 0 ? c.type() : c.type() + i;
            default -> c.type() + i;
        };
    }
}
