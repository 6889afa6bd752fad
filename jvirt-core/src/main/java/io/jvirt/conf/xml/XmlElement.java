package io.jvirt.conf.xml;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One element of a parsed XML document, with its source line, that remembers which attributes
 * and children a codec read. {@link #checkAllConsumed()} then names anything the codec did not
 * understand, so unknown configuration is refused instead of silently dropped.
 *
 * <p>Not thread-safe: one parse owns its tree.
 */
public final class XmlElement {
    private final String name;
    private final String namespace;
    private final String prefix;
    private final int line;
    private final Map<String, String> attributes;
    private final Map<String, String> namespaceDecls;
    private final List<XmlElement> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();
    private XmlElement parent;
    private final Set<String> consumedAttrs = new HashSet<>();
    private final Set<XmlElement> consumedChildren = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private boolean textConsumed;
    private boolean wholeConsumed;

    XmlElement(String name, String namespace, String prefix, int line, Map<String, String> attributes,
               Map<String, String> namespaceDecls) {
        this.name = name;
        this.namespace = namespace == null ? "" : namespace;
        this.prefix = prefix == null ? "" : prefix;
        this.line = line;
        this.attributes = attributes;
        this.namespaceDecls = namespaceDecls;
    }

    void addChild(XmlElement child) {
        child.parent = this;
        children.add(child);
    }

    void appendText(char[] ch, int start, int len) {
        text.append(ch, start, len);
    }

    /** Local name. */
    public String name() {
        return name;
    }

    /** Namespace URI, empty for none. */
    public String namespace() {
        return namespace;
    }

    public String prefix() {
        return prefix;
    }

    /** The line the element starts on (1-based), or 0 if unknown. */
    public int line() {
        return line;
    }

    /** Namespace declarations made on this element (prefix to URI; "" for the default). */
    public Map<String, String> namespaceDecls() {
        return Collections.unmodifiableMap(namespaceDecls);
    }

    /** All attributes, in document order, without marking them read. */
    public Map<String, String> attributesView() {
        return Collections.unmodifiableMap(attributes);
    }

    /** All children, without marking them read. */
    public List<XmlElement> childrenView() {
        return Collections.unmodifiableList(children);
    }

    /** The path from the root, e.g. "domain/devices/disk". */
    public String path() {
        return parent == null ? qname() : parent.path() + "/" + qname();
    }

    private String qname() {
        return prefix.isEmpty() ? name : prefix + ":" + name;
    }

    /** An attribute's value, marking it read. */
    public Optional<String> attr(String attr) {
        consumedAttrs.add(attr);
        return Optional.ofNullable(attributes.get(attr));
    }

    /** An attribute that must be present. */
    public String requireAttr(String attr) {
        return attr(attr).orElseThrow(() -> error("missing attribute '" + attr + "' in element '" + name + "'"));
    }

    /** The first child with a local name in no namespace, marking it read. */
    public Optional<XmlElement> child(String childName) {
        List<XmlElement> all = children(childName);
        if (all.size() > 1) {
            throw all.get(1).error("element '" + childName + "' may appear only once in '" + name + "'");
        }
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getFirst());
    }

    /** All children with a local name in no namespace, marking them read. */
    public List<XmlElement> children(String childName) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.name.equals(childName) && c.namespace.isEmpty()) {
                consumedChildren.add(c);
                out.add(c);
            }
        }
        return out;
    }

    /** All children in a namespace, marking them read. */
    public List<XmlElement> childrenInNamespace(String ns) {
        List<XmlElement> out = new ArrayList<>();
        for (XmlElement c : children) {
            if (c.namespace.equals(ns)) {
                consumedChildren.add(c);
                out.add(c);
            }
        }
        return out;
    }

    /** Every child element, marking them read. */
    public List<XmlElement> allChildren() {
        consumedChildren.addAll(children);
        return Collections.unmodifiableList(children);
    }

    /** The text content, trimmed, marking it read. */
    public String text() {
        textConsumed = true;
        return text.toString().trim();
    }

    /** The text content exactly as written. */
    public String rawText() {
        textConsumed = true;
        return text.toString();
    }

    /** Marks this element and everything below it as understood (kept verbatim, like metadata). */
    public void consumeAll() {
        wholeConsumed = true;
    }

    /** An XML error located at this element. */
    public XmlException error(String message) {
        String where = line > 0 ? " (line " + line + ")" : "";
        return new XmlException(ErrorNumber.XML_ERROR, ErrorDomain.DOMAIN, message + where);
    }

    /**
     * Fails naming the first attribute, child element or text of this subtree that no codec read.
     * Namespace declarations never count.
     */
    public void checkAllConsumed() {
        if (wholeConsumed) {
            return;
        }
        for (String a : attributes.keySet()) {
            if (!consumedAttrs.contains(a)) {
                throw new XmlException(ErrorNumber.XML_ERROR,
                        ErrorDomain.DOMAIN, "unsupported attribute '" + a + "' in element '" + path() + "'"
                        + (line > 0 ? " (line " + line + ")" : ""));
            }
        }
        for (XmlElement c : children) {
            if (!consumedChildren.contains(c)) {
                throw c.error("unsupported element '" + c.path() + "'");
            }
            c.checkAllConsumed();
        }
        if (!textConsumed && !text.toString().isBlank()) {
            throw error("unexpected text in element '" + path() + "'");
        }
    }
}
