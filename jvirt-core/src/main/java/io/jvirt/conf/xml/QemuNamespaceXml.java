package io.jvirt.conf.xml;

import io.jvirt.conf.QemuNamespaceDef;

import java.util.ArrayList;
import java.util.List;

/** {@code <qemu:commandline>} and {@code <qemu:capabilities>}: parse and format. */
final class QemuNamespaceXml {
    private QemuNamespaceXml() {
    }

    static QemuNamespaceDef parse(XmlElement root) {
        List<String> args = new ArrayList<>();
        List<QemuNamespaceDef.Env> env = new ArrayList<>();
        List<String> add = new ArrayList<>();
        List<String> del = new ArrayList<>();
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
                default -> throw q.error("unsupported element 'qemu:" + q.name() + "'");
            }
        }
        return new QemuNamespaceDef(args, env, add, del);
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
    }
}
