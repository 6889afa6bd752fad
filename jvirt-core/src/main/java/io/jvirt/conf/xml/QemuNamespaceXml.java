package io.jvirt.conf.xml;

import io.jvirt.conf.QemuNamespaceDef;

import java.util.ArrayList;
import java.util.List;

/** {@code <qemu:commandline>}, {@code <qemu:capabilities>} and {@code <qemu:override>}: parse and format. */
final class QemuNamespaceXml {
    private QemuNamespaceXml() {
    }

    static QemuNamespaceDef parse(XmlElement root) {
        List<String> args = new ArrayList<>();
        List<QemuNamespaceDef.Env> env = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> del = new ArrayList<>();
        List<QemuNamespaceDef.DeviceOverride> overrides = new ArrayList<>();
        for (XmlElement q : root.childrenInNamespace(QemuNamespaceDef.NS)) {
            switch (q.name()) {
                case "commandline" -> {
                    for (XmlElement c : children(q)) {
                        switch (c.name()) {
                            case "arg" -> args.add(c.requireAttr("value"));
                            case "env" -> {
                                String n = c.requireAttr("name");
                                if (!n.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                                    throw c.error("invalid environment name '" + n
                                            + "', it must begin with a letter or underscore");
                                }
                                env.add(new QemuNamespaceDef.Env(n, c.attr("value").orElse(null)));
                            }
                            default -> throw c.error("unsupported element 'qemu:" + c.name() + "'");
                        }
                    }
                }
                case "capabilities" -> {
                    for (XmlElement c : children(q)) {
                        String cap = c.requireAttr("capability");
                        if (!cap.matches("[a-z0-9][a-z0-9._-]*")) {
                            throw c.error("invalid capability name '" + cap + "'");
                        }
                        switch (c.name()) {
                            case "add" -> add.add(cap);
                            case "del" -> del.add(cap);
                            default -> throw c.error("unsupported element 'qemu:" + c.name() + "'");
                        }
                    }
                }
                case "override" -> {
                    for (XmlElement dev : children(q)) {
                        if (!dev.name().equals("device")) {
                            throw dev.error("unsupported element 'qemu:" + dev.name() + "' in qemu:override");
                        }
                        overrides.add(override(dev));
                    }
                }
                default -> throw q.error("unsupported element 'qemu:" + q.name() + "'");
            }
        }
        return new QemuNamespaceDef(args, env, add, del, overrides);
    }

    private static final java.util.Set<String> PROPERTY_TYPES = java.util.Set.of("string", "signed", "unsigned", "bool",
            "remove");

    private static QemuNamespaceDef.DeviceOverride override(XmlElement dev) {
        String alias = dev.requireAttr("alias");
        List<QemuNamespaceDef.Property> props = new ArrayList<>();
        for (XmlElement fe : children(dev)) {
            if (!fe.name().equals("frontend")) {
                throw fe.error("unsupported element 'qemu:" + fe.name() + "' in qemu:device");
            }
            for (XmlElement p : children(fe)) {
                if (!p.name().equals("property")) {
                    throw p.error("unsupported element 'qemu:" + p.name() + "' in qemu:frontend");
                }
                String name = p.requireAttr("name");
                String type = p.attr("type").orElse(null);
                if (type == null || !PROPERTY_TYPES.contains(type)) {
                    throw p.error("qemu:property '" + name + "': invalid type '" + type
                            + "' (string, signed, unsigned, bool or remove)");
                }
                String value = p.attr("value").orElse(null);
                if (type.equals("remove") != (value == null)) {
                    throw p.error("qemu:property '" + name + "': " + (value == null ? "missing value"
                            : "a property of type 'remove' takes no value"));
                }
                checkValue(p, name, type, value);
                props.add(new QemuNamespaceDef.Property(name, type, value));
            }
        }
        return new QemuNamespaceDef.DeviceOverride(alias, props);
    }

    private static void checkValue(XmlElement p, String name, String type, String value) {
        boolean ok = switch (type) {
            case "signed" -> value.matches("-?[0-9]{1,19}");
            case "unsigned" -> value.matches("[0-9]{1,20}");
            case "bool" -> value.equals("true") || value.equals("false");
            default -> true;
        };
        if (!ok) {
            throw p.error("qemu:property '" + name + "': invalid " + type + " value '" + value + "'");
        }
    }

    private static List<XmlElement> children(XmlElement q) {
        for (XmlElement c : q.childrenView()) {
            if (!c.namespace().equals(QemuNamespaceDef.NS)) {
                throw c.error("unsupported element '" + c.name() + "' in qemu:" + q.name());
            }
        }
        return q.allChildren();
    }

    static void format(XmlWriter w, QemuNamespaceDef q) {
        if (q.hasCommandline()) {
            w.start("qemu:commandline");
            q.args().forEach(a -> w.start("qemu:arg").attr("value", a).end());
            q.env().forEach(e -> w.start("qemu:env").attr("name", e.name()).attr("value", e.value()).end());
            w.end();
        }
        if (!q.capsAdd().isEmpty() || !q.capsDel().isEmpty()) {
            w.start("qemu:capabilities");
            q.capsAdd().forEach(c -> w.start("qemu:add").attr("capability", c).end());
            q.capsDel().forEach(c -> w.start("qemu:del").attr("capability", c).end());
            w.end();
        }
        if (!q.overrides().isEmpty()) {
            w.start("qemu:override");
            for (QemuNamespaceDef.DeviceOverride o : q.overrides()) {
                w.start("qemu:device").attr("alias", o.alias()).start("qemu:frontend");
                o.frontend().forEach(p -> w.start("qemu:property").attr("name", p.name()).attr("type", p.type())
                        .attr("value", p.value()).end());
                w.end().end();
            }
            w.end();
        }
    }
}
