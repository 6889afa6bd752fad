package io.jvirt.conf.xml;

import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.PanicDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.VideoDef;
import io.jvirt.conf.device.VsockDef;
import io.jvirt.conf.device.WatchdogDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The small device families (a handful of attributes each): input, sound, audio, video,
 * watchdog, panic, iommu, vsock. Each pair of parse/format sits together, in that order.
 */
final class SimpleDevicesXml {
    private SimpleDevicesXml() {
    }

    static InputDef input(XmlElement e) {
        String type = Parse.oneOf(e, "type", e.requireAttr("type"), "mouse", "tablet", "keyboard", "passthrough",
                "evdev");
        String bus = Parse.optOneOf(e, "bus", "ps2", "usb", "virtio", "xen", "none");
        var src = e.child("source");
        if (type.equals("evdev")) {
            XmlElement s = src.orElseThrow(() -> e.error("missing <source> in input type 'evdev'"));
            return new InputDef(type, bus, s.requireAttr("dev"), Parse.optOneOf(s, "grab", "all"),
                    Parse.optOnOff(s, "repeat"), Parse.optOneOf(s, "grabToggle", "ctrl-ctrl", "alt-alt",
                    "shift-shift", "meta-meta", "scrolllock", "ctrl-scrolllock"), AddressXml.parseAlias(e),
                    AddressXml.parse(e));
        }
        String source = src.map(s -> s.requireAttr("evdev")).orElse(null);
        if (type.equals("passthrough") && source == null) {
            throw e.error("missing <source evdev=...> in input type 'passthrough'");
        }
        return new InputDef(type, bus, source, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, InputDef d, Set<FormatFlag> flags) {
        w.start("input").attr("type", d.type()).attr("bus", d.bus());
        if (d.type().equals("evdev")) {
            w.start("source").attr("dev", d.source()).attr("grab", d.grab()).attr("grabToggle", d.grabToggle())
                    .attrOnOff("repeat", d.repeat()).end();
        } else if (d.source() != null) {
            w.start("source").attr("evdev", d.source()).end();
        }
        tail(w, d.alias(), d.address(), flags);
    }

    static SoundDef sound(XmlElement e) {
        String model = Parse.oneOf(e, "model", e.requireAttr("model"), "sb16", "es1370", "pcspk", "ac97", "ich6",
                "ich7", "ich9", "usb", "ics6000");
        List<String> codecs = new ArrayList<>();
        for (XmlElement c : e.children("codec")) {
            codecs.add(Parse.oneOf(c, "type", c.requireAttr("type"), "duplex", "micro", "output"));
        }
        Integer audio = e.child("audio").map(a -> Parse.toInt(a, "id", a.requireAttr("id"))).orElse(null);
        return new SoundDef(model, codecs, audio, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, SoundDef d, Set<FormatFlag> flags) {
        w.start("sound").attr("model", d.model());
        d.codecs().forEach(c -> w.start("codec").attr("type", c).end());
        if (d.audioId() != null) {
            w.start("audio").attr("id", d.audioId()).end();
        }
        tail(w, d.alias(), d.address(), flags);
    }

    static AudioDef audio(XmlElement e) {
        int id = Parse.toInt(e, "id", e.requireAttr("id"));
        if (id < 1) {
            throw e.error("audio id must be at least 1, not " + id);
        }
        return new AudioDef(id, Parse.oneOf(e, "type", e.requireAttr("type"), "none", "alsa", "coreaudio", "jack",
                "oss", "pulseaudio", "sdl", "spice", "file", "dbus", "pipewire"));
    }

    static void format(XmlWriter w, AudioDef d) {
        w.start("audio").attr("id", d.id()).attr("type", d.type()).end();
    }

    static VideoDef video(XmlElement e) {
        XmlElement m = e.child("model").orElseThrow(() -> e.error("missing <model> in element 'video'"));
        String type = Parse.oneOf(m, "type", m.requireAttr("type"), "vga", "cirrus", "vmvga", "xen", "vbox", "qxl",
                "virtio", "gop", "bochs", "ramfb", "none");
        Boolean accel = m.child("acceleration").map(a -> Parse.optYesNo(a, "accel3d")).orElse(null);
        return new VideoDef(type, Parse.optLong(m, "vram"), Parse.optLong(m, "ram"), Parse.optLong(m, "vgamem"),
                Parse.optUInt(m, "heads"), Parse.optYesNo(m, "primary"), accel, AddressXml.parseAlias(e),
                AddressXml.parse(e));
    }

    static void format(XmlWriter w, VideoDef d, Set<FormatFlag> flags) {
        w.start("video");
        w.start("model").attr("type", d.model()).attr("ram", d.ram()).attr("vram", d.vram())
                .attr("vgamem", d.vgamem()).attr("heads", d.heads()).attrYesNo("primary", d.primary());
        if (d.accel3d() != null) {
            w.start("acceleration").attrYesNo("accel3d", d.accel3d()).end();
        }
        w.end();
        tail(w, d.alias(), d.address(), flags);
    }

    static WatchdogDef watchdog(XmlElement e) {
        return new WatchdogDef(Parse.oneOf(e, "model", e.requireAttr("model"), "i6300esb", "ib700", "diag288",
                "itco"), Parse.optOneOf(e, "action", "reset", "shutdown", "poweroff", "pause", "none", "dump",
                "inject-nmi"), AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, WatchdogDef d, Set<FormatFlag> flags) {
        w.start("watchdog").attr("model", d.model()).attr("action", d.action());
        tail(w, d.alias(), d.address(), flags);
    }

    static PanicDef panic(XmlElement e) {
        return new PanicDef(Parse.optOneOf(e, "model", "isa", "pseries", "hyperv", "s390", "pvpanic"),
                AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, PanicDef d, Set<FormatFlag> flags) {
        w.start("panic").attr("model", d.model());
        tail(w, d.alias(), d.address(), flags);
    }

    static IommuDef iommu(XmlElement e) {
        String model = Parse.oneOf(e, "model", e.requireAttr("model"), "intel", "smmuv3", "virtio");
        Boolean intremap = null;
        Boolean caching = null;
        Boolean eim = null;
        Boolean iotlb = null;
        Integer aw = null;
        var d = e.child("driver");
        if (d.isPresent()) {
            XmlElement x = d.get();
            intremap = Parse.optOnOff(x, "intremap");
            caching = Parse.optOnOff(x, "caching_mode");
            eim = Parse.optOnOff(x, "eim");
            iotlb = Parse.optOnOff(x, "iotlb");
            aw = Parse.optUInt(x, "aw_bits");
        }
        return new IommuDef(model, intremap, caching, eim, iotlb, aw, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, IommuDef d, Set<FormatFlag> flags) {
        w.start("iommu").attr("model", d.model());
        if (d.hasDriver()) {
            w.start("driver").attrOnOff("intremap", d.intremap()).attrOnOff("caching_mode", d.cachingMode())
                    .attrOnOff("eim", d.eim()).attrOnOff("iotlb", d.iotlb()).attr("aw_bits", d.awBits()).end();
        }
        tail(w, d.alias(), d.address(), flags);
    }

    static VsockDef vsock(XmlElement e) {
        String model = Parse.optOneOf(e, "model", "virtio", "virtio-transitional", "virtio-non-transitional");
        Boolean auto = null;
        Long address = null;
        var cid = e.child("cid");
        if (cid.isPresent()) {
            auto = Parse.optYesNo(cid.get(), "auto");
            address = Parse.optLong(cid.get(), "address");
        }
        return new VsockDef(model, auto, address, AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    static void format(XmlWriter w, VsockDef d, Set<FormatFlag> flags) {
        w.start("vsock").attr("model", d.model());
        if (d.cidAuto() != null || d.cidAddress() != null) {
            w.start("cid").attrYesNo("auto", d.cidAuto()).attr("address", d.cidAddress()).end();
        }
        tail(w, d.alias(), d.address(), flags);
    }

    /** Alias and address, then the end of the device element. */
    static void tail(XmlWriter w, String alias, io.jvirt.conf.device.AddressDef address, Set<FormatFlag> flags) {
        AddressXml.formatAlias(w, alias, flags);
        AddressXml.format(w, address);
        w.end();
    }
}
