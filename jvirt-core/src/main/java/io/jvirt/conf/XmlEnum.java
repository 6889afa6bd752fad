package io.jvirt.conf;

import io.jvirt.conf.xml.XmlElement;

/**
 * An enum whose constants are written in XML as a fixed word (libvirt's names, never derived
 * from {@code name()}).
 */
public interface XmlEnum {
    String xml();

    /** The constant written as {@code value}, or an error naming the attribute and element. */
    static <E extends Enum<E> & XmlEnum> E parse(Class<E> type, String value, String attr, XmlElement where) {
        for (E e : type.getEnumConstants()) {
            if (e.xml().equals(value)) {
                return e;
            }
        }
        throw where.error("Invalid value for attribute '" + attr + "' in element '" + where.name() + "': '"
                + value + "'");
    }
}
