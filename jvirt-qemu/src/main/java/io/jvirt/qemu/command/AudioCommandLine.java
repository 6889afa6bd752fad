package io.jvirt.qemu.command;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.SoundDef;

import java.util.List;

/**
 * Host audio backends as {@code -audiodev}. Without an {@code <audio>} element a guest with a
 * sound device or VNC/SPICE graphics gets libvirt's default backend {@code audio1}: 'spice' with
 * SPICE graphics, else 'none' (no host audio), so QEMU never picks a host backend by itself.
 */
final class AudioCommandLine {
    private AudioCommandLine() {
    }

    static void build(Argv a, DomainDef def) {
        for (AudioDef x : audios(def)) {
            a.json("-audiodev", JsonProps.builder().put("id", "audio" + x.id()).put("driver", driver(x.type())).build());
        }
    }

    /** The backends the command line has: the XML's, or the default one. */
    static List<AudioDef> audios(DomainDef def) {
        List<AudioDef> explicit = def.devices().of(AudioDef.class);
        if (!explicit.isEmpty()) {
            return explicit;
        }
        boolean sound = !def.devices().of(SoundDef.class).isEmpty();
        boolean spice = def.devices().graphics().stream().anyMatch(g -> g.type().equals("spice"));
        if (!sound && def.devices().graphics().isEmpty()) {
            return List.of();
        }
        return List.of(new AudioDef(1, spice ? "spice" : "none"));
    }

    /** The QEMU driver name of a libvirt audio type. */
    static String driver(String type) {
        return switch (type) {
            case "none", "alsa", "oss", "jack", "sdl", "spice", "dbus" -> type;
            case "pulseaudio" -> "pa";
            case "file" -> "wav";
            default -> throw new IllegalStateException("audio type " + type + " reached the argv builder");
        };
    }

    /** The audiodev id graphics (VNC) hand their audio to: the first backend, or null. */
    static String graphicsAudiodev(DomainDef def) {
        List<AudioDef> all = audios(def);
        return all.isEmpty() ? null : "audio" + all.getFirst().id();
    }

    /** The audiodev id of a sound device: its {@code <audio id>}, else the first backend. */
    static String soundAudiodev(DomainDef def, SoundDef s) {
        if (s.audioId() != null) {
            return "audio" + s.audioId();
        }
        return graphicsAudiodev(def);
    }
}
