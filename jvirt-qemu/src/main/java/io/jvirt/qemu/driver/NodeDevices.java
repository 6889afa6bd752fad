package io.jvirt.qemu.driver;

import io.jvirt.Flags;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;
import io.jvirt.error.NoSuchObjectException;
import io.jvirt.qemu.host.XmlText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host's devices as libvirt's node device driver names and describes them, read from sysfs on
 * every call (no cache to go stale, no udev daemon needed): the computer ("computer", capability
 * {@code system}, from {@code /sys/class/dmi/id}), every PCI device ("pci_DDDD_BB_SS_F", capability
 * {@code pci}), every network interface ("net_IFNAME_MAC", capability {@code net}) and every disk
 * ("block_NAME[_SERIAL]", capability {@code storage}). Names, types and links come from udev's
 * database when it has them, as libvirt's do. Other device kinds libvirt lists (usb, scsi, drm...)
 * and removable media (cd, floppy) are not reported.
 */
final class NodeDevices {
    static final String COMPUTER = "computer";
    private static final Pattern PCI_NAME = Pattern.compile("pci_(\\p{XDigit}{4})_(\\p{XDigit}{2})_(\\p{XDigit}{2})_(\\p{XDigit})");
    private static final Pattern PCI_ADDR = Pattern.compile("(\\p{XDigit}{4}):(\\p{XDigit}{2}):(\\p{XDigit}{2})\\.(\\p{XDigit})");
    private static final int CAP_BITS = (1 << Flags.ListAllNodeDevices.CAP_NAMES.size()) - 1;
    private static final int PERSISTENT = 1 << 28;
    private static final int TRANSIENT = 1 << 29;
    private static final int INACTIVE = 1 << 30;
    private static final int ACTIVE = 1 << 31;
    /** {@code VIR_NODE_DEVICE_XML_INACTIVE}: the same XML here (every device is active). */
    static final int XML_INACTIVE = 1;

    private final PciSysfs pci;
    private final Path sys;
    private final Path dmi;
    private final Path udevData;
    private final Function<String, List<String>> netFeatures;

    /**
     * @param pci         the PCI sysfs
     * @param sys         sysfs ({@code /sys}): class/dmi/id, class/net, class/infiniband
     * @param udevData    udev's database ({@code /run/udev/data}); absent on hosts without udev
     * @param netFeatures an interface's offload features ({@link io.jvirt.qemu.host.Ethtool#features})
     */
    NodeDevices(PciSysfs pci, Path sys, Path udevData, Function<String, List<String>> netFeatures) {
        this.pci = pci;
        this.sys = sys;
        this.dmi = sys.resolve("class/dmi/id");
        this.udevData = udevData;
        this.netFeatures = netFeatures;
    }

    /** "pci_0000_00_05_0" for "0000:00:05.0". */
    static String name(String addr) {
        return "pci_" + addr.replace(':', '_').replace('.', '_');
    }

    /** The PCI address a "pci_..." name stands for, if it is one. */
    static Optional<String> pciAddress(String name) {
        Matcher m = PCI_NAME.matcher(name);
        return m.matches() ? Optional.of(m.group(1) + ":" + m.group(2) + ":" + m.group(3) + "." + m.group(4))
                : Optional.empty();
    }

    /** The names matching {@code flags} (capability bits, any of them; active/persistent filters): computer first. */
    List<String> list(int flags) {
        checkFlags(flags, CAP_BITS | PERSISTENT | TRANSIENT | INACTIVE | ACTIVE, "virConnectListAllNodeDevices");
        List<String> out = new ArrayList<>();
        // every device is active; only the computer is persistent (as libvirt reports them)
        if ((flags & (ACTIVE | INACTIVE)) == INACTIVE) {
            return out;
        }
        int caps = flags & CAP_BITS;
        int life = flags & (PERSISTENT | TRANSIENT);
        if ((caps == 0 || (caps & Flags.ListAllNodeDevices.CAP_SYSTEM) != 0) && life != TRANSIENT) {
            out.add(COMPUTER);
        }
        if (life == PERSISTENT) {
            return out;
        }
        List<String> rest = new ArrayList<>();
        if (caps == 0 || (caps & Flags.ListAllNodeDevices.CAP_PCI_DEV) != 0) {
            pci.devices().stream().filter(a -> PCI_ADDR.matcher(a).matches()).map(NodeDevices::name).forEach(rest::add);
        }
        if (caps == 0 || (caps & Flags.ListAllNodeDevices.CAP_NET) != 0) {
            rest.addAll(netDevices().keySet());
        }
        if (caps == 0 || (caps & Flags.ListAllNodeDevices.CAP_STORAGE) != 0) {
            rest.addAll(disks().keySet());
        }
        rest.sort(null);
        out.addAll(rest);
        return out;
    }

    /** {@code name} when the device exists, else VIR_ERR_NO_NODE_DEVICE (libvirt's message). */
    String lookup(String name) {
        if (name.equals(COMPUTER) || pciAddress(name).filter(pci::exists).isPresent()
                || (name.startsWith("net_") && netDevices().containsKey(name))
                || (name.startsWith("block_") && disks().containsKey(name))) {
            return name;
        }
        throw new NoSuchObjectException(ErrorNumber.NO_NODE_DEVICE, ErrorDomain.NODEDEV,
                "no node device with matching name '" + name + "'");
    }

    /** The parent's name: null for the computer, the bridge above a PCI device, else the computer. */
    String parent(String name) {
        lookup(name);
        if (name.equals(COMPUTER)) {
            return null;
        }
        Optional<String> addr = pciAddress(name);
        Path dev = addr.isPresent() ? pci.realPath(addr.get())
                : name.startsWith("net_") ? netPath(netDevices().get(name)) : disks().get(name).path();
        return parentOf(dev);
    }

    /** The nearest PCI device above a sysfs device directory, else the computer. */
    private String parentOf(Path dev) {
        for (Path up = dev.getParent(); up != null && up.getFileName() != null; up = up.getParent()) {
            String dir = up.getFileName().toString();
            if (PCI_ADDR.matcher(dir).matches() && pci.exists(dir)) {
                return name(dir);
            }
        }
        return COMPUTER;
    }

    List<String> caps(String name) {
        lookup(name);
        return List.of(name.equals(COMPUTER) ? "system" : name.startsWith("net_") ? "net"
                : name.startsWith("block_") ? "storage" : "pci");
    }

    /** Whether the device is persistent: only the computer is (a PCI device exists while the host has it). */
    boolean persistent(String name) {
        lookup(name);
        return name.equals(COMPUTER);
    }

    String xml(String name, int flags) {
        checkFlags(flags, XML_INACTIVE, "virNodeDeviceGetXMLDesc");
        lookup(name);
        if (name.equals(COMPUTER)) {
            return computerXml();
        }
        Optional<String> addr = pciAddress(name);
        return addr.isPresent() ? pciXml(name, addr.get())
                : name.startsWith("net_") ? netXml(name, netDevices().get(name)) : diskXml(name, disks().get(name));
    }

    /** Network interfaces by node device name ("net_" IFNAME "_" MAC with '_' for ':'; no MAC, no suffix). */
    private Map<String, String> netDevices() {
        Map<String, String> out = new TreeMap<>();
        for (String ifname : PciSysfs.names(sys.resolve("class/net"))) {
            String mac = read(sys.resolve("class/net").resolve(ifname).resolve("address")).orElse("");
            out.put("net_" + ifname + (mac.isEmpty() ? "" : "_" + mac.replace(':', '_')), ifname);
        }
        return out;
    }

    private Path netPath(String ifname) {
        Path link = sys.resolve("class/net").resolve(ifname);
        try {
            return link.toRealPath();
        } catch (IOException e) {
            return link;
        }
    }

    /**
     * {@code <capability type='net'>}: interface, MAC, link state (and speed while up, as the
     * kernel's unsigned value), offload features, and the 802.3 (or 802.11 for wlan) sub-capability.
     */
    private String netXml(String name, String ifname) {
        Path dev = netPath(ifname);
        Path cls = sys.resolve("class/net").resolve(ifname);
        StringBuilder b = new StringBuilder("<device>\n");
        element(b, "  ", "name", name);
        element(b, "  ", "path", dev.toString());
        element(b, "  ", "parent", parentOf(dev));
        b.append("  <capability type='net'>\n");
        element(b, "    ", "interface", ifname);
        read(cls.resolve("address")).ifPresent(mac -> element(b, "    ", "address", mac));
        String state = read(cls.resolve("operstate")).orElse("unknown");
        b.append("    <link");
        if (state.equals("up")) {
            read(cls.resolve("speed")).map(NodeDevices::unsigned32).filter(v -> v != 0)
                    .ifPresent(v -> b.append(" speed='").append(v).append('\''));
        }
        b.append(" state='").append(XmlText.escape(state)).append("'/>\n");
        List<String> features = new ArrayList<>(netFeatures.apply(ifname));
        if (rdma(cls)) {
            features.add(features.contains("txudptnl") ? features.indexOf("txudptnl") : features.size(), "rdma");
        }
        features.forEach(f -> b.append("    <feature name='").append(f).append("'/>\n"));
        boolean wlan = read(cls.resolve("uevent")).map(u -> u.lines().anyMatch("DEVTYPE=wlan"::equals)).orElse(false);
        b.append("    <capability type='").append(wlan ? "80211" : "80203").append("'/>\n");
        return b.append("  </capability>\n</device>\n").toString();
    }

    /** RDMA, as libvirt tells it: an InfiniBand device whose PCI resources are the interface's. */
    private boolean rdma(Path cls) {
        Optional<String> res = read(cls.resolve("device/resource"));
        return res.isPresent() && PciSysfs.names(sys.resolve("class/infiniband")).stream()
                .anyMatch(ib -> read(sys.resolve("class/infiniband").resolve(ib).resolve("device/resource")).equals(res));
    }

    /**
     * A whole disk: its sysfs directory, device node, udev properties and links.
     *
     * @param path  the real {@code /sys/devices/.../block/NAME} directory
     * @param node  {@code /dev/NAME}
     * @param udev  its udev properties (ID_TYPE, ID_BUS, ID_MODEL, ID_VENDOR, ID_SERIAL)
     * @param links its udev symlinks under /dev
     * @param type  the drive type (ID_TYPE, else libvirt's fallback by node name)
     */
    private record Disk(Path path, String node, Map<String, String> udev, List<String> links, String type) {
    }

    /** Node-name prefixes libvirt takes for disks when udev gives no ID_TYPE (virtio, Xen, pmem, NVMe). */
    private static final List<String> DISK_NODES = List.of("/dev/vd", "/dev/xvd", "/dev/pmem", "/dev/nvme");

    /**
     * The whole disks (not partitions) whose type is "disk", by node device name: "block_" NAME, then
     * "_" and the serial (non-alphanumerics as '_') when udev knows it. Disks of no known type (loop,
     * zram without udev) are left out, as libvirt leaves them.
     */
    private Map<String, Disk> disks() {
        Map<String, Disk> out = new TreeMap<>();
        Path block = sys.resolve("class/block");
        for (String dev : PciSysfs.names(block)) {
            Map<String, String> uevent = new TreeMap<>();
            read(block.resolve(dev).resolve("uevent")).ifPresent(u -> u.lines().forEach(l -> {
                int eq = l.indexOf('=');
                if (eq > 0) {
                    uevent.put(l.substring(0, eq), l.substring(eq + 1));
                }
            }));
            if (!"disk".equals(uevent.get("DEVTYPE")) || !uevent.containsKey("DEVNAME")) {
                continue;
            }
            String node = "/dev/" + uevent.get("DEVNAME");
            String id = "b" + uevent.get("MAJOR") + ":" + uevent.get("MINOR");
            UdevEntry entry = udev(id);
            Map<String, String> props = entry.props();
            String type = props.get("ID_TYPE");
            if (type == null && DISK_NODES.stream().anyMatch(node::startsWith)) {
                type = "disk";
            }
            if (!"disk".equals(type)) {
                continue;
            }
            String serial = props.get("ID_SERIAL");
            String name = "block_" + dev + (serial == null ? "" : "_" + serial.replaceAll("[^A-Za-z0-9]", "_"));
            Path path = block.resolve(dev);
            try {
                path = path.toRealPath();
            } catch (IOException e) {
                // as listed
            }
            out.put(name, new Disk(path, node, props, entry.links(), type));
        }
        return out;
    }

    /** {@code <capability type='storage'>} of a disk, as libvirt formats it for a fixed (non-removable) one. */
    private String diskXml(String name, Disk d) {
        StringBuilder b = new StringBuilder("<device>\n");
        element(b, "  ", "name", name);
        element(b, "  ", "path", d.path().toString());
        b.append("  <devnode type='dev'>").append(XmlText.escape(d.node())).append("</devnode>\n");
        d.links().forEach(l -> b.append("  <devnode type='link'>").append(XmlText.escape(l)).append("</devnode>\n"));
        element(b, "  ", "parent", parentOf(d.path()));
        b.append("  <capability type='storage'>\n");
        element(b, "    ", "block", d.node());
        Optional.ofNullable(d.udev().get("ID_BUS")).ifPresent(v -> element(b, "    ", "bus", v));
        element(b, "    ", "drive_type", d.type());
        Optional.ofNullable(d.udev().get("ID_MODEL")).or(() -> read(d.path().resolve("device/model")))
                .ifPresent(v -> element(b, "    ", "model", v));
        Optional.ofNullable(d.udev().get("ID_VENDOR")).or(() -> read(d.path().resolve("device/vendor")))
                .ifPresent(v -> element(b, "    ", "vendor", v));
        Optional.ofNullable(d.udev().get("ID_SERIAL")).ifPresent(v -> element(b, "    ", "serial", v));
        // libvirt's arithmetic: sysfs "size" (512-byte sectors) taken as blocks of the logical block size
        long blocks = read(d.path().resolve("size")).map(NodeDevices::unsignedLong).orElse(0L);
        long blockSize = read(d.path().resolve("queue/logical_block_size")).map(NodeDevices::unsignedLong).orElse(0L);
        element(b, "    ", "size", Long.toUnsignedString(blocks * blockSize));
        if (blockSize > 0) {
            element(b, "    ", "logical_block_size", Long.toString(blockSize));
        }
        if (blocks > 0) {
            element(b, "    ", "num_blocks", Long.toString(blocks));
        }
        return b.append("  </capability>\n</device>\n").toString();
    }

    private static long unsignedLong(String v) {
        try {
            return Long.parseUnsignedLong(v);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Long unsigned32(String v) {
        try {
            return Long.parseLong(v) & 0xffffffffL;
        } catch (NumberFormatException e) {
            return 0L;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            return Optional.of(Files.readString(file).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private String computerXml() {
        StringBuilder b = new StringBuilder("<device>\n  <name>computer</name>\n  <capability type='system'>\n");
        dmi("product_name").ifPresent(v -> element(b, "    ", "product", v));
        b.append("    <hardware>\n");
        dmi("sys_vendor").ifPresent(v -> element(b, "      ", "vendor", v));
        dmi("product_version").ifPresent(v -> element(b, "      ", "version", v));
        dmi("product_serial").ifPresent(v -> element(b, "      ", "serial", v));
        element(b, "      ", "uuid", dmi("product_uuid").orElse("00000000-0000-0000-0000-000000000000"));
        b.append("    </hardware>\n    <firmware>\n");
        dmi("bios_vendor").ifPresent(v -> element(b, "      ", "vendor", v));
        dmi("bios_version").ifPresent(v -> element(b, "      ", "version", v));
        dmi("bios_date").ifPresent(v -> element(b, "      ", "release_date", v));
        return b.append("    </firmware>\n  </capability>\n</device>\n").toString();
    }

    private String pciXml(String name, String addr) {
        Matcher a = PCI_ADDR.matcher(addr);
        if (!a.matches()) {
            throw new IllegalStateException(addr);
        }
        StringBuilder b = new StringBuilder("<device>\n");
        element(b, "  ", "name", name);
        element(b, "  ", "path", pci.realPath(addr).toString());
        element(b, "  ", "parent", parent(name));
        pci.driver(addr).ifPresent(d -> b.append("  <driver>\n    <name>").append(XmlText.escape(d))
                .append("</name>\n  </driver>\n"));
        b.append("  <capability type='pci'>\n");
        pci.attribute(addr, "class").map(NodeDevices::hex).ifPresent(c -> element(b, "    ", "class",
                String.format("0x%06x", c)));
        element(b, "    ", "domain", Integer.toString(Integer.parseInt(a.group(1), 16)));
        element(b, "    ", "bus", Integer.toString(Integer.parseInt(a.group(2), 16)));
        element(b, "    ", "slot", Integer.toString(Integer.parseInt(a.group(3), 16)));
        element(b, "    ", "function", Integer.toString(Integer.parseInt(a.group(4), 16)));
        Map<String, String> udev = udev("+pci:" + addr).props();
        idElement(b, "product", pci.attribute(addr, "device"), udev.get("ID_MODEL_FROM_DATABASE"));
        idElement(b, "vendor", pci.attribute(addr, "vendor"), udev.get("ID_VENDOR_FROM_DATABASE"));
        pci.iommuGroup(addr).ifPresent(g -> {
            b.append("    <iommuGroup number='").append(XmlText.escape(g)).append("'>\n");
            for (String member : pci.groupMembers(addr)) {
                Matcher m = PCI_ADDR.matcher(member);
                if (m.matches()) {
                    b.append("      <address domain='0x").append(m.group(1)).append("' bus='0x").append(m.group(2))
                            .append("' slot='0x").append(m.group(3)).append("' function='0x").append(m.group(4))
                            .append("'/>\n");
                }
            }
            b.append("    </iommuGroup>\n");
        });
        pci.attribute(addr, "numa_node").filter(n -> n.matches("\\d+"))
                .ifPresent(n -> b.append("    <numa node='").append(n).append("'/>\n"));
        pciExpress(b, addr);
        return b.append("  </capability>\n</device>\n").toString();
    }

    /** {@code <pci-express>} from the device's config space ({@link PciConfigSpace}); nothing if unreadable. */
    private void pciExpress(StringBuilder b, String addr) {
        try {
            Path config = pci.device(addr).resolve("config");
            PciConfigSpace.pciExpress(b, Files.readAllBytes(config), Files.size(config));
        } catch (IOException e) {
            // unreadable config space: nothing said
        }
    }

    /** Refuses flag bits outside {@code allowed} as libvirt does (VIR_ERR_INVALID_ARG). */
    static void checkFlags(int flags, int allowed, String function) {
        if ((flags & ~allowed) != 0) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.NODEDEV, String.format(
                    "unsupported flags (0x%x) in function %s", flags & ~allowed, function));
        }
    }

    private static void idElement(StringBuilder b, String tag, Optional<String> id, String label) {
        Optional<Integer> v = id.map(NodeDevices::hex);
        if (v.isEmpty()) {
            return;
        }
        b.append("    <").append(tag).append(" id='").append(String.format("0x%04x", v.get())).append('\'');
        if (label == null || label.isEmpty()) {
            b.append("/>\n");
        } else {
            b.append('>').append(XmlText.escape(label)).append("</").append(tag).append(">\n");
        }
    }

    private static Integer hex(String v) {
        try {
            return Integer.parseInt(v.startsWith("0x") ? v.substring(2) : v, 16);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void element(StringBuilder b, String indent, String tag, String text) {
        b.append(indent).append('<').append(tag).append('>').append(XmlText.escape(text)).append("</").append(tag)
                .append(">\n");
    }

    /** A DMI value, when readable and not empty (serials are root-only). */
    private Optional<String> dmi(String file) {
        return read(dmi.resolve(file)).filter(v -> !v.isEmpty());
    }

    /**
     * A udev database entry, read once: its {@code E:} properties and the /dev symlinks of its {@code S:} lines
     * (in udev's order).
     */
    private record UdevEntry(Map<String, String> props, List<String> links) {
    }

    /** The udev database entry of {@code id}; empty when udev has none. */
    private UdevEntry udev(String id) {
        Map<String, String> props = new TreeMap<>();
        List<String> links = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(udevData.resolve(id))) {
                int eq = line.indexOf('=');
                if (line.startsWith("E:") && eq > 2) {
                    props.put(line.substring(2, eq), line.substring(eq + 1));
                } else if (line.startsWith("S:")) {
                    links.add("/dev/" + line.substring(2));
                }
            }
        } catch (IOException e) {
            // no entry: nothing known
        }
        return new UdevEntry(props, List.copyOf(links));
    }
}
