package org.lorasim.training.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * LanguageTool's English rule examples ({@link LanguageToolExamples}) as instruction pairs, offline wherever
 * Maven works: every incorrect example with a marked correction becomes
 * {@link InstructionTemplate#text}{@code ("Correct this sentence: " + incorrect, "", corrected)}, label 0,
 * grouped by rule category and sub-grouped by rule id. Whitespace of both sentences is normalised as in
 * {@link LanguageToolAcceptability}; a pair whose correction equals the sentence, and a repeated sentence,
 * are dropped (the first in document order is kept). Held out: whole rule ids, stratified by category,
 * with {@link HashedHoldout} ({@code fraction}, {@link HashedHoldout#DEFAULT_SALT}) as
 * {@link Split#VALIDATION}.
 */
public final class LanguageToolCorrections {
    public static final String ID = "languagetool-corrections";
    public static final String INSTRUCTION = "Correct this sentence: ";

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

    private LanguageToolCorrections() {
    }

    public static TextDataset english(double heldOutFraction) {
        return from(LanguageToolExamples.english(), heldOutFraction);
    }

    public static TextDataset from(List<LanguageToolExamples.RuleExample> rules, double heldOutFraction) {
        List<Example> pairs = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (LanguageToolExamples.RuleExample r : rules) {
            if (!r.incorrect() || r.corrected().isEmpty()) {
                continue;
            }
            String wrong = normalise(r.text());
            String right = normalise(r.corrected());
            if (wrong.isEmpty() || right.isEmpty() || wrong.equals(right) || !seen.add(wrong)) {
                continue;
            }
            pairs.add(new Example(InstructionTemplate.text(INSTRUCTION + wrong, "", right), 0, r.category(),
                    r.ruleId()));
        }
        if (pairs.isEmpty()) {
            throw new DatasetException("no LanguageTool example has a marked correction");
        }
        Map<Split, List<Example>> splits = HashedHoldout.split(pairs, heldOutFraction, HashedHoldout.DEFAULT_SALT);
        return new TextDataset(ID, List.of(PlainText.LABEL), splits);
    }

    /** The instruction prompt of {@code sentence} (what a model is asked at evaluation). */
    public static String prompt(String sentence) {
        return InstructionTemplate.prompt(INSTRUCTION + normalise(sentence), "");
    }

    private static String normalise(String s) {
        return WHITE_SPACE.matcher(s).replaceAll(" ").strip();
    }
}
