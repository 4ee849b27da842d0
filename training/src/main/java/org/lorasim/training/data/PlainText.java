package org.lorasim.training.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.lorasim.policies.Checks;

/**
 * Plain text for causal language modelling, e.g. TinyShakespeare (Karpathy's char-rnn {@code input.txt}):
 * the file is cut into paragraphs at blank lines (line ends normalised to {@code \n}, paragraphs trimmed,
 * empty ones dropped); each paragraph is one {@link Example} with label 0 ({@value #LABEL}). When a
 * paragraph's first line ends with a colon (a play's {@code SPEAKER:} line), the speaker is its group, so
 * {@code partition = group} gives each client whole characters' speeches; otherwise it has no group.
 * Held out: the last {@code heldOutFraction} of the paragraphs (at least one), in file order, as
 * {@link Split#VALIDATION}, the rest as {@link Split#TRAIN}: char-rnn's split by position, so the held-out
 * text is a later part of the work that no client saw.
 */
public final class PlainText {
    public static final String LABEL = "text";

    private PlainText() {
    }

    public static TextDataset read(Path file, String name, double heldOutFraction) {
        Checks.require(heldOutFraction > 0 && heldOutFraction < 1, "held-out fraction must be in (0, 1), got "
                + heldOutFraction);
        String all;
        try {
            all = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw DatasetException.inFile(file, "does not exist", e);
        } catch (IOException e) {
            throw DatasetException.inFile(file, "cannot read: " + e.getMessage(), e);
        }
        List<Example> paragraphs = new ArrayList<>();
        for (String p : all.replace("\r\n", "\n").replace('\r', '\n').split("\n\\s*\n")) {
            String text = p.strip();
            if (!text.isEmpty()) {
                paragraphs.add(new Example(text, 0, speaker(text)));
            }
        }
        if (paragraphs.size() < 2) {
            throw DatasetException.inFile(file, "has " + paragraphs.size() + " paragraph(s) (blank-line separated): "
                    + "at least 2 are needed, one to train on and one held out");
        }
        int heldOut = Math.max(1, Math.min(paragraphs.size() - 1, (int) Math.round(heldOutFraction * paragraphs.size())));
        int cut = paragraphs.size() - heldOut;
        Map<Split, List<Example>> splits = new EnumMap<>(Split.class);
        splits.put(Split.TRAIN, paragraphs.subList(0, cut));
        splits.put(Split.VALIDATION, paragraphs.subList(cut, paragraphs.size()));
        return new TextDataset(name, List.of(LABEL), splits);
    }

    private static String speaker(String paragraph) {
        int end = paragraph.indexOf('\n');
        String first = end < 0 ? "" : paragraph.substring(0, end).strip();
        return first.endsWith(":") && first.length() > 1 && first.length() <= 40
                ? first.substring(0, first.length() - 1) : Example.NO_GROUP;
    }
}
