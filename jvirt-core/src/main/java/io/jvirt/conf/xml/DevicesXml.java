package io.jvirt.conf.xml;

import io.jvirt.conf.device.AudioDef;
import io.jvirt.conf.device.ChrDef;
import io.jvirt.conf.device.ControllerDef;
import io.jvirt.conf.device.DeviceDef;
import io.jvirt.conf.device.Devices;
import io.jvirt.conf.device.DiskDef;
import io.jvirt.conf.device.FilesystemDef;
import io.jvirt.conf.device.GraphicsDef;
import io.jvirt.conf.device.HostdevDef;
import io.jvirt.conf.device.HubDef;
import io.jvirt.conf.device.InputDef;
import io.jvirt.conf.device.RedirdevDef;
import io.jvirt.conf.device.ShmemDef;
import io.jvirt.conf.device.SmartcardDef;
import io.jvirt.conf.device.InterfaceDef;
import io.jvirt.conf.device.IommuDef;
import io.jvirt.conf.device.MemballoonDef;
import io.jvirt.conf.device.MemoryDeviceDef;
import io.jvirt.conf.device.PanicDef;
import io.jvirt.conf.device.ParallelDef;
import io.jvirt.conf.device.RngDef;
import io.jvirt.conf.device.SoundDef;
import io.jvirt.conf.device.TpmDef;
import io.jvirt.conf.device.VideoDef;
import io.jvirt.conf.device.VsockDef;
import io.jvirt.conf.device.WatchdogDef;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/** {@code <devices>}: every family, written back in libvirt's family order. */
final class DevicesXml {
    private DevicesXml() {
    }

    static Devices parse(XmlElement root) {
        var devEl = root.child("devices");
        if (devEl.isEmpty()) {
            return Devices.EMPTY;
        }
        XmlElement d = devEl.get();
        String emulator = Parse.childText(d, "emulator");
        List<DiskDef> disks = d.children("disk").stream().map(DiskXml::parse).toList();
        List<InterfaceDef> nics = d.children("interface").stream().map(InterfaceXml::parse).toList();
        List<ChrDef> serials = d.children("serial").stream().map(e -> ChrXml.parse(e, ChrDef.Kind.SERIAL)).toList();
        List<ChrDef> consoles = d.children("console").stream().map(e -> ChrXml.parse(e, ChrDef.Kind.CONSOLE)).toList();
        List<ChrDef> channels = d.children("channel").stream().map(e -> ChrXml.parse(e, ChrDef.Kind.CHANNEL)).toList();
        List<GraphicsDef> graphics = d.children("graphics").stream().map(GraphicsXml::parse).toList();
        MemballoonDef balloon = d.child("memballoon").map(DevicesXml::memballoon).orElse(null);
        List<DeviceDef> others = new ArrayList<>();
        add(others, d, "controller", ControllerXml::parse);
        add(others, d, "filesystem", HostBackedDevicesXml::filesystem);
        add(others, d, "smartcard", RedirectionDevicesXml::smartcard);
        add(others, d, "parallel", e -> new ParallelDef(ChrXml.parse(e, ChrDef.Kind.PARALLEL)));
        add(others, d, "input", SimpleDevicesXml::input);
        add(others, d, "tpm", HostBackedDevicesXml::tpm);
        add(others, d, "sound", SimpleDevicesXml::sound);
        add(others, d, "audio", SimpleDevicesXml::audio);
        add(others, d, "video", SimpleDevicesXml::video);
        add(others, d, "hostdev", HostdevXml::parse);
        add(others, d, "redirdev", RedirectionDevicesXml::redirdev);
        add(others, d, "hub", RedirectionDevicesXml::hub);
        add(others, d, "watchdog", SimpleDevicesXml::watchdog);
        add(others, d, "rng", HostBackedDevicesXml::rng);
        add(others, d, "panic", SimpleDevicesXml::panic);
        add(others, d, "shmem", HostBackedDevicesXml::shmem);
        add(others, d, "memory", MemoryDeviceXml::parse);
        d.child("iommu").ifPresent(e -> others.add(SimpleDevicesXml.iommu(e)));
        d.child("vsock").ifPresent(e -> others.add(SimpleDevicesXml.vsock(e)));
        return new Devices(emulator, disks, nics, serials, consoles, channels, graphics, balloon, others);
    }

    private static void add(List<DeviceDef> out, XmlElement d, String name, Function<XmlElement, DeviceDef> parser) {
        d.children(name).forEach(e -> out.add(parser.apply(e)));
    }

    private static MemballoonDef memballoon(XmlElement m) {
        String model = Parse.oneOf(m, "model", m.requireAttr("model"), "virtio", "none", "virtio-transitional",
                "virtio-non-transitional");
        Integer period = m.child("stats").map(s -> Parse.toInt(s, "period", s.requireAttr("period"))).orElse(null);
        return new MemballoonDef(model, period, AddressXml.parseAlias(m), AddressXml.parse(m),
                Parse.optOnOff(m, "autodeflate"), Parse.optOnOff(m, "freePageReporting"));
    }

    static void format(XmlWriter w, Devices d, Set<FormatFlag> flags) {
        List<DeviceDef> others = io.jvirt.conf.device.DeviceOrder.sorted(d.others());
        int written = 0;
        w.start("devices");
        w.element("emulator", d.emulator());
        d.disks().forEach(x -> DiskXml.format(w, x, flags));
        written += others(w, others, 1, 2, flags);
        d.interfaces().forEach(x -> InterfaceXml.format(w, x, flags));
        written += others(w, others, 3, 3, flags);
        d.serials().forEach(x -> ChrXml.format(w, x, flags));
        written += others(w, others, 4, 4, flags);
        d.consoles().forEach(x -> ChrXml.format(w, x, flags));
        d.channels().forEach(x -> ChrXml.format(w, x, flags));
        written += others(w, others, 5, 6, flags);
        d.graphics().forEach(g -> GraphicsXml.format(w, g, flags));
        written += others(w, others, 7, 13, flags);
        MemballoonDef b = d.memballoon();
        if (b != null) {
            w.start("memballoon").attr("model", b.model()).attrOnOff("autodeflate", b.autodeflate())
                    .attrOnOff("freePageReporting", b.freePageReporting());
            if (b.statsPeriod() != null) {
                w.start("stats").attr("period", b.statsPeriod()).end();
            }
            AddressXml.formatAlias(w, b.alias(), flags);
            AddressXml.format(w, b.address());
            w.end();
        }
        written += others(w, others, 14, 99, flags);
        if (written != others.size()) {
            throw new IllegalStateException("device family ranks and <devices> sections disagree: wrote " + written
                    + " of " + others.size());
        }
        w.end();
    }

    /** Writes the devices whose family rank is in [from, to]; returns how many. */
    private static int others(XmlWriter w, List<DeviceDef> sorted, int from, int to, Set<FormatFlag> flags) {
        int n = 0;
        for (DeviceDef x : sorted) {
            int r = io.jvirt.conf.device.DeviceOrder.rank(x);
            if (r < from || r > to) {
                continue;
            }
            n++;
            switch (x) {
                case ControllerDef c -> ControllerXml.format(w, c, flags);
                case FilesystemDef f -> HostBackedDevicesXml.format(w, f, flags);
                case InputDef i -> SimpleDevicesXml.format(w, i, flags);
                case TpmDef t -> HostBackedDevicesXml.format(w, t, flags);
                case SoundDef s -> SimpleDevicesXml.format(w, s, flags);
                case AudioDef a -> SimpleDevicesXml.format(w, a);
                case VideoDef v -> SimpleDevicesXml.format(w, v, flags);
                case HostdevDef h -> HostdevXml.format(w, h, flags);
                case WatchdogDef wd -> SimpleDevicesXml.format(w, wd, flags);
                case RngDef r2 -> HostBackedDevicesXml.format(w, r2, flags);
                case PanicDef p -> SimpleDevicesXml.format(w, p, flags);
                case MemoryDeviceDef m -> MemoryDeviceXml.format(w, m, flags);
                case IommuDef i -> SimpleDevicesXml.format(w, i, flags);
                case VsockDef v -> SimpleDevicesXml.format(w, v, flags);
                case RedirdevDef r3 -> RedirectionDevicesXml.format(w, r3, flags);
                case SmartcardDef s -> RedirectionDevicesXml.format(w, s, flags);
                case HubDef h -> RedirectionDevicesXml.format(w, h, flags);
                case ShmemDef s -> HostBackedDevicesXml.format(w, s, flags);
                case ParallelDef p -> ChrXml.format(w, p.chr(), flags);
            }
        }
        return n;
    }
}
