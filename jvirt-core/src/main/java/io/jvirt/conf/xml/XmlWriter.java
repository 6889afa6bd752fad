package io.jvirt.conf.xml;

/**
 * Writes XML the way libvirt formats it: two-space indent, single-quoted attributes, empty
 * elements as {@code <x/>}, one element per line. Not thread-safe; one writer per document.
 */
public final class XmlWriter {
    private final StringBuilder sb = new StringBuilder();
    private int depth;
    private boolean openTag;
    private final java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
    private final java.util.ArrayDeque<Boolean> hasChildren = new java.util.ArrayDeque<>();

    /** Starts {@code <name}; add attributes, then children or text, then {@link #end()}. */
    public XmlWriter start(String name) {
        closeOpenTag(true);
        indent();
        sb.append('<').append(name);
        openTag = true;
        names.push(name);
        hasChildren.push(false);
        depth++;
        return this;
    }

    /** Adds an attribute to the element just started; a null value is skipped. */
    public XmlWriter attr(String name, Object value) {
        if (value == null) {
            return this;
        }
        if (!openTag) {
            throw new IllegalStateException("attribute '" + name + "' after element content");
        }
        sb.append(' ').append(name).append("='");
        escapeInto(sb, String.valueOf(value), true);
        sb.append('\'');
        return this;
    }

    /** Adds a yes/no attribute when {@code value} is non-null. */
    public XmlWriter attrYesNo(String name, Boolean value) {
        return value == null ? this : attr(name, value ? "yes" : "no");
    }

    /** Adds an on/off attribute when {@code value} is non-null. */
    public XmlWriter attrOnOff(String name, Boolean value) {
        return value == null ? this : attr(name, value ? "on" : "off");
    }

    /** Writes the text content of the element just started and ends it on the same line. */
    public XmlWriter text(String text) {
        if (!openTag) {
            throw new IllegalStateException("text after child elements");
        }
        sb.append('>');
        escapeInto(sb, text, false);
        sb.append("</").append(names.pop()).append(">\n");
        hasChildren.pop();
        openTag = false;
        depth--;
        return this;
    }

    /** Ends the current element. */
    public XmlWriter end() {
        depth--;
        String name = names.pop();
        boolean children = hasChildren.pop();
        if (openTag) {
            sb.append("/>\n");
            openTag = false;
        } else if (children) {
            indent();
            sb.append("</").append(name).append(">\n");
        }
        return this;
    }

    /** {@code <name>text</name>} when text is non-null. */
    public XmlWriter element(String name, Object text) {
        if (text == null) {
            return this;
        }
        return start(name).text(String.valueOf(text));
    }

    /** {@code <name unit='KiB'>N</name>} when size is non-null. */
    public XmlWriter size(String name, io.jvirt.conf.ByteSize size) {
        if (size == null) {
            return this;
        }
        return start(name).attr("unit", "KiB").text(Long.toString(size.kib()));
    }

    /** {@code <name/>} when {@code present}. */
    public XmlWriter flag(String name, boolean present) {
        return present ? empty(name) : this;
    }

    /** {@code <name/>}. */
    public XmlWriter empty(String name) {
        return start(name).end();
    }

    /** Appends pre-formatted XML lines (kept verbatim, e.g. metadata), re-indented to this depth. */
    public XmlWriter raw(String xmlLines) {
        closeOpenTag(true);
        for (String line : xmlLines.split("\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            indent();
            sb.append(line).append('\n');
        }
        return this;
    }

    private void closeOpenTag(boolean child) {
        if (!hasChildren.isEmpty() && child) {
            hasChildren.pop();
            hasChildren.push(true);
        }
        if (openTag) {
            sb.append(">\n");
            openTag = false;
        }
    }

    private void indent() {
        sb.repeat("  ", depth);
    }

    /** Escapes text or an attribute value as libvirt does. */
    public static String escape(String s, boolean attribute) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        escapeInto(out, s, attribute);
        return out.toString();
    }

    /** {@link #escape} appended to {@code out}; most values need no escaping and are appended whole. */
    private static void escapeInto(StringBuilder out, String s, boolean attribute) {
        int first = firstSpecial(s);
        if (first < 0) {
            out.append(s);
            return;
        }
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '\'' -> out.append(attribute ? "&apos;" : "'");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                default -> out.append(c);
            }
        }
    }

    private static int firstSpecial(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '<' || c == '>' || c == '&' || c == '\'' || c == '"') {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        if (depth != 0) {
            throw new IllegalStateException("unbalanced document: " + depth + " element(s) open");
        }
        return sb.toString();
    }
}
