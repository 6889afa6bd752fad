package io.jvirt.qemu.host;

/** Escaping for the XML documents jvirt formats by hand. */
public final class XmlText {
    private XmlText() {
    }

    /** Escapes text and attribute values (single-quoted attributes). */
    public static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '\'' -> b.append("&apos;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
