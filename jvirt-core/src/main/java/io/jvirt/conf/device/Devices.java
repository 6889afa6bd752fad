package io.jvirt.conf.device;

import java.util.List;

/**
 * Everything under {@code <devices>}.
 *
 * @param emulator   the QEMU binary, or null until post-parse
 * @param disks      disks in document order
 * @param interfaces network interfaces
 * @param serials    serial ports
 * @param consoles   consoles
 * @param channels   channels
 * @param graphics   graphics devices
 * @param memballoon the balloon, or null until post-parse
 */
public record Devices(String emulator, List<DiskDef> disks, List<InterfaceDef> interfaces, List<ChrDef> serials,
                      List<ChrDef> consoles, List<ChrDef> channels, List<GraphicsDef> graphics,
                      MemballoonDef memballoon) {
    public Devices {
        disks = List.copyOf(disks);
        interfaces = List.copyOf(interfaces);
        serials = List.copyOf(serials);
        consoles = List.copyOf(consoles);
        channels = List.copyOf(channels);
        graphics = List.copyOf(graphics);
    }

    public static final Devices EMPTY = new Devices(null, List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), null);

    public Devices withEmulator(String e) {
        return new Devices(e, disks, interfaces, serials, consoles, channels, graphics, memballoon);
    }

    public Devices withDisks(List<DiskDef> d) {
        return new Devices(emulator, d, interfaces, serials, consoles, channels, graphics, memballoon);
    }

    public Devices withInterfaces(List<InterfaceDef> i) {
        return new Devices(emulator, disks, i, serials, consoles, channels, graphics, memballoon);
    }

    public Devices withChrs(List<ChrDef> s, List<ChrDef> c, List<ChrDef> ch) {
        return new Devices(emulator, disks, interfaces, s, c, ch, graphics, memballoon);
    }

    public Devices withGraphics(List<GraphicsDef> g) {
        return new Devices(emulator, disks, interfaces, serials, consoles, channels, g, memballoon);
    }

    public Devices withMemballoon(MemballoonDef m) {
        return new Devices(emulator, disks, interfaces, serials, consoles, channels, graphics, m);
    }
}
