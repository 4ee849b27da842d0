package org.lorasim.training.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Alpaca-format instruction data: a JSON array of objects with string fields {@code instruction},
 * {@code input} (may be empty or absent) and {@code output}, e.g. {@code alpaca_5000.json}. Each object is
 * one {@link Example} whose text is {@link InstructionTemplate#text}{@code (instruction, input, output)},
 * label 0, no group; the decoder trains on the output alone. An object whose output is blank is skipped (it
 * has nothing to train on; {@code alpaca_5000.json} has a few). There is only a {@link Split#TRAIN} split,
 * so the held-out examples are {@code HeldOutSplit}'s seeded slice.
 */
public final class AlpacaInstructions {
    private AlpacaInstructions() {
    }

    public static TextDataset read(Path file, String name) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw DatasetException.inFile(file, "does not exist", e);
        } catch (JacksonException e) {
            throw DatasetException.inFile(file, "not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isArray() || root.isEmpty()) {
            throw DatasetException.inFile(file, "expected a non-empty JSON array of {instruction, input, output} objects");
        }
        List<Example> examples = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode row = root.get(i);
            String instruction = field(row, "instruction", file, i, true);
            String output = field(row, "output", file, i, true);
            String input = field(row, "input", file, i, false);
            if (output.isBlank()) {
                continue;
            }
            examples.add(new Example(InstructionTemplate.text(instruction, input, output), 0));
        }
        if (examples.isEmpty()) {
            throw DatasetException.inFile(file, "every element's output is blank: nothing to train on");
        }
        return new TextDataset(name, List.of(PlainText.LABEL), Map.of(Split.TRAIN, examples));
    }

    private static String field(JsonNode row, String name, Path file, int index, boolean required) {
        JsonNode value = row == null ? null : row.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                throw DatasetException.inFile(file, "element " + index + " has no \"" + name + "\" field");
            }
            return "";
        }
        if (!value.isTextual()) {
            throw DatasetException.inFile(file, "element " + index + ": \"" + name + "\" is not a string");
        }
        if (name.equals("instruction") && value.asText().isBlank()) {
            throw DatasetException.inFile(file, "element " + index + ": \"" + name + "\" is blank");
        }
        return value.asText();
    }
}
