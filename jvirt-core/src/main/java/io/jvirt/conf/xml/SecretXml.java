package io.jvirt.conf.xml;

import io.jvirt.conf.SecretDef;

import java.util.UUID;

/**
 * The {@code <secret>} document: strict parse (unknown elements and attributes refused, the same
 * hardened reader as domains) and format in libvirt's style.
 */
public final class SecretXml {
    private SecretXml() {
    }

    public static SecretDef parse(String xml) {
        XmlElement root = XmlReader.parse(xml, "secret_definition");
        if (!root.name().equals("secret") || !root.namespace().isEmpty()) {
            throw root.error("expecting root element 'secret', not '" + root.name() + "'");
        }
        boolean ephemeral = yesNo(root, "ephemeral");
        boolean priv = yesNo(root, "private");
        UUID uuid = root.child("uuid").map(DomainXml::parseUuid).orElse(null);
        String description = root.child("description").map(XmlElement::text).orElse(null);
        SecretDef.Usage usage = root.child("usage").map(SecretXml::usage).orElse(null);
        root.checkAllConsumed();
        return new SecretDef(uuid, description, ephemeral, priv, usage);
    }

    private static boolean yesNo(XmlElement e, String attr) {
        String v = e.attr(attr).orElse("no");
        return switch (v) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw e.error("invalid value of '" + attr + "': '" + v + "' (yes or no)");
        };
    }

    private static SecretDef.Usage usage(XmlElement u) {
        String type = u.requireAttr("type");
        if (!SecretDef.USAGE_TYPES.contains(type) || type.equals("none")) {
            throw u.error("unknown secret usage type '" + type + "'");
        }
        SecretDef.Usage probe = new SecretDef.Usage(type, "");
        String id = u.child(probe.idElement()).map(XmlElement::text).orElse(null);
        if (id == null || id.isEmpty()) {
            throw u.error("secret usage '" + type + "' needs a non-empty <" + probe.idElement() + "> element");
        }
        return new SecretDef.Usage(type, id);
    }

    public static String format(SecretDef s) {
        XmlWriter w = new XmlWriter();
        w.start("secret").attrYesNo("ephemeral", s.ephemeral()).attrYesNo("private", s.isPrivate());
        w.element("uuid", s.uuid());
        w.element("description", s.description());
        if (s.usage() != null) {
            w.start("usage").attr("type", s.usage().type());
            w.element(s.usage().idElement(), s.usage().id());
            w.end();
        }
        w.end();
        return w.toString();
    }
}
