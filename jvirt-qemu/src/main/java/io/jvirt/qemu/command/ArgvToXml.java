package io.jvirt.qemu.command;

import io.jvirt.conf.xml.DomainXml;
import io.jvirt.conf.xml.XmlWriter;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.InvalidArgException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * domxml-from-native: domain XML for a QEMU command line, the ones jvirt generates and common
 * hand-written ones (-m, -smp, -drive, -hda, -cdrom, -nic, -serial, -vnc ...). Options that only a
 * manager uses (monitor, pidfile, -S, ...) are dropped; anything else not understood is kept in
 * {@code <qemu:commandline>}, so nothing is silently lost. The result is parsed back before it is
 * returned.
 */
public final class ArgvToXml {
    /** Options without a value. */
    private static final Set<String> FLAGS = Set.of("-S", "-no-user-config", "-nodefaults", "-nographic",
            "-enable-kvm", "-no-reboot", "-no-shutdown", "-no-hpet", "-no-acpi", "-snapshot", "-daemonize");
    /** Options a manager sets for itself: not part of a domain definition. */
    private static final Set<String> MANAGER = Set.of("-S", "-no-user-config", "-nodefaults", "-mon", "-qmp",
            "-monitor", "-pidfile", "-msg", "-sandbox", "-overcommit", "-display", "-daemonize", "-incoming", "-nographic");

    private final List<String> extra = new ArrayList<>();
    private final Map<String, String> chardevs = new HashMap<>();     // id -> backend
    private final Map<String, Map<String, String>> netdevs = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> blockdevs = new LinkedHashMap<>(); // node-name -> props
    private final XmlWriter devices = new XmlWriter();
    private String name = "unnamed";
    private String uuid;
    private String type = "qemu";
    private String emulator;
    private long memoryKiB = 128 * 1024;
    private int vcpus = 1;
    private Integer maxVcpus;
    private String machine;
    private boolean acpi = true;
    private String kernel;
    private String initrd;
    private String cmdline;
    private String bootOrder;
    private String cpu;
    private String clock;
    private boolean noReboot;
    private boolean balloon;
    private int disksOnBus = 0;

    private ArgvToXml() {
    }

    public static String convert(String commandLine) {
        List<String> words = ShellWords.split(commandLine);
        int i = 0;
        while (i < words.size() && words.get(i).matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
            i++; // environment assignments
        }
        if (i >= words.size()) {
            throw new InvalidArgException(ErrorNumber.INVALID_ARG, ErrorDomain.QEMU, "no QEMU binary in the command line");
        }
        ArgvToXml x = new ArgvToXml();
        x.emulator = words.get(i);
        List<String> args = words.subList(i + 1, words.size());
        for (int k = 0; k < args.size(); k++) {
            String opt = args.get(k);
            if (!opt.startsWith("-")) {
                x.extra.add(opt);
                continue;
            }
            String o = opt.startsWith("--") ? opt.substring(1) : opt;
            String value = FLAGS.contains(o) || k + 1 >= args.size() ? null : args.get(++k);
            x.option(o, value);
        }
        String xml = x.xml();
        return DomainXml.format(DomainXml.parse(xml));
    }

    private void option(String o, String v) {
        switch (o) {
            case "-name" -> name = OptionValue.parse(v, "guest").get("guest");
            case "-uuid" -> uuid = v;
            case "-m" -> memoryKiB = memory(OptionValue.parse(v, "size").get("size"));
            case "-smp" -> smp(OptionValue.parse(v, "cpus"));
            case "-machine", "-M" -> machine(OptionValue.parse(v, "type"));
            case "-accel" -> type = OptionValue.parse(v, "accel").get("accel").equals("kvm") ? "kvm" : type;
            case "-enable-kvm" -> type = "kvm";
            case "-cpu" -> cpu = v;
            case "-kernel" -> kernel = v;
            case "-initrd" -> initrd = v;
            case "-append" -> cmdline = v;
            case "-boot" -> bootOrder = OptionValue.parse(v, "order").get("order");
            case "-rtc" -> clock = OptionValue.parse(v, null).getOrDefault("base", "utc");
            case "-no-reboot" -> noReboot = true;
            case "-no-acpi" -> acpi = false;
            case "-blockdev" -> {
                Map<String, String> p = OptionValue.parse(v, null);
                blockdevs.put(p.get("node-name"), p);
            }
            case "-drive" -> drive(OptionValue.parse(v, null));
            case "-hda", "-hdb", "-hdc", "-hdd" -> disk("ide", "disk", v, null, false, null);
            case "-cdrom" -> disk("ide", "cdrom", v, "raw", true, null);
            case "-netdev" -> {
                Map<String, String> p = OptionValue.parse(v, "type");
                netdevs.put(p.get("id"), p);
            }
            case "-nic" -> nic(OptionValue.parse(v, "type"), OptionValue.parse(v, "type").get("model"));
            case "-chardev" -> {
                Map<String, String> p = OptionValue.parse(v, "backend");
                chardevs.put(p.get("id"), p.get("backend"));
            }
            case "-serial" -> serial(v);
            case "-vnc" -> vnc(v);
            case "-device" -> device(OptionValue.parse(v, "driver"));
            case "-vga" -> {
                String model = switch (v) {
                    case "std" -> "vga";
                    case "cirrus", "qxl", "virtio", "none" -> v;
                    case "vmware" -> "vmvga";
                    default -> null;
                };
                if (model == null) {
                    extra.add(o);
                    extra.add(v);
                } else {
                    video(model);
                }
            }
            case "-audiodev" -> {
                Map<String, String> p = OptionValue.parse(v, "driver");
                String t = "pa".equals(p.get("driver")) ? "pulseaudio" : p.get("driver");
                if (!("audio1".equals(p.get("id")) && "none".equals(t))) { // libvirt's default backend
                    devices.start("audio").attr("id", p.get("id").replaceAll("\\D", "")).attr("type", t).end();
                }
            }
            case "-usb" -> usbController();
            case "-usbdevice" -> {
                String t = switch (v) {
                    case "tablet", "mouse" -> v;
                    case "keyboard" -> "keyboard";
                    default -> null;
                };
                if (t == null) {
                    extra.add(o);
                    extra.add(v);
                } else {
                    usbController();
                    devices.start("input").attr("type", t).attr("bus", "usb").end();
                }
            }
            case "-soundhw" -> {
                for (String card : v.split(",")) {
                    sound(switch (card) {
                        case "hda" -> "ich6";
                        case "ac97", "es1370", "sb16", "pcspk" -> card;
                        default -> card;
                    });
                }
            }
            default -> {
                if (!MANAGER.contains(o)) {
                    extra.add(o);
                    if (v != null) {
                        extra.add(v);
                    }
                }
            }
        }
    }

    private static long memory(String s) {
        String t = s.toLowerCase(Locale.ROOT);
        long n = Long.parseLong(t.replaceAll("[a-z]+$", ""));
        return switch (t.replaceAll("^[0-9]+", "")) {
            case "k" -> n;
            case "g" -> n * 1024 * 1024;
            case "t" -> n * 1024 * 1024 * 1024;
            default -> n * 1024; // M, or no suffix: MiB
        };
    }

    private void smp(Map<String, String> p) {
        vcpus = Integer.parseInt(p.getOrDefault("cpus", "1"));
        if (p.containsKey("maxcpus")) {
            maxVcpus = Integer.parseInt(p.get("maxcpus"));
        }
    }

    private void machine(Map<String, String> p) {
        machine = p.get("type");
        if ("kvm".equals(p.get("accel"))) {
            type = "kvm";
        }
        if ("off".equals(p.get("acpi"))) {
            acpi = false;
        }
    }

    private void drive(Map<String, String> p) {
        String iface = p.getOrDefault("if", "ide");
        String media = p.getOrDefault("media", "disk");
        boolean ro = "on".equals(p.get("readonly")) || media.equals("cdrom");
        if (iface.equals("none")) {
            blockdevs.put(p.get("id"), Map.of("driver", "file", "filename", p.getOrDefault("file", ""),
                    "format", p.getOrDefault("format", "raw")));
            return;
        }
        disk(iface, media, p.get("file"), p.get("format"), ro, null);
    }

    private void disk(String bus, String device, String file, String format, boolean readonly, String serialNo) {
        String prefix = switch (bus) {
            case "virtio" -> "vd";
            case "scsi", "sata", "usb" -> "sd";
            case "floppy", "fdc" -> "fd";
            default -> "hd";
        };
        int index = disksOnBus++;
        devices.start("disk").attr("type", "file").attr("device", device);
        devices.start("driver").attr("name", "qemu").attr("type", format == null ? "raw" : format).end();
        if (file != null) {
            devices.start("source").attr("file", file).end();
        }
        devices.start("target").attr("dev", prefix + (char) ('a' + index)).attr("bus", bus.equals("floppy") ? "fdc" : bus).end();
        if (readonly) {
            devices.empty("readonly");
        }
        if (serialNo != null) {
            devices.element("serial", serialNo);
        }
        devices.end();
    }

    private void device(Map<String, String> p) {
        String driver = p.get("driver");
        switch (driver) {
            case "virtio-blk-pci", "ide-hd", "ide-cd", "scsi-hd", "scsi-cd", "usb-storage" -> {
                Map<String, String> fmt = blockdevs.get(p.get("drive"));
                Map<String, String> storage = fmt == null ? null : blockdevs.get(fmt.get("file"));
                String file = storage != null ? storage.get("filename") : fmt == null ? null : fmt.get("filename");
                String format = fmt == null ? null : fmt.getOrDefault("format", fmt.get("driver"));
                String bus = driver.startsWith("virtio") ? "virtio" : driver.startsWith("ide") ? "ide"
                        : driver.startsWith("scsi") ? "scsi" : "usb";
                boolean cd = driver.endsWith("-cd");
                disk(bus, cd ? "cdrom" : "disk", file, "file".equals(format) ? "raw" : format,
                        cd || (fmt != null && "true".equals(fmt.get("read-only"))), p.get("serial"));
            }
            case "virtio-net-pci", "e1000", "rtl8139", "e1000e" -> {
                Map<String, String> nd = netdevs.getOrDefault(p.get("netdev"), Map.of("type", "user"));
                Map<String, String> merged = new LinkedHashMap<>(nd);
                if (p.containsKey("mac")) {
                    merged.put("mac", p.get("mac"));
                }
                nic(merged, driver.equals("virtio-net-pci") ? "virtio" : driver);
            }
            case "isa-serial" -> serialOn(chardevs.getOrDefault(p.get("chardev"), "pty"));
            case "VGA" -> video("vga");
            case "cirrus-vga" -> video("cirrus");
            case "qxl-vga", "qxl" -> video("qxl");
            case "virtio-vga", "virtio-gpu-pci" -> video("virtio");
            case "bochs-display" -> video("bochs");
            case "vmware-svga" -> video("vmvga");
            case "ramfb" -> video("ramfb");
            case "usb-tablet", "usb-mouse", "usb-kbd" -> {
                usbController();
                devices.start("input").attr("type", driver.equals("usb-tablet") ? "tablet"
                        : driver.equals("usb-mouse") ? "mouse" : "keyboard").attr("bus", "usb").end();
            }
            case "virtio-tablet-pci", "virtio-mouse-pci", "virtio-keyboard-pci" -> devices.start("input")
                    .attr("type", driver.substring(7, driver.length() - 4)).attr("bus", "virtio").end();
            case "piix3-usb-uhci", "qemu-xhci", "nec-usb-xhci", "usb-ehci" -> usbController(switch (driver) {
                case "piix3-usb-uhci" -> "piix3-uhci";
                case "nec-usb-xhci" -> "nec-xhci";
                case "usb-ehci" -> "ehci";
                default -> driver;
            });
            case "intel-hda" -> sound("ich6");
            case "ich9-intel-hda" -> sound("ich9");
            case "AC97" -> sound("ac97");
            case "ES1370" -> sound("es1370");
            case "sb16" -> sound("sb16");
            case "hda-duplex" -> { } // the default codec of an HDA controller
            case "virtio-balloon-pci" -> balloon = true;
            default -> {
                extra.add("-device");
                extra.add(OptionValue.toKeyValue(p));
            }
        }
    }

    private boolean videoSeen;
    private boolean usbSeen;

    private void video(String model) {
        if (model.equals("none") && videoSeen) {
            return;
        }
        videoSeen = true;
        devices.start("video").start("model").attr("type", model).end().end();
    }

    private void usbController() {
        usbController(null);
    }

    private void usbController(String model) {
        if (usbSeen) {
            return;
        }
        usbSeen = true;
        devices.start("controller").attr("type", "usb").attr("model", model).end();
    }

    private void sound(String model) {
        devices.start("sound").attr("model", model).end();
    }

    private void nic(Map<String, String> p, String model) {
        String t = p.getOrDefault("type", "user");
        if (!t.equals("user")) {
            extra.add("-netdev");
            extra.add(OptionValue.toKeyValue(p));
            return;
        }
        devices.start("interface").attr("type", "user");
        if (p.containsKey("mac")) {
            devices.start("mac").attr("address", p.get("mac")).end();
        }
        if (model != null) {
            devices.start("model").attr("type", model).end();
        }
        devices.end();
    }

    private void serial(String v) {
        if (v.startsWith("file:")) {
            devices.start("serial").attr("type", "file").start("source").attr("path", v.substring(5)).end()
                    .start("target").attr("port", 0).end().end();
        } else {
            serialOn(v.equals("mon:stdio") ? "stdio" : v);
        }
    }

    private void serialOn(String backend) {
        String t = switch (backend) {
            case "pty", "stdio", "null" -> backend;
            default -> "pty";
        };
        devices.start("serial").attr("type", t).start("target").attr("port", 0).end().end();
        devices.start("console").attr("type", t).start("target").attr("type", "serial").attr("port", 0).end().end();
    }

    private void vnc(String v) {
        devices.start("graphics").attr("type", "vnc");
        if (v.startsWith("unix:")) {
            devices.attr("socket", v.substring(5));
        } else {
            int colon = v.lastIndexOf(':');
            String host = colon > 0 ? v.substring(0, colon).replace("[", "").replace("]", "") : null;
            int display = Integer.parseInt(v.substring(colon + 1).split(",")[0]);
            devices.attr("port", 5900 + display).attr("autoport", "no");
            if (host != null && !host.isEmpty()) {
                devices.attr("listen", host);
            }
        }
        devices.end();
    }

    private String xml() {
        XmlWriter w = new XmlWriter();
        w.start("domain").attr("type", type);
        if (!extra.isEmpty()) {
            w.attr("xmlns:qemu", "http://libvirt.org/schemas/domain/qemu/1.0");
        }
        w.element("name", name);
        if (uuid != null) {
            w.element("uuid", uuid);
        }
        w.start("memory").attr("unit", "KiB").text(Long.toString(memoryKiB));
        w.start("vcpu").attr("placement", "static");
        if (maxVcpus != null && maxVcpus > vcpus) {
            w.attr("current", vcpus).text(Integer.toString(maxVcpus));
        } else {
            w.text(Integer.toString(vcpus));
        }
        w.start("os");
        w.start("type").attr("arch", "x86_64").attr("machine", machine).text("hvm");
        if (kernel != null) {
            w.element("kernel", kernel);
        }
        if (initrd != null) {
            w.element("initrd", initrd);
        }
        if (cmdline != null) {
            w.element("cmdline", cmdline);
        }
        if (bootOrder != null && kernel == null) {
            for (char c : bootOrder.toCharArray()) {
                String dev = switch (c) {
                    case 'a' -> "fd";
                    case 'd' -> "cdrom";
                    case 'n' -> "network";
                    default -> "hd";
                };
                w.start("boot").attr("dev", dev).end();
            }
        }
        w.end();
        if (acpi) {
            w.start("features").empty("acpi").end();
        }
        if (cpu != null) {
            switch (cpu) {
                case "host" -> w.start("cpu").attr("mode", "host-passthrough").end();
                case "max" -> w.start("cpu").attr("mode", "maximum").end();
                default -> {
                    String[] parts = cpu.split(",");
                    w.start("cpu").attr("mode", "custom").attr("match", "exact");
                    w.start("model").attr("fallback", "forbid").text(parts[0]);
                    for (int k = 1; k < parts.length; k++) {
                        String f = parts[k];
                        boolean on = f.startsWith("+") || f.endsWith("=on") || !f.contains("=") && !f.startsWith("-");
                        String name = f.replaceFirst("^[+-]", "").replaceFirst("=(on|off)$", "");
                        w.start("feature").attr("policy", on ? "require" : "disable").attr("name", name).end();
                    }
                    w.end();
                }
            }
        }
        if (clock != null) {
            w.start("clock").attr("offset", clock.equals("localtime") ? "localtime" : "utc").end();
        }
        if (noReboot) {
            w.element("on_reboot", "destroy");
        }
        w.start("devices").element("emulator", emulator);
        w.raw(devices.toString());
        w.start("memballoon").attr("model", balloon ? "virtio" : "none").end();
        w.end();
        if (!extra.isEmpty()) {
            w.start("qemu:commandline");
            extra.forEach(a -> w.start("qemu:arg").attr("value", a).end());
            w.end();
        }
        w.end();
        return w.toString();
    }
}
