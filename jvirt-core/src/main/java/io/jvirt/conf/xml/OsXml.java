package io.jvirt.conf.xml;

import io.jvirt.conf.FirmwareDef;
import io.jvirt.conf.OsDef;

import java.util.ArrayList;
import java.util.List;

/** {@code <os>}: parse and format. */
final class OsXml {
    private OsXml() {
    }

    static OsDef parse(XmlElement root) {
        XmlElement os = root.child("os").orElseThrow(() -> root.error("missing element 'os'"));
        XmlElement type = os.child("type").orElseThrow(() -> os.error("missing element 'type' in 'os'"));
        String osType = type.text();
        String arch = type.attr("arch").orElse(null);
        String machine = type.attr("machine").orElse(null);
        List<String> boot = new ArrayList<>();
        for (XmlElement b : os.children("boot")) {
            boot.add(Parse.oneOf(b, "dev", b.requireAttr("dev"), "hd", "cdrom", "network", "fd"));
        }
        Boolean bootmenu = null;
        Integer timeout = null;
        var bm = os.child("bootmenu");
        if (bm.isPresent()) {
            bootmenu = Parse.optYesNo(bm.get(), "enable");
            timeout = Parse.optUInt(bm.get(), "timeout");
            if (timeout != null && timeout > 65535) {
                throw bm.get().error("invalid value for boot menu timeout, must be in range [0,65535]");
            }
        }
        List<OsDef.AcpiTable> tables = new ArrayList<>();
        os.child("acpi").ifPresent(a -> a.children("table").forEach(t -> tables.add(new OsDef.AcpiTable(
                Parse.oneOf(t, "type", t.requireAttr("type"), "raw", "rawset", "slic", "msdm"), t.text()))));
        String smbios = os.child("smbios").map(s -> Parse.oneOf(s, "mode", s.requireAttr("mode"),
                "emulate", "host", "sysinfo")).orElse(null);
        OsDef.Bios bios = os.child("bios").map(b -> new OsDef.Bios(Parse.optYesNo(b, "useserial"),
                Parse.optInt(b, "rebootTimeout"))).orElse(OsDef.Bios.NONE);
        return new OsDef(osType, arch, machine, firmware(os), Parse.childText(os, "kernel"),
                Parse.childText(os, "initrd"), os.child("cmdline").map(XmlElement::rawText).orElse(null),
                Parse.childText(os, "dtb"), tables, boot, bootmenu, timeout, smbios, bios);
    }

    private static FirmwareDef firmware(XmlElement os) {
        String fw = Parse.optOneOf(os, "firmware", "efi", "bios");
        List<FirmwareDef.Feature> features = new ArrayList<>();
        os.child("firmware").ifPresent(f -> f.children("feature").forEach(x -> features.add(new FirmwareDef.Feature(
                Parse.oneOf(x, "name", x.requireAttr("name"), "secure-boot", "enrolled-keys"),
                Parse.oneOf(x, "enabled", x.requireAttr("enabled"), "yes", "no").equals("yes")))));
        var loader = os.child("loader");
        String path = null;
        Boolean ro = null;
        Boolean secure = null;
        String ltype = null;
        if (loader.isPresent()) {
            XmlElement l = loader.get();
            path = l.text().isEmpty() ? null : l.text();
            ro = Parse.optYesNo(l, "readonly");
            secure = Parse.optYesNo(l, "secure");
            ltype = Parse.optOneOf(l, "type", "rom", "pflash");
        }
        String nvram = null;
        String template = null;
        var nv = os.child("nvram");
        if (nv.isPresent()) {
            nvram = nv.get().text().isEmpty() ? null : nv.get().text();
            template = nv.get().attr("template").orElse(null);
        }
        return new FirmwareDef(fw, features, path, ro, secure, ltype, loader.isPresent(), nvram, template);
    }

    static void format(XmlWriter w, OsDef os) {
        FirmwareDef fw = os.firmware();
        w.start("os").attr("firmware", fw.firmware());
        w.start("type").attr("arch", os.arch()).attr("machine", os.machine()).text(os.type());
        if (!fw.features().isEmpty()) {
            w.start("firmware");
            fw.features().forEach(f -> w.start("feature").attrYesNo("enabled", f.enabled()).attr("name", f.name())
                    .end());
            w.end();
        }
        if (fw.hasLoader()) {
            w.start("loader").attrYesNo("readonly", fw.loaderReadonly()).attrYesNo("secure", fw.loaderSecure())
                    .attr("type", fw.loaderType());
            if (fw.loader() != null) {
                w.text(fw.loader());
            } else {
                w.end();
            }
        }
        if (fw.nvram() != null || fw.nvramTemplate() != null) {
            w.start("nvram").attr("template", fw.nvramTemplate());
            if (fw.nvram() != null) {
                w.text(fw.nvram());
            } else {
                w.end();
            }
        }
        w.element("kernel", os.kernel());
        w.element("initrd", os.initrd());
        w.element("cmdline", os.cmdline());
        w.element("dtb", os.dtb());
        if (!os.acpiTables().isEmpty()) {
            w.start("acpi");
            os.acpiTables().forEach(t -> w.start("table").attr("type", t.type()).text(t.path()));
            w.end();
        }
        for (String b : os.boot()) {
            w.start("boot").attr("dev", b).end();
        }
        if (os.bootmenu() != null || os.bootmenuTimeout() != null) {
            w.start("bootmenu").attrYesNo("enable", os.bootmenu()).attr("timeout", os.bootmenuTimeout()).end();
        }
        if (os.smbiosMode() != null) {
            w.start("smbios").attr("mode", os.smbiosMode()).end();
        }
        if (!os.bios().equals(OsDef.Bios.NONE)) {
            w.start("bios").attrYesNo("useserial", os.bios().useserial())
                    .attr("rebootTimeout", os.bios().rebootTimeout()).end();
        }
        w.end();
    }
}
