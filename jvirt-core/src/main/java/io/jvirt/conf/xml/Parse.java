package io.jvirt.conf.xml;

import io.jvirt.conf.XmlEnum;

import java.util.Optional;

/** Small typed readers shared by the codecs; each names the element in its error. */
final class Parse {
    private Parse() {
    }

    static Integer optInt(XmlElement e, String attr) {
        Optional<String> v = e.attr(attr);
        return v.map(s -> toInt(e, attr, s)).orElse(null);
    }

    static int toInt(XmlElement e, String what, String s) {
        try {
            String t = s.trim();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Integer.parseInt(t.substring(2), 16);
            }
            return Integer.parseInt(t);
        } catch (NumberFormatException ex) {
            throw e.error("invalid integer '" + s + "' for '" + what + "' in element '" + e.name() + "'");
        }
    }

    static Boolean optYesNo(XmlElement e, String attr) {
        return e.attr(attr).map(v -> switch (v) {
            case "yes" -> Boolean.TRUE;
            case "no" -> Boolean.FALSE;
            default -> throw e.error("Invalid value for attribute '" + attr + "' in element '" + e.name()
                    + "': '" + v + "' (expected yes or no)");
        }).orElse(null);
    }

    static Boolean optOnOff(XmlElement e, String attr) {
        return e.attr(attr).map(v -> switch (v) {
            case "on" -> Boolean.TRUE;
            case "off" -> Boolean.FALSE;
            default -> throw e.error("Invalid value for attribute '" + attr + "' in element '" + e.name()
                    + "': '" + v + "' (expected on or off)");
        }).orElse(null);
    }

    static String oneOf(XmlElement e, String attr, String value, String... allowed) {
        if (value == null) {
            return null;
        }
        for (String a : allowed) {
            if (a.equals(value)) {
                return value;
            }
        }
        throw e.error("Invalid value for attribute '" + attr + "' in element '" + e.name() + "': '" + value + "'");
    }

    static <E extends Enum<E> & XmlEnum> E optEnum(XmlElement e, String attr, Class<E> type) {
        return e.attr(attr).map(v -> XmlEnum.parse(type, v, attr, e)).orElse(null);
    }

    /** The text of a child element, or null. */
    static String childText(XmlElement e, String child) {
        return e.child(child).map(XmlElement::text).orElse(null);
    }

    static String optOneOf(XmlElement e, String attr, String... allowed) {
        return oneOf(e, attr, e.attr(attr).orElse(null), allowed);
    }

    static Long optLong(XmlElement e, String attr) {
        return e.attr(attr).map(v -> toLong(e, attr, v)).orElse(null);
    }

    static long toLong(XmlElement e, String what, String s) {
        try {
            String t = s.trim();
            if (t.startsWith("0x") || t.startsWith("0X")) {
                return Long.parseLong(t.substring(2), 16);
            }
            return Long.parseLong(t);
        } catch (NumberFormatException ex) {
            throw e.error("invalid integer '" + s + "' for '" + what + "' in element '" + e.name() + "'");
        }
    }

    /** A non-negative integer attribute, or null. */
    static Integer optUInt(XmlElement e, String attr) {
        Integer v = optInt(e, attr);
        if (v != null && v < 0) {
            throw e.error("invalid value '" + v + "' for '" + attr + "' in element '" + e.name()
                    + "': must not be negative");
        }
        return v;
    }

    /** The text of an element as a size with its unit attribute (KiB by default). */
    static io.jvirt.conf.ByteSize size(XmlElement e) {
        return io.jvirt.conf.ByteSize.parse(e.text(), e.attr("unit").orElse(null), "KiB",
                "element '" + e.name() + "'");
    }

    /** A child element's size, or null. */
    static io.jvirt.conf.ByteSize childSize(XmlElement e, String child) {
        return e.child(child).map(Parse::size).orElse(null);
    }

    /** A child element's text as a long, or null. */
    static Long childLong(XmlElement e, String child) {
        return e.child(child).map(c -> toLong(c, child, c.text())).orElse(null);
    }

    /** Whether an empty marker child ({@code <readonly/>}) is present; it must have no content. */
    static boolean flag(XmlElement e, String child) {
        return e.child(child).isPresent();
    }
}
