package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AddressDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.HubDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.SoundDef;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * USB addresses ({@code bus}/{@code port} of a USB device) for the command line: a device's own
 * {@code <address type='usb' bus port>}, else the next free port of the first USB controller,
 * walked in a fixed order (hubs first, then inputs, sound, redirected devices, USB serial ports
 * and CCID readers), continuing on the hubs' ports (1.1, 1.2 ...) when the root ports are used up.
 * A pure function of the definition, so a guest's USB layout is the same on every start.
 */
public final class UsbAddresses {
    private static final int HUB_PORTS = 8;
    private final Map<Object, String[]> assigned = new IdentityHashMap<>();

    private UsbAddresses(DomainDef def) {
        Optional<ControllerDef> ctl = controller(def);
        if (ctl.isEmpty()) {
            return;
        }
        List<Object> devices = new ArrayList<>();
        List<String> taken = new ArrayList<>();
        for (Object d : usbDevices(def)) {
            AddressDef a = address(d);
            if (a != null && a.type().equals("usb") && a.attributes().get("port") != null) {
                String bus = bus(Math.max(a.intAttr("bus"), 0));
                assigned.put(d, new String[] {bus, a.attributes().get("port")});
                taken.add(a.attributes().get("port"));
            } else {
                devices.add(d);
            }
        }
        int rootPorts = rootPorts(ctl.get(), def.os().machine());
        List<String> free = new ArrayList<>();
        for (int p = 1; p <= rootPorts; p++) {
            free.add(Integer.toString(p));
        }
        free.removeAll(taken);
        String bus = bus(ctl.get().index() == null ? 0 : ctl.get().index());
        List<String> hubPorts = new ArrayList<>();
        for (Object d : devices) {
            if (free.isEmpty()) {
                free.addAll(hubPorts);
                hubPorts.clear();
                free.removeAll(taken);
            }
            if (free.isEmpty()) {
                break; // no port: the validator refused this definition
            }
            String port = free.removeFirst();
            assigned.put(d, new String[] {bus, port});
            if (d instanceof HubDef) {
                for (int i = 1; i <= HUB_PORTS; i++) {
                    hubPorts.add(port + "." + i);
                }
            }
        }
    }

    /** The USB addresses of a definition's USB devices. */
    public static UsbAddresses of(DomainDef def) {
        return new UsbAddresses(def);
    }

    /** The QEMU bus of a device ("usb.0"), or null when it has no USB address. */
    public String bus(Object device) {
        String[] a = assigned.get(device);
        return a == null ? null : a[0];
    }

    /** The port of a device ("1", "2.1"), or null when it has none. */
    public String port(Object device) {
        String[] a = assigned.get(device);
        return a == null ? null : a[1];
    }

    /** Puts {@code bus} and {@code port} for a USB device. */
    void put(JsonProps.Builder b, Object device) {
        b.put("bus", bus(device)).put("port", port(device));
    }

    /** The first USB controller that is not model='none'. */
    public static Optional<ControllerDef> controller(DomainDef def) {
        return def.devices().controllers().stream()
                .filter(c -> c.type().equals("usb") && !"none".equals(c.model()))
                .min(java.util.Comparator.comparingInt(c -> c.index() == null ? 0 : c.index()));
    }

    /** Every device that sits on USB, in the order ports are handed out. */
    public static List<Object> usbDevices(DomainDef def) {
        List<Object> out = new ArrayList<>(def.devices().of(HubDef.class));
        def.devices().of(InputDef.class).stream().filter(i -> "usb".equals(i.bus())).forEach(out::add);
        def.devices().of(SoundDef.class).stream().filter(s -> s.model().equals("usb")).forEach(out::add);
        def.devices().disks().stream().filter(d -> "usb".equals(d.targetBus())).forEach(out::add);
        out.addAll(def.devices().of(RedirdevDef.class));
        def.devices().serials().stream().filter(s -> "usb-serial".equals(s.targetType())).forEach(out::add);
        def.devices().controllers().stream().filter(c -> c.type().equals("ccid")).forEach(out::add);
        def.devices().of(io.jvirt.conf.device.HostdevDef.class).stream().filter(h -> h.type().equals("usb"))
                .forEach(out::add);
        return out;
    }

    /** How many devices the USB controller and its hubs can take. */
    public static int capacity(DomainDef def) {
        return controller(def).map(c -> rootPorts(c, def.os().machine())
                + def.devices().of(HubDef.class).size() * (HUB_PORTS - 1)).orElse(0);
    }

    private static AddressDef address(Object d) {
        if (d instanceof DeviceDef x) {
            return x.address();
        }
        if (d instanceof io.jvirt.conf.device.DiskDef x) {
            return x.address();
        }
        return null; // serial ports keep no address in the model
    }

    /** Root ports of a USB controller model (QEMU's defaults), or its {@code ports}. */
    static int rootPorts(ControllerDef c, String machine) {
        if (c.ports() != null) {
            return c.ports();
        }
        String model = c.model() != null ? c.model() : machine != null && machine.contains("q35") ? "qemu-xhci"
                : "piix3-uhci";
        if (model.contains("uhci")) {
            return 2;
        }
        if (model.contains("ehci")) {
            return 6;
        }
        return 4; // qemu-xhci, nec-xhci: four USB 2 ports
    }

    /** Whether the argv builder builds this USB controller model (UHCI, EHCI, xHCI; no companions). */
    public static boolean builtModel(ControllerDef c, String machine) {
        return UsbControllerCommandLine.driver(c, machine) != null;
    }

    private static String bus(int controllerIndex) {
        return controllerIndex == 0 ? "usb.0" : "usb" + controllerIndex + ".0";
    }
}
