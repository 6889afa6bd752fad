package io.jvirt.conf.device;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything under {@code <devices>}. The families the QEMU driver builds have their own list;
 * every other family is a {@link DeviceDef} in {@link #others()}, in document order (the codec
 * writes them back grouped in libvirt's family order).
 *
 * @param emulator   the QEMU binary, or null until post-parse
 * @param disks      disks in document order
 * @param interfaces network interfaces
 * @param serials    serial ports
 * @param consoles   consoles
 * @param channels   channels
 * @param graphics   graphics devices
 * @param memballoon the balloon, or null until post-parse
 * @param others     controllers, inputs, video, sound, hostdevs, rng, tpm ... in document order
 */
public record Devices(String emulator, List<DiskDef> disks, List<InterfaceDef> interfaces, List<ChrDef> serials,
                      List<ChrDef> consoles, List<ChrDef> channels, List<GraphicsDef> graphics,
                      MemballoonDef memballoon, List<DeviceDef> others) {
    public Devices {
        disks = List.copyOf(disks);
        interfaces = List.copyOf(interfaces);
        serials = List.copyOf(serials);
        consoles = List.copyOf(consoles);
        channels = List.copyOf(channels);
        graphics = List.copyOf(graphics);
        others = List.copyOf(others);
    }

    public Devices(String emulator, List<DiskDef> disks, List<InterfaceDef> interfaces, List<ChrDef> serials,
                   List<ChrDef> consoles, List<ChrDef> channels, List<GraphicsDef> graphics,
                   MemballoonDef memballoon) {
        this(emulator, disks, interfaces, serials, consoles, channels, graphics, memballoon, List.of());
    }

    public static final Devices EMPTY = new Devices(null, List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), null, List.of());

    /** The devices of one family among {@link #others()}, in their order; unmodifiable. */
    public <T extends DeviceDef> List<T> of(Class<T> family) {
        // a plain loop: post-parse and validation ask this dozens of times per definition
        List<T> out = null;
        for (DeviceDef d : others) {
            if (family.isInstance(d)) {
                if (out == null) {
                    out = new ArrayList<>();
                }
                out.add(family.cast(d));
            }
        }
        return out == null ? List.of() : Collections.unmodifiableList(out);
    }

    public List<ControllerDef> controllers() {
        return of(ControllerDef.class);
    }

    public Devices withEmulator(String e) {
        return new Devices(e, disks, interfaces, serials, consoles, channels, graphics, memballoon, others);
    }

    public Devices withDisks(List<DiskDef> d) {
        return new Devices(emulator, d, interfaces, serials, consoles, channels, graphics, memballoon, others);
    }

    public Devices withInterfaces(List<InterfaceDef> i) {
        return new Devices(emulator, disks, i, serials, consoles, channels, graphics, memballoon, others);
    }

    public Devices withChrs(List<ChrDef> s, List<ChrDef> c, List<ChrDef> ch) {
        return new Devices(emulator, disks, interfaces, s, c, ch, graphics, memballoon, others);
    }

    public Devices withGraphics(List<GraphicsDef> g) {
        return new Devices(emulator, disks, interfaces, serials, consoles, channels, g, memballoon, others);
    }

    public Devices withMemballoon(MemballoonDef m) {
        return new Devices(emulator, disks, interfaces, serials, consoles, channels, graphics, m, others);
    }

    public Devices withOthers(List<DeviceDef> o) {
        return new Devices(emulator, disks, interfaces, serials, consoles, channels, graphics, memballoon, o);
    }
}
