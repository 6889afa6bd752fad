package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.VideoDef;

import java.util.List;

/**
 * Video devices as {@code -device}: the primary one (libvirt's first, or the one marked
 * {@code primary='yes'}) is the VGA-compatible variant (VGA, cirrus-vga, qxl-vga, virtio-vga ...),
 * the others the secondary ones (qxl, virtio-gpu-pci). Sizes come from post-parse (KiB).
 */
final class VideoCommandLine {
    private VideoCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        String machine = def.os().machine();
        for (VideoDef v : ordered(def)) {
            if (v.model().equals("none")) {
                continue;
            }
            a.json("-device", device(v, v == primary(def), machine));
        }
    }

    /** The videos with the primary one first, as libvirt orders them. */
    static List<VideoDef> ordered(DomainDef def) {
        List<VideoDef> all = def.devices().of(VideoDef.class);
        VideoDef p = primary(def);
        if (p == null) {
            return all;
        }
        java.util.ArrayList<VideoDef> out = new java.util.ArrayList<>(all.size());
        out.add(p);
        all.stream().filter(v -> v != p).forEach(out::add);
        return out;
    }

    /** The primary video: the one marked primary, else the first; null without videos. */
    static VideoDef primary(DomainDef def) {
        List<VideoDef> all = def.devices().of(VideoDef.class);
        return all.stream().filter(v -> Boolean.TRUE.equals(v.primary())).findFirst()
                .orElse(all.isEmpty() ? null : all.getFirst());
    }

    /** The QEMU device type of a video model, as primary or secondary; null when it has none. */
    static String driver(VideoDef v, boolean primary) {
        return switch (v.model()) {
            case "vga" -> primary ? "VGA" : null;
            case "cirrus" -> primary ? "cirrus-vga" : null;
            case "vmvga" -> primary ? "vmware-svga" : null;
            case "qxl" -> primary ? "qxl-vga" : "qxl";
            case "virtio" -> primary ? "virtio-vga" : "virtio-gpu-pci";
            case "bochs" -> "bochs-display";
            case "ramfb" -> primary ? "ramfb" : null;
            default -> null;
        };
    }

    private static JsonProps device(VideoDef v, boolean primary, String machine) {
        String driver = driver(v, primary);
        if (driver == null) {
            throw new IllegalStateException("video model " + v.model() + " reached the argv builder");
        }
        JsonProps.Builder b = JsonProps.builder().put("driver", driver).put("id", v.alias());
        switch (v.model()) {
            case "qxl" -> {
                b.put("max_outputs", v.heads());
                b.put("ram_size", v.ram() == null ? null : v.ram() * 1024);
                b.put("vram_size", v.vram() == null ? null : v.vram() * 1024);
                b.put("vram64_size_mb", 0);
                b.put("vgamem_mb", v.vgamem() == null ? null : v.vgamem() / 1024);
            }
            case "virtio" -> b.put("max_outputs", v.heads());
            case "vga", "vmvga" -> b.put("vgamem_mb", v.vram() == null ? null : v.vram() / 1024);
            case "bochs" -> b.put("vgamem", v.vram() == null ? null : v.vram() * 1024);
            default -> { }
        }
        DeviceAddresses.pci(b, v.address(), machine);
        return b.build();
    }
}
