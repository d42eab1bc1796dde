package dev.sprawl.analyze.credfiles;

import dev.sprawl.analyze.Span;
import dev.sprawl.analyze.Text;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small, hardened XML reader for credential files (FileZilla, Maven {@code settings.xml},
 * {@code NuGet.Config}, DBeaver): the JDK's StAX parser with DTDs and external entities switched off,
 * so a {@code <!DOCTYPE>} declares nothing and an entity reference ({@code &xxe;}) is an error, never
 * a file read or a network fetch. Builds a tree of elements (iteratively, at most {@value #MAX_DEPTH}
 * deep and {@value #MAX_ELEMENTS} elements) with each element's extent and its text's extent.
 */
final class Xml {

    static final int MAX_DEPTH = 100;
    static final int MAX_ELEMENTS = 200_000;

    /** Thrown for input that is not well-formed XML (or declares entities); the message never quotes input. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    /** An element: local name, attributes in order, trimmed text, extent, text extent, children. */
    static final class Element {
        final String name;
        final Map<String, String> attributes;
        final int start;
        int end = -1;
        Span textSpan;
        final StringBuilder text = new StringBuilder();
        final List<Element> children = new ArrayList<>();

        Element(String name, Map<String, String> attributes, int start) {
            this.name = name;
            this.attributes = attributes;
            this.start = start;
        }

        /** From the start tag to the end of the end tag. */
        Span extent() {
            return new Span(start, Math.max(start, end));
        }

        /** The text's extent, or the element's when it has no text. */
        Span valueSpan() {
            return textSpan != null ? textSpan : extent();
        }

        String text() {
            return text.toString().strip();
        }

        String attribute(String name) {
            for (Map.Entry<String, String> a : attributes.entrySet()) {
                if (a.getKey().equalsIgnoreCase(name)) {
                    return a.getValue();
                }
            }
            return null;
        }

        /** The first child named {@code name} (case-insensitive), or null. */
        Element child(String name) {
            for (Element c : children) {
                if (c.name.equalsIgnoreCase(name)) {
                    return c;
                }
            }
            return null;
        }

        /** The trimmed text of the first child named {@code name}, or null. */
        String childText(String name) {
            Element c = child(name);
            return c == null ? null : c.text();
        }

        /** Every descendant (and this element) named {@code name}, in document order. */
        List<Element> all(String name) {
            List<Element> out = new ArrayList<>();
            Deque<Element> todo = new ArrayDeque<>();
            todo.push(this);
            while (!todo.isEmpty()) {
                Element e = todo.pop();
                if (e.name.equalsIgnoreCase(name)) {
                    out.add(e);
                }
                for (int i = e.children.size() - 1; i >= 0; i--) {
                    todo.push(e.children.get(i));
                }
            }
            return out;
        }
    }

    private static final XMLInputFactory FACTORY = factory();

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        f.setXMLResolver((publicId, systemId, base, ns) -> {
            throw new XMLStreamException("external resources are not read");
        });
        return f;
    }

    private Xml() {
    }

    /** The root element of {@code text}. */
    static Element parse(Text text) throws Malformed {
        String s = text.content();
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(new StringReader(s.startsWith("\uFEFF") ? " " + s.substring(1) : s));
            Deque<Element> open = new ArrayDeque<>();
            Element root = null;
            int elements = 0;
            int before = 0;
            while (r.hasNext()) {
                int ev = r.next();
                int after = offset(text, r.getLocation());
                switch (ev) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (open.size() >= MAX_DEPTH || ++elements > MAX_ELEMENTS) {
                            throw new Malformed("XML nested too deep or too many elements");
                        }
                        Map<String, String> attrs = new LinkedHashMap<>();
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            attrs.putIfAbsent(r.getAttributeLocalName(i), r.getAttributeValue(i));
                        }
                        int start = s.lastIndexOf('<', Math.max(0, after - 1));
                        Element e = new Element(r.getLocalName(), attrs, start >= 0 && start >= before ? start : before);
                        if (open.isEmpty()) {
                            root = e;
                        } else {
                            open.peek().children.add(e);
                        }
                        open.push(e);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!open.isEmpty()) {
                            Element e = open.peek();
                            e.text.append(r.getText());
                            if (!r.isWhiteSpace()) {
                                // the parser's location runs ahead of the text: the text ends at the next tag
                                int from = Math.min(before, after);
                                int lt = ev == XMLStreamConstants.CDATA ? s.indexOf("]]>", from) : s.indexOf('<', from);
                                int to = lt < 0 ? after : lt;
                                e.textSpan = e.textSpan == null ? new Span(from, Math.max(from, to))
                                        : new Span(e.textSpan.start(), Math.max(e.textSpan.start(), to));
                            }
                        }
                    }
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new Malformed("entity references are not resolved");
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (!open.isEmpty()) {
                            open.pop().end = after;
                        }
                    }
                    default -> { }
                }
                before = after;
            }
            if (root == null) {
                throw new Malformed("no XML element");
            }
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            int line = e instanceof XMLStreamException x && x.getLocation() != null ? x.getLocation().getLineNumber() : -1;
            throw new Malformed("invalid XML" + (line > 0 ? " at line " + line : "") + " (" + e.getClass().getSimpleName() + ")");
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing held
                }
            }
        }
    }

    private static int offset(Text text, Location l) {
        if (l == null || l.getLineNumber() < 1) {
            return 0;
        }
        return text.offset(l.getLineNumber(), Math.max(1, l.getColumnNumber()));
    }
}
