package io.jvirt.qemu.driver;

import io.jvirt.conf.DomainDef;
import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.VideoDef;
import io.jvirt.error.ConfigUnsupportedException;
import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.qemu.caps.QemuCaps;
import io.jvirt.qemu.command.UsbAddresses;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the QEMU driver can run of the guest-facing devices (graphics, video, input, sound and
 * audio): each refusal is VIR_ERR_CONFIG_UNSUPPORTED naming the element and why, at define time
 * and again at start, so QEMU never starts with something it would reject.
 */
final class GuestDeviceRules {
    private static final Set<String> AUDIO_TYPES = Set.of("none", "alsa", "pulseaudio", "oss", "jack", "sdl", "spice");

    private GuestDeviceRules() {
    }

    static void validate(DomainDef def, QemuCaps caps) {
        graphics(def, caps);
        video(def, caps);
        inputs(def);
        sound(def, caps);
        usbCapacity(def);
    }

    private static void graphics(DomainDef def, QemuCaps caps) {
        Set<String> types = new HashSet<>();
        for (GraphicsDef g : def.devices().graphics()) {
            if (!types.add(g.type())) {
                throw unsupported("only 1 graphics device of each type (" + g.type() + ") is supported");
            }
            if (g.type().equals("spice")) {
                if (!caps.deviceTypes().isEmpty() && !caps.hasDevice("qxl-vga")) {
                    throw unsupported("spice graphics are not supported with this QEMU binary (built without SPICE)");
                }
                if (g.tlsPort() != null || "secure".equals(g.spice().defaultMode())
                        || g.spice().channels().stream().anyMatch(c -> "secure".equals(c.mode()))) {
                    throw unsupported("spice TLS (tlsPort, secure channels) needs x509 certificates, "
                            + "which this driver does not set up");
                }
                if ("yes".equals(g.spice().options().get("gl"))) {
                    throw unsupported("spice <gl enable='yes'/> needs a host GPU render node");
                }
            } else if (g.websocket() != null && g.socket() != null) {
                throw unsupported("VNC websocket is not supported with a UNIX socket listener");
            }
        }
    }

    private static void video(DomainDef def, QemuCaps caps) {
        List<VideoDef> videos = def.devices().of(VideoDef.class);
        VideoDef primary = videos.stream().filter(v -> Boolean.TRUE.equals(v.primary())).findFirst()
                .orElse(videos.isEmpty() ? null : videos.getFirst());
        for (VideoDef v : videos) {
            String what = "video model '" + v.model() + "'";
            if (Set.of("xen", "vbox", "gop").contains(v.model())) {
                throw unsupported(what + " is not supported by the QEMU driver");
            }
            if (Boolean.TRUE.equals(v.accel3d())) {
                throw unsupported(what + ": 3D acceleration needs a host GPU (OpenGL render node), "
                        + "which this host does not offer");
            }
            if (v.model().equals("none") && videos.size() > 1) {
                throw unsupported("a video of type 'none' must be the only video device");
            }
            boolean isPrimary = v == primary;
            if (!isPrimary && Set.of("vga", "cirrus", "vmvga", "ramfb").contains(v.model())) {
                throw unsupported(what + " is only valid as the primary video device");
            }
            if (!isPrimary && Boolean.TRUE.equals(v.primary())) {
                throw unsupported("only one primary video device is supported");
            }
            String driver = switch (v.model()) {
                case "vga" -> "VGA";
                case "cirrus" -> "cirrus-vga";
                case "vmvga" -> "vmware-svga";
                case "qxl" -> isPrimary ? "qxl-vga" : "qxl";
                case "virtio" -> isPrimary ? "virtio-vga" : "virtio-gpu-pci";
                case "bochs" -> "bochs-display";
                case "ramfb" -> "ramfb";
                default -> null;
            };
            if (driver != null && !caps.deviceTypes().isEmpty() && !caps.hasDevice(driver)) {
                throw unsupported(what + ": this QEMU binary has no '" + driver + "' device");
            }
        }
    }

    private static void inputs(DomainDef def) {
        for (InputDef i : def.devices().of(InputDef.class)) {
            String what = "input '" + i.type() + "'" + (i.bus() == null ? "" : " on bus '" + i.bus() + "'");
            if (i.type().equals("evdev")) {
                continue;
            }
            String bus = i.bus() == null ? "ps2" : i.bus();
            boolean ok = switch (bus) {
                case "ps2" -> i.type().equals("mouse") || i.type().equals("keyboard");
                case "usb" -> Set.of("mouse", "keyboard", "tablet").contains(i.type());
                case "virtio" -> Set.of("mouse", "keyboard", "tablet", "passthrough").contains(i.type());
                default -> false;
            };
            if (!ok) {
                throw unsupported(what + " is not supported by the QEMU driver");
            }
            if (bus.equals("usb") && UsbAddresses.controller(def).isEmpty()) {
                throw usbMissing(what);
            }
        }
    }

    private static void sound(DomainDef def, QemuCaps caps) {
        Set<Integer> audioIds = new HashSet<>();
        for (AudioDef a : def.devices().of(AudioDef.class)) {
            if (!AUDIO_TYPES.contains(a.type())) {
                throw unsupported("audio type '" + a.type() + "' is not supported by this driver"
                        + switch (a.type()) {
                            case "file" -> " (the model keeps no output path)";
                            case "dbus" -> " (no D-Bus display)";
                            case "pipewire" -> " (QEMU " + caps.versionString() + " has no pipewire backend)";
                            case "coreaudio" -> " (macOS only)";
                            default -> "";
                        });
            }
            if (a.type().equals("spice") && def.devices().graphics().stream().noneMatch(g -> g.type().equals("spice"))) {
                throw unsupported("audio type 'spice' needs SPICE graphics");
            }
            audioIds.add(a.id());
        }
        for (SoundDef s : def.devices().of(SoundDef.class)) {
            String what = "sound model '" + s.model() + "'";
            if (s.model().equals("ich7") || s.model().equals("ics6000")) {
                throw unsupported(what + " is not supported by the QEMU driver on x86");
            }
            if (s.audioId() != null && !audioIds.contains(s.audioId())) {
                throw unsupported(what + ": no audio backend with id '" + s.audioId() + "'");
            }
            if (!s.codecs().isEmpty() && !(s.model().equals("ich6") || s.model().equals("ich9"))) {
                throw unsupported(what + ": codecs are only supported with ich6 and ich9");
            }
            if (s.model().equals("usb") && UsbAddresses.controller(def).isEmpty()) {
                throw usbMissing(what);
            }
        }
    }

    private static void usbCapacity(DomainDef def) {
        int need = UsbAddresses.usbDevices(def).size();
        int have = UsbAddresses.capacity(def);
        if (need > 0 && UsbAddresses.controller(def).isEmpty()) {
            throw unsupported("USB is disabled for this domain, but USB devices are present in the domain XML "
                    + "(add <controller type='usb' model='qemu-xhci'/>)");
        }
        if (need > 0 && need > have) {
            throw unsupported("the USB controller has " + have + " free ports for " + need
                    + " USB devices: add a <hub type='usb'/> or a controller with more ports");
        }
    }

    private static ConfigUnsupportedException usbMissing(String what) {
        return unsupported(what + " needs a USB controller (USB is disabled for this domain: add "
                + "<controller type='usb' model='qemu-xhci'/>)");
    }

    static ConfigUnsupportedException unsupported(String msg) {
        return new ConfigUnsupportedException(ErrorNumber.CONFIG_UNSUPPORTED, ErrorDomain.QEMU, msg);
    }
}
