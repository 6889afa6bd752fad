package io.jvirt.conf.xml;

import io.jvirt.error.ErrorDomain;
import io.jvirt.error.ErrorNumber;
import io.jvirt.error.XmlException;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import javax.xml.parsers.SAXParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;

/**
 * Parses an XML document into an {@link XmlElement} tree, safely: no DTD, no external entities,
 * no entity expansion, a bounded size and depth. Errors are VIR_ERR_XML_DETAIL with the document
 * name and line, as libvirt reports them ({@code (domain_definition):3: ...}).
 *
 * <p>Thread-safe (parsers are pooled; each is used by one thread at a time).
 */
public final class XmlReader {
    /** Largest document accepted, in bytes (libvirt's RPC string limit is 4 MiB). */
    public static final int MAX_DOCUMENT_BYTES = 4 * 1024 * 1024;
    /** Deepest element nesting accepted. */
    public static final int MAX_DEPTH = 64;

    private static final SAXParserFactory FACTORY = newFactory();
    /** Parsers ready for reuse: building one costs more than parsing a domain document. */
    private static final int POOL_SIZE = 4;
    private static final ArrayBlockingQueue<SAXParser> POOL = new ArrayBlockingQueue<>(POOL_SIZE);

    private XmlReader() {
    }

    private static SAXParserFactory newFactory() {
        try {
            return factory();
        } catch (ParserConfigurationException | SAXException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * Parses {@code xml}; {@code docName} names the document in errors ("domain_definition").
     */
    public static XmlElement parse(String xml, String docName) {
        if (xml == null || xml.isBlank()) {
            throw new XmlException(ErrorNumber.XML_DETAIL, ErrorDomain.DOMAIN,
                    "(" + docName + "):1: empty document");
        }
        if (xml.length() > MAX_DOCUMENT_BYTES || (xml.length() > MAX_DOCUMENT_BYTES / 3
                && xml.getBytes(StandardCharsets.UTF_8).length > MAX_DOCUMENT_BYTES)) {
            throw new XmlException(ErrorNumber.XML_DETAIL, ErrorDomain.DOMAIN,
                    "(" + docName + "): document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
        }
        TreeBuilder builder = new TreeBuilder(docName);
        SAXParser parser = null;
        try {
            parser = borrow();
            XMLReader reader = parser.getXMLReader();
            reader.setContentHandler(builder);
            reader.setErrorHandler(builder);
            reader.parse(new InputSource(new StringReader(xml)));
            // only a parser that finished cleanly goes back, without references to this document
            reader.setContentHandler(null);
            reader.setErrorHandler(null);
            giveBack(parser);
        } catch (SAXParseException e) {
            throw new XmlException(ErrorNumber.XML_DETAIL, ErrorDomain.DOMAIN,
                    "(" + docName + "):" + Math.max(e.getLineNumber(), 1) + ": " + clean(e.getMessage()), e);
        } catch (SAXException e) {
            if (e.getCause() instanceof XmlException x) {
                throw x;
            }
            throw new XmlException(ErrorNumber.XML_DETAIL, ErrorDomain.DOMAIN,
                    "(" + docName + "): " + clean(e.getMessage()), e);
        } catch (IOException | ParserConfigurationException e) {
            throw new XmlException(ErrorNumber.XML_DETAIL, ErrorDomain.DOMAIN,
                    "(" + docName + "): " + e.getMessage(), e);
        }
        return builder.root;
    }

    private static SAXParser borrow() throws ParserConfigurationException, SAXException {
        SAXParser p = POOL.poll();
        if (p != null) {
            return p;
        }
        // JAXP factories are not thread-safe
        synchronized (FACTORY) {
            p = FACTORY.newSAXParser();
        }
        p.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        p.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return p;
    }

    private static void giveBack(SAXParser p) {
        POOL.offer(p); // dropped when the pool is full
    }

    private static String clean(String m) {
        return m == null ? "malformed document" : m.replace('\n', ' ');
    }

    private static SAXParserFactory factory() throws ParserConfigurationException, SAXException {
        SAXParserFactory f = SAXParserFactory.newInstance();
        f.setNamespaceAware(true);
        f.setValidating(false);
        f.setXIncludeAware(false);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature("http://xml.org/sax/features/external-general-entities", false);
        f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        f.setFeature("http://xml.org/sax/features/namespace-prefixes", false);
        return f;
    }

    private static final class TreeBuilder extends DefaultHandler {
        private final String docName;
        private final Deque<XmlElement> stack = new ArrayDeque<>();
        private final Map<String, String> pendingNs = new LinkedHashMap<>();
        private Locator locator;
        XmlElement root;

        TreeBuilder(String docName) {
            this.docName = docName;
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            this.locator = locator;
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) {
            pendingNs.put(prefix, uri);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            if (stack.size() >= MAX_DEPTH) {
                throw new SAXException(new XmlException(ErrorNumber.XML_DETAIL, ErrorDomain.DOMAIN,
                        "(" + docName + "):" + (locator == null ? 0 : locator.getLineNumber())
                                + ": elements nested deeper than " + MAX_DEPTH));
            }
            Map<String, String> attrs = new LinkedHashMap<>();
            for (int i = 0; i < atts.getLength(); i++) {
                String an = atts.getQName(i);
                String ans = atts.getURI(i);
                // namespaced attributes keep their qualified name so nothing is lost
                attrs.put(ans == null || ans.isEmpty() ? atts.getLocalName(i) : an, atts.getValue(i));
            }
            int colon = qName.indexOf(':');
            String prefix = colon > 0 ? qName.substring(0, colon) : "";
            XmlElement e = new XmlElement(localName, uri, prefix, locator == null ? 0 : locator.getLineNumber(),
                    attrs, new LinkedHashMap<>(pendingNs));
            pendingNs.clear();
            if (stack.isEmpty()) {
                root = e;
            } else {
                stack.peek().addChild(e);
            }
            stack.push(e);
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            stack.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (!stack.isEmpty()) {
                stack.peek().appendText(ch, start, length);
            }
        }
    }
}
