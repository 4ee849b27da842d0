package org.lorasim.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.lorasim.ui.protocol.Messages;

/**
 * The lessons shipped in the jar: {@code lessons/NAME.conf} (a scenario) and {@code lessons/NAME.md} (its
 * title on the first line after {@code # }, then what to watch and what to try), listed in {@code NAMES}.
 */
public final class Lessons {

    /** Every lesson, in the order the page lists them. */
    public static final List<String> NAMES = List.of("stragglers", "partition", "aggregator-crash", "non-iid");

    private Lessons() {
    }

    /** The scenario text of lesson {@code name}, or empty for an unknown name. */
    public static Optional<String> scenario(String name) {
        return NAMES.contains(name) ? Optional.of(resource("lessons/" + name + ".conf")) : Optional.empty();
    }

    /** {@code {name, title, text}} of lesson {@code name}. */
    public static ObjectNode describe(String name) {
        String md = resource("lessons/" + name + ".md");
        int newline = md.indexOf('\n');
        String title = md.substring(0, newline).replaceFirst("^#\\s*", "").trim();
        return Messages.lesson(name, title, md.substring(newline + 1).trim());
    }

    /** All lessons as a JSON array, for {@code /api/lessons}. */
    public static String json() {
        ArrayNode list = Messages.JSON.createArrayNode();
        NAMES.forEach(name -> list.add(describe(name)));
        return list.toString();
    }

    private static String resource(String path) {
        try (InputStream in = Lessons.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
