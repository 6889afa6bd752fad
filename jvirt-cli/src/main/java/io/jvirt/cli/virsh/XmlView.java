package io.jvirt.cli.virsh;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A read-only view of an XML document the driver produced (dumpxml), for commands that show
 * parts of it, as virsh does with XPath. Parsed without DTDs or entities.
 */
final class XmlView {
    private final Element el;

    private XmlView(Element el) {
        this.el = el;
    }

    static XmlView of(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            return new XmlView(f.newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the domain XML: " + e.getMessage(), e);
        }
    }

    /** Elements at a slash-separated path of child names below this one. */
    List<XmlView> all(String path) {
        List<XmlView> cur = List.of(this);
        for (String step : path.split("/")) {
            List<XmlView> next = new ArrayList<>();
            for (XmlView v : cur) {
                for (Node n = v.el.getFirstChild(); n != null; n = n.getNextSibling()) {
                    if (n instanceof Element e && e.getTagName().equals(step)) {
                        next.add(new XmlView(e));
                    }
                }
            }
            cur = next;
        }
        return cur;
    }

    String attr(String name) {
        return el.hasAttribute(name) ? el.getAttribute(name) : null;
    }

    /** The first present attribute among {@code names} of the first child {@code child}. */
    String attrOf(String child, String... names) {
        for (XmlView c : all(child)) {
            for (String n : names) {
                String v = c.attr(n);
                if (v != null) {
                    return v;
                }
            }
        }
        return null;
    }
}
