package io.jvirt.conf.xml;

import java.util.Map;

/**
 * Writes an {@link XmlElement} subtree back as XML text, keeping its namespace declarations, so
 * foreign content (metadata) survives a round trip. Text-only elements stay on one line.
 */
final class XmlSerializer {
    private XmlSerializer() {
    }

    static String serialize(XmlElement e) {
        StringBuilder sb = new StringBuilder();
        write(sb, e, 0, true);
        return sb.toString();
    }

    private static void write(StringBuilder sb, XmlElement e, int depth, boolean declareNs) {
        sb.repeat("  ", depth).append('<').append(qname(e));
        Map<String, String> decls = e.namespaceDecls();
        if (declareNs && decls.isEmpty() && !e.namespace().isEmpty()) {
            // declared on an ancestor: repeat it so the fragment stands alone
            sb.append(e.prefix().isEmpty() ? " xmlns" : " xmlns:" + e.prefix()).append("='")
                    .append(XmlWriter.escape(e.namespace(), true)).append('\'');
        }
        decls.forEach((p, uri) -> sb.append(p.isEmpty() ? " xmlns" : " xmlns:" + p).append("='")
                .append(XmlWriter.escape(uri, true)).append('\''));
        e.attributesView().forEach((k, v) -> sb.append(' ').append(k).append("='")
                .append(XmlWriter.escape(v, true)).append('\''));
        var children = e.childrenView();
        String text = e.rawText();
        if (children.isEmpty()) {
            if (text.isEmpty()) {
                sb.append("/>\n");
            } else {
                sb.append('>').append(XmlWriter.escape(text, false)).append("</").append(qname(e)).append(">\n");
            }
            return;
        }
        sb.append(">\n");
        for (XmlElement c : children) {
            write(sb, c, depth + 1, false);
        }
        sb.repeat("  ", depth).append("</").append(qname(e)).append(">\n");
    }

    private static String qname(XmlElement e) {
        return e.prefix().isEmpty() ? e.name() : e.prefix() + ":" + e.name();
    }
}
