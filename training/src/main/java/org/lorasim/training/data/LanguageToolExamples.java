package org.lorasim.training.data;

import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLResolver;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The {@code <example>} sentences of a LanguageTool rule file (Naber et al., LanguageTool,
 * <a href="https://languagetool.org">languagetool.org</a>, LGPL-2.1), read with the JDK's StAX parser.
 * <p>
 * Rule files nest {@code <category id=..>}, optionally {@code <rulegroup id=..>}, and {@code <rule id=..>};
 * examples sit inside a rule or inside one of its {@code <antipattern>}s. An example's text is all the
 * character data inside it, the {@code <marker>} that flags the error included. An example with a
 * {@code correction} attribute shows the rule firing (an incorrect sentence); every other example,
 * {@code type="triggers_error"} included, is counted correct, as measured in STACK.md. The rule id is
 * the rule group's id for rules in a group (rules in a group have no id of their own) and the rule's id
 * otherwise.
 * <p>
 * The file declares entities in an internal DTD subset; they are expanded. External entities are refused,
 * except that a class path rule file may read entity files of its own jar, so reading never touches the
 * network or the file system.
 */
public final class LanguageToolExamples {
    /** The English rule file inside {@code org.languagetool:language-en}. */
    public static final String ENGLISH_GRAMMAR = "org/languagetool/rules/en/grammar.xml";

    /**
     * One example as written in the rule file.
     *
     * @param text          the example's character data, unnormalised
     * @param incorrect     whether it has a {@code correction} attribute
     * @param triggersError whether it has {@code type="triggers_error"} (counted correct)
     * @param category      the enclosing category's id, e.g. {@code GRAMMAR}
     * @param ruleId        the rule group's id, or the rule's id outside a group
     * @param line          the line of the {@code <example>} element
     * @param corrected     for an incorrect example, its text with the {@code <marker>} part replaced by the
     *                      first of the {@code correction} attribute's {@code |}-separated alternatives (an
     *                      empty correction deletes the marked part); empty for other examples and for an
     *                      incorrect one without a marker
     */
    public record RuleExample(String text, boolean incorrect, boolean triggersError, String category, String ruleId,
                              int line, String corrected) {
        public RuleExample(String text, boolean incorrect, boolean triggersError, String category, String ruleId,
                           int line) {
            this(text, incorrect, triggersError, category, ruleId, line, "");
        }
    }

    private LanguageToolExamples() {
    }

    /** The examples of {@link #ENGLISH_GRAMMAR}, read from the class path, in document order. */
    public static List<RuleExample> english() {
        return fromClasspath(ENGLISH_GRAMMAR);
    }

    /**
     * @throws DatasetException when the resource is missing (naming the artifact that holds it) or malformed
     */
    public static List<RuleExample> fromClasspath(String resource) {
        return fromClasspath(resource, "org.languagetool:language-en");
    }

    /**
     * @param artifact the Maven artifact that ships {@code resource}, named when it is missing
     * @throws DatasetException when the resource is missing or malformed
     */
    public static List<RuleExample> fromClasspath(String resource, String artifact) {
        ClassLoader loader = LanguageToolExamples.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new DatasetException("class path resource " + resource + " not found: it ships in "
                        + artifact + " (a dependency of lorasim-training); check the class path");
            }
            return read(in, Path.of(resource), classpathEntities(resource, loader));
        } catch (IOException e) {
            throw new DatasetException("cannot read class path resource " + resource + ": " + e, e);
        }
    }

    /**
     * @param source named in error messages
     */
    public static List<RuleExample> read(InputStream in, Path source) {
        return read(in, source, null);
    }

    /**
     * The external entities of a class path rule file (Spanish, Portuguese and Catalan declare theirs in
     * {@code ../../resource/XX/*.ent} files of the same jar): a relative system id is resolved against the
     * rule file's own path and read from the class path; anything else (an absolute path, a URL, a path that
     * leaves {@code org/languagetool/}) is refused, so reading still never touches the network or the file system.
     */
    private static XMLResolver classpathEntities(String resource, ClassLoader loader) {
        return (publicId, systemId, baseUri, namespace) -> {
            Path resolved = Path.of(resource).resolveSibling(systemId).normalize();
            String name = resolved.toString().replace('\\', '/');
            InputStream entity = systemId.contains(":") || systemId.startsWith("/")
                    || !name.startsWith("org/languagetool/") ? null : loader.getResourceAsStream(name);
            if (entity == null) {
                throw new XMLStreamException("external entity " + systemId + " refused: only files of the rule's "
                        + "own jar are read");
            }
            return entity;
        };
    }

    private static List<RuleExample> read(InputStream in, Path source, XMLResolver entities) {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, true);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, entities != null);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, true);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        if (entities != null) {
            factory.setXMLResolver(entities);
        }
        XMLStreamReader xml = null;
        try {
            xml = factory.createXMLStreamReader(in);
            return read(xml, source);
        } catch (XMLStreamException e) {
            Location at = e.getLocation();
            throw DatasetException.atLine(source, at == null ? 0 : Math.max(at.getLineNumber(), 0),
                    "malformed rule file: " + e.getMessage(), e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // the stream itself is closed by the caller
                }
            }
        }
    }

    private static List<RuleExample> read(XMLStreamReader xml, Path source) throws XMLStreamException {
        List<RuleExample> examples = new ArrayList<>();
        Deque<String> categories = new ArrayDeque<>();
        Deque<String> ruleGroups = new ArrayDeque<>();
        Deque<String> rules = new ArrayDeque<>();
        while (xml.hasNext()) {
            if (xml.next() != XMLStreamConstants.START_ELEMENT && xml.getEventType() != XMLStreamConstants.END_ELEMENT) {
                continue;
            }
            String element = xml.getLocalName();
            boolean start = xml.isStartElement();
            switch (element) {
                case "category" -> push(start, categories, xml, source);
                case "rulegroup" -> push(start, ruleGroups, xml, source);
                case "rule" -> {
                    if (start) {
                        String id = xml.getAttributeValue(null, "id");
                        rules.push(id != null ? id : ruleGroups.isEmpty() ? "" : ruleGroups.peek());
                    } else {
                        rules.pop();
                    }
                }
                case "example" -> {
                    if (start) {
                        examples.add(example(xml, source, categories, ruleGroups, rules));
                    }
                }
                default -> {
                }
            }
        }
        return examples;
    }

    private static void push(boolean start, Deque<String> stack, XMLStreamReader xml, Path source) {
        if (!start) {
            stack.pop();
            return;
        }
        String id = xml.getAttributeValue(null, "id");
        if (id == null || id.isBlank()) {
            throw DatasetException.atLine(source, xml.getLocation().getLineNumber(),
                    "<" + xml.getLocalName() + "> without an id attribute");
        }
        stack.push(id);
    }

    private static RuleExample example(XMLStreamReader xml, Path source, Deque<String> categories,
                                       Deque<String> ruleGroups, Deque<String> rules) throws XMLStreamException {
        int line = xml.getLocation().getLineNumber();
        if (categories.isEmpty()) {
            throw DatasetException.atLine(source, line, "<example> outside any <category>");
        }
        String ruleId = !ruleGroups.isEmpty() ? ruleGroups.peek() : rules.isEmpty() ? "" : rules.peek();
        if (ruleId.isEmpty()) {
            throw DatasetException.atLine(source, line, "<example> outside any rule with an id");
        }
        String correction = xml.getAttributeValue(null, "correction");
        boolean incorrect = correction != null;
        boolean triggersError = "triggers_error".equals(xml.getAttributeValue(null, "type"));
        StringBuilder text = new StringBuilder();
        int markerStart = -1;
        int markerEnd = -1;
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            switch (event) {
                case XMLStreamConstants.START_ELEMENT -> {
                    depth++;
                    if (xml.getLocalName().equals("marker") && markerStart < 0) {
                        markerStart = text.length();
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (depth > 0 && xml.getLocalName().equals("marker") && markerEnd < 0) {
                        markerEnd = text.length();
                    }
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE,
                     XMLStreamConstants.ENTITY_REFERENCE -> text.append(xml.getText());
                default -> {
                }
            }
        }
        String corrected = incorrect && markerStart >= 0 && markerEnd >= markerStart
                ? text.substring(0, markerStart) + correction.split("\\|", -1)[0] + text.substring(markerEnd) : "";
        return new RuleExample(text.toString(), incorrect, triggersError, categories.peek(), ruleId, line, corrected);
    }
}
