package io.jvirt.conf.xml;

import io.jvirt.conf.device.HostdevDef;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code <hostdev mode='subsystem'>}: parse and format. */
final class HostdevXml {
    private HostdevXml() {
    }

    static HostdevDef parse(XmlElement e) {
        Parse.oneOf(e, "mode", e.attr("mode").orElse("subsystem"), "subsystem");
        String type = Parse.oneOf(e, "type", e.requireAttr("type"), "pci", "usb", "scsi", "mdev");
        Boolean managed = Parse.optYesNo(e, "managed");
        String model = type.equals("mdev") ? Parse.oneOf(e, "model", e.requireAttr("model"), "vfio-pci", "vfio-ccw",
                "vfio-ap") : null;
        XmlElement s = e.child("source").orElseThrow(() -> e.error("missing <source> in element 'hostdev'"));
        Map<String, String> src = new LinkedHashMap<>();
        s.child("address").ifPresent(a -> {
            for (String k : a.attributesView().keySet()) {
                src.put(k, a.attr(k).orElseThrow());
            }
        });
        String vendor = s.child("vendor").map(v -> v.requireAttr("id")).orElse(null);
        String product = s.child("product").map(v -> v.requireAttr("id")).orElse(null);
        String adapter = s.child("adapter").map(v -> v.requireAttr("name")).orElse(null);
        switch (type) {
            case "pci" -> need(s, src, "domain", "bus", "slot", "function");
            case "usb" -> {
                if (vendor == null && src.isEmpty()) {
                    throw s.error("usb hostdev needs a vendor/product or an address");
                }
            }
            case "scsi" -> {
                if (adapter == null) {
                    throw s.error("missing <adapter> in scsi hostdev source");
                }
                need(s, src, "bus", "target", "unit");
            }
            default -> need(s, src, "uuid");
        }
        Integer boot = e.child("boot").map(b -> Parse.toInt(b, "order", b.requireAttr("order"))).orElse(null);
        String driver = e.child("driver").map(d -> Parse.optOneOf(d, "name", "kvm", "vfio", "xen")).orElse(null);
        io.jvirt.conf.device.InterfaceDef.Rom rom = e.child("rom").map(r -> new io.jvirt.conf.device.InterfaceDef.Rom(
                Parse.optOnOff(r, "bar"), r.attr("file").orElse(null), Parse.optYesNo(r, "enabled"))).orElse(null);
        return new HostdevDef(type, managed, model, src, vendor, product, adapter, boot, Parse.flag(e, "readonly"),
                new HostdevDef.Pci(driver, rom), AddressXml.parseAlias(e), AddressXml.parse(e));
    }

    private static void need(XmlElement s, Map<String, String> src, String... attrs) {
        for (String a : attrs) {
            if (!src.containsKey(a)) {
                throw s.error("missing '" + a + "' in hostdev source address");
            }
        }
    }

    static void format(XmlWriter w, HostdevDef d, Set<FormatFlag> flags) {
        w.start("hostdev").attr("mode", "subsystem").attr("type", d.type()).attrYesNo("managed", d.managed())
                .attr("model", d.model());
        if (d.pci().driverName() != null) {
            w.start("driver").attr("name", d.pci().driverName()).end();
        }
        w.start("source");
        if (d.adapter() != null) {
            w.start("adapter").attr("name", d.adapter()).end();
        }
        if (d.vendor() != null) {
            w.start("vendor").attr("id", d.vendor()).end();
        }
        if (d.product() != null) {
            w.start("product").attr("id", d.product()).end();
        }
        if (!d.source().isEmpty()) {
            w.start("address");
            d.source().forEach(w::attr);
            w.end();
        }
        w.end();
        w.flag("readonly", d.readonly());
        if (d.bootOrder() != null) {
            w.start("boot").attr("order", d.bootOrder()).end();
        }
        var rom = d.pci().rom();
        if (rom != null) {
            w.start("rom").attrOnOff("bar", rom.bar()).attr("file", rom.file()).attrYesNo("enabled", rom.enabled()).end();
        }
        SimpleDevicesXml.tail(w, d.alias(), d.address(), flags);
    }
}
