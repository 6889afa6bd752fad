package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.InterfaceDef;

import java.nio.file.Path;

/**
 * {@code <hostdev mode='subsystem'>} as libvirt 9.0 builds it for QEMU 7.2: a PCI device is a
 * {@code vfio-pci} with {@code host=DDDD:BB:SS.F} (ROM settings after the guest address), a
 * mediated device a {@code vfio-pci} with its {@code sysfsdev}, a USB device a {@code usb-host}
 * with {@code hostbus}/{@code hostaddr} (the driver resolves a vendor/product source to them at
 * start) and a SCSI device a {@code host_device} block node on its {@code /dev/sgN} (resolved by
 * the driver, {@link LaunchContext#hostdevNodes()}) under a {@code scsi-generic}.
 */
public final class HostdevCommandLine {
    private HostdevCommandLine() {
    }

    /** The host PCI address of a PCI hostdev source, as QEMU and sysfs name it ("0000:06:12.5"). */
    public static String pciName(HostdevDef h) {
        var s = h.source();
        return String.format("%04x:%02x:%02x.%x", num(s.get("domain")), num(s.get("bus")), num(s.get("slot")),
                num(s.get("function")));
    }

    /** The sysfs directory of a mediated device. */
    public static String mdevPath(HostdevDef h) {
        return "/sys/bus/mdev/devices/" + h.source().get("uuid");
    }

    /** The block node name of a SCSI hostdev's {@code /dev/sgN}. */
    static String scsiNode(HostdevDef h) {
        return "libvirt-" + h.alias() + "-backend";
    }

    /** A number in libvirt's address syntax (decimal, or hex with 0x). */
    public static int num(String v) {
        if (v == null) {
            return 0;
        }
        String t = v.strip().toLowerCase(java.util.Locale.ROOT);
        return t.startsWith("0x") ? Integer.parseInt(t.substring(2), 16) : Integer.parseInt(t);
    }

    static void build(Argv a, DomainDef def, LaunchContext ctx) {
        UsbAddresses usb = null;
        for (HostdevDef h : def.devices().of(HostdevDef.class)) {
            String machine = def.os().machine();
            switch (h.type()) {
                case "pci" -> {
                    JsonProps.Builder b = JsonProps.builder().put("driver", "vfio-pci").put("host", pciName(h))
                            .put("id", h.alias());
                    if (h.bootOrder() != null) {
                        b.put("bootindex", h.bootOrder());
                    }
                    DeviceAddresses.pci(b, h.address(), machine);
                    rom(b, h.pci().rom());
                    a.json("-device", b.build());
                }
                case "mdev" -> {
                    JsonProps.Builder b = JsonProps.builder().put("driver", "vfio-pci").put("id", h.alias())
                            .put("sysfsdev", mdevPath(h));
                    if (h.bootOrder() != null) {
                        b.put("bootindex", h.bootOrder());
                    }
                    DeviceAddresses.pci(b, h.address(), machine);
                    rom(b, h.pci().rom());
                    a.json("-device", b.build());
                }
                case "usb" -> {
                    if (h.source().get("bus") == null || h.source().get("device") == null) {
                        throw new IllegalStateException("usb hostdev " + h.alias() + " reached the argv builder "
                                + "without bus/device");
                    }
                    if (usb == null) {
                        usb = UsbAddresses.of(def);
                    }
                    JsonProps.Builder b = JsonProps.builder().put("driver", "usb-host")
                            .put("hostbus", num(h.source().get("bus"))).put("hostaddr", num(h.source().get("device")))
                            .put("id", h.alias());
                    if (h.bootOrder() != null) {
                        b.put("bootindex", h.bootOrder());
                    }
                    usb.put(b, h);
                    a.json("-device", b.build());
                }
                case "scsi" -> {
                    Path node = ctx.hostdevNodes().get(h.alias());
                    AddressDef ad = h.address();
                    if (node == null || ad == null || !ad.type().equals("drive")) {
                        throw new IllegalStateException("scsi hostdev " + h.alias()
                                + " reached the argv builder without its node or drive address");
                    }
                    a.json("-blockdev", JsonProps.builder().put("driver", "host_device")
                            .put("filename", node.toString()).put("node-name", scsiNode(h))
                            .put("read-only", h.readonly()).build());
                    JsonProps.Builder b = JsonProps.builder().put("driver", "scsi-generic").put("drive", scsiNode(h))
                            .put("id", h.alias());
                    if (h.bootOrder() != null) {
                        b.put("bootindex", h.bootOrder());
                    }
                    b.put("bus", "scsi" + Math.max(ad.intAttr("controller"), 0) + ".0")
                            .put("channel", Math.max(ad.intAttr("bus"), 0))
                            .put("scsi-id", Math.max(ad.intAttr("target"), 0))
                            .put("lun", Math.max(ad.intAttr("unit"), 0));
                    a.json("-device", b.build());
                }
                default -> throw new IllegalStateException("hostdev type " + h.type() + " reached the argv builder");
            }
        }
    }

    /** {@code <rom>}: enabled='no' is an empty romfile, else rombar 0/1 and the file. */
    private static void rom(JsonProps.Builder b, InterfaceDef.Rom rom) {
        if (rom == null) {
            return;
        }
        if (Boolean.FALSE.equals(rom.enabled())) {
            b.put("romfile", "");
            return;
        }
        if (rom.bar() != null) {
            b.put("rombar", rom.bar() ? 1 : 0);
        }
        b.put("romfile", rom.file());
    }
}
