package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.OperationFailedException;
import io.jvirt.error.SystemException;
import io.jvirt.qemu.command.HostdevCommandLine;
import io.jvirt.qemu.command.UsbAddresses;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code <hostdev>} rules. At define time: what QEMU 7.2 and this driver can assign (VFIO only,
 * x86 mediated devices, SCSI behind a controller at an explicit drive address). At start, before
 * QEMU runs, the host device must exist in sysfs (a missing PCI device fails naming its address,
 * as libvirt's "Device ... not found"), a USB vendor/product source is resolved to its bus and
 * device, and a SCSI device to its {@code /dev/sgN}. Binding PCI devices to vfio-pci (and the
 * host's VFIO support) is {@link PciHostdevs}'s, after these checks.
 */
final class HostdevRules {
    static final Path SYS = Path.of("/sys");

    private HostdevRules() {
    }

    static void validate(DomainDef def) {
        for (HostdevDef h : def.devices().of(HostdevDef.class)) {
            String what = "hostdev " + describe(h) + ": ";
            if (h.pci().driverName() != null && !h.pci().driverName().equals("vfio")) {
                throw unsupported(what + "host device driver '" + h.pci().driverName()
                        + "' is not supported; QEMU 7.2 assigns devices with 'vfio' only");
            }
            if (h.pci().rom() != null && !h.type().equals("pci") && !h.type().equals("mdev")) {
                throw unsupported(what + "<rom> is only supported for PCI host devices");
            }
            switch (h.type()) {
                case "mdev" -> {
                    if (!"vfio-pci".equals(h.model())) {
                        throw unsupported(what + "mediated device model '" + h.model()
                                + "' is not supported on this architecture");
                    }
                }
                case "usb" -> {
                    if (UsbAddresses.controller(def).isEmpty()) {
                        throw unsupported(what + "a USB host device needs a USB controller");
                    }
                }
                case "scsi" -> {
                    if (!h.adapter().matches("scsi_host[0-9]+")) {
                        throw unsupported(what + "SCSI adapter name '" + h.adapter() + "' is not supported "
                                + "(expected scsi_hostN)");
                    }
                    AddressDef a = h.address();
                    if (a == null || !a.type().equals("drive")) {
                        throw unsupported(what + "a SCSI host device needs an <address type='drive'>");
                    }
                    int ctl = Math.max(a.intAttr("controller"), 0);
                    boolean present = def.devices().controllers().stream().anyMatch(c -> c.type().equals("scsi")
                            && c.index() != null && c.index() == ctl);
                    if (!present) {
                        throw unsupported(what + "a SCSI host device needs <controller type='scsi' index='" + ctl + "'>");
                    }
                }
                default -> { }
            }
            if (!h.type().equals("usb") && !h.type().equals("scsi") && h.address() != null
                    && !h.address().type().equals("pci")) {
                throw unsupported(what + "address type '" + h.address().type() + "' is not supported");
            }
        }
    }

    /** What domxml-to-native builds with: like libvirt, a USB source needs its bus and device. */
    static Map<String, Path> preview(DomainDef def) {
        for (HostdevDef h : def.devices().of(HostdevDef.class)) {
            if (h.type().equals("usb") && (h.source().get("bus") == null || h.source().get("device") == null)) {
                throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                        "USB host device is missing bus/device information");
            }
        }
        return scsiNodes(def, SYS);
    }

    /** Start: checks every host device in sysfs; returns {@code def} with USB sources resolved. */
    static DomainDef prepare(DomainDef def, Path sys) {
        List<DeviceDef> out = new ArrayList<>();
        boolean changed = false;
        for (DeviceDef d : def.devices().others()) {
            if (!(d instanceof HostdevDef h)) {
                out.add(d);
                continue;
            }
            switch (h.type()) {
                case "pci" -> pci(h, sys);
                case "mdev" -> {
                    Path p = sys.resolve("bus/mdev/devices").resolve(h.source().get("uuid"));
                    if (!Files.exists(p)) {
                        throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU, "mediated device '"
                                + h.source().get("uuid") + "' not found: could not access " + p
                                + ": No such file or directory");
                    }
                }
                case "usb" -> {
                    HostdevDef r = usb(h, sys);
                    changed |= r != h;
                    h = r;
                }
                default -> { } // scsi: scsiNodes
            }
            out.add(h);
        }
        return changed ? def.withDevices(def.devices().withOthers(out)) : def;
    }

    private static void pci(HostdevDef h, Path sys) {
        String name = HostdevCommandLine.pciName(h);
        Path dev = sys.resolve("bus/pci/devices").resolve(name);
        if (!Files.exists(dev.resolve("config"))) {
            throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU, "Device " + name
                    + " not found: could not access " + dev.resolve("config") + ": No such file or directory");
        }
    }

    /** A USB source by bus/device must exist; one by vendor/product gets its bus and device. */
    private static HostdevDef usb(HostdevDef h, Path sys) {
        List<int[]> found = new ArrayList<>(); // {bus, device}
        Integer vendor = h.vendor() == null ? null : HostdevCommandLine.num(h.vendor());
        Integer product = h.product() == null ? null : HostdevCommandLine.num(h.product());
        String bus = h.source().get("bus");
        String device = h.source().get("device");
        Path root = sys.resolve("bus/usb/devices");
        if (Files.isDirectory(root)) {
            try (Stream<Path> s = Files.list(root)) {
                for (Path d : s.toList()) {
                    String b = read(d.resolve("busnum"));
                    String n = read(d.resolve("devnum"));
                    if (b == null || n == null) {
                        continue; // an interface, not a device
                    }
                    boolean match = bus != null && device != null
                            ? Integer.parseInt(b) == HostdevCommandLine.num(bus)
                                    && Integer.parseInt(n) == HostdevCommandLine.num(device)
                            : vendor != null && vendor == hex(read(d.resolve("idVendor")))
                                    && (product == null || product == hex(read(d.resolve("idProduct"))));
                    if (match) {
                        found.add(new int[] {Integer.parseInt(b), Integer.parseInt(n)});
                    }
                }
            } catch (IOException e) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU, "cannot read " + root + ": "
                        + e.getMessage(), e);
            }
        }
        if (found.isEmpty()) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU,
                    bus != null && device != null ? "Did not find USB device bus:" + HostdevCommandLine.num(bus)
                            + " device:" + HostdevCommandLine.num(device)
                            : String.format("Did not find USB device %04x:%04x", vendor, product == null ? 0 : product));
        }
        if (bus != null && device != null) {
            return h;
        }
        if (found.size() > 1) {
            throw new OperationFailedException(ErrorNumber.OPERATION_FAILED, ErrorDomain.QEMU, String.format(
                    "Found multiple USB devices for %04x:%04x, use <address> to specify one", vendor,
                    product == null ? 0 : product));
        }
        Map<String, String> src = new LinkedHashMap<>(h.source());
        src.put("bus", Integer.toString(found.getFirst()[0]));
        src.put("device", Integer.toString(found.getFirst()[1]));
        return new HostdevDef(h.type(), h.managed(), h.model(), src, h.vendor(), h.product(), h.adapter(),
                h.bootOrder(), h.readonly(), h.pci(), h.alias(), h.address());
    }

    /** The {@code /dev/sgN} of each SCSI host device (by alias), from sysfs. */
    static Map<String, Path> scsiNodes(DomainDef def, Path sys) {
        Map<String, Path> out = new LinkedHashMap<>();
        for (HostdevDef h : def.devices().of(HostdevDef.class)) {
            if (!h.type().equals("scsi")) {
                continue;
            }
            String id = h.adapter().substring("scsi_host".length()) + ":" + h.source().get("bus") + ":"
                    + h.source().get("target") + ":" + h.source().get("unit");
            Path dir = sys.resolve("bus/scsi/devices").resolve(id).resolve("scsi_generic");
            try (Stream<Path> s = Files.list(dir)) {
                Path sg = s.findFirst().orElseThrow(() -> new IOException("empty"));
                out.put(h.alias(), Path.of("/dev").resolve(sg.getFileName().toString()));
            } catch (IOException e) {
                throw new SystemException(ErrorNumber.SYSTEM_ERROR, ErrorDomain.QEMU, "Failed to open " + dir
                        + ": No such file or directory", e);
            }
        }
        return out;
    }

    private static String describe(HostdevDef h) {
        return switch (h.type()) {
            case "pci" -> HostdevCommandLine.pciName(h);
            case "mdev" -> h.source().get("uuid");
            case "usb" -> h.vendor() != null ? h.vendor() + ":" + h.product()
                    : h.source().get("bus") + ":" + h.source().get("device");
            default -> h.adapter() + " " + h.source().get("bus") + ":" + h.source().get("target") + ":"
                    + h.source().get("unit");
        };
    }

    private static int hex(String s) {
        return s == null ? -1 : Integer.parseInt(s.strip(), 16);
    }

    private static String read(Path p) {
        try {
            return Files.isRegularFile(p) ? Files.readString(p).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
