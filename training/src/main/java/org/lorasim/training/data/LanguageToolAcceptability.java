package org.lorasim.training.data;

import org.lorasim.policies.Checks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in grammatical acceptability task: LanguageTool's English rule examples
 * ({@link LanguageToolExamples}) as sentences labelled incorrect (0) or correct (1), grouped by rule
 * category and sub-grouped by rule id, with a held-out split by rule id. Offline wherever Maven works.
 * <p>
 * Steps, in order:
 * <ol>
 *   <li>Whitespace is normalised: each run of Unicode white space (tabs and no-break spaces included) becomes
 *       one space, and the ends are trimmed. Rule files indent and wrap their XML, and a tokenizer does not
 *       see the difference; this is also what reproduces STACK.md's counts (Python's {@code " ".join(s.split())}).</li>
 *   <li>Duplicates: of the examples sharing one normalised text, the first in document order is kept (with
 *       its category and rule id).</li>
 *   <li>Sentences that occur with both labels are dropped altogether: they are ambiguous out of their rule's
 *       context.</li>
 *   <li>Held-out split by rule id, stratified by category: {@link HashedHoldout} with {@code fraction}
 *       (default 0.15) and {@link HashedHoldout#DEFAULT_SALT}. Train is {@link Split#TRAIN}, held-out
 *       is {@link Split#VALIDATION}; there is no test split.</li>
 * </ol>
 * Measured on language-en 6.5: 22,440 examples (8,994 incorrect, 190 {@code triggers_error}); 845
 * duplicates; 41 sentences with both labels; 21,554 examples, 59.0% correct, 11 categories, 2,459 rule ids.
 * The default split holds out 369 rule ids: 3,681 examples (58.0% correct), leaving 17,873 to train on
 * (59.2% correct). The held-out share of examples (17.1%) differs from 15% because rules differ in size.
 */
public final class LanguageToolAcceptability {
    public static final String NAME = "languagetool-en-acceptability";
    public static final List<String> LABEL_NAMES = List.of("incorrect", "correct");
    public static final int INCORRECT = 0;
    public static final int CORRECT = 1;
    public static final double DEFAULT_HELD_OUT_FRACTION = 0.15;

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

    /**
     * What each step did.
     *
     * @param rawExamples          examples in the rule file
     * @param rawIncorrect         of those, with a {@code correction}
     * @param rawTriggersError     of those, {@code type="triggers_error"} (counted correct)
     * @param duplicatesRemoved    examples dropped because an earlier one had the same normalised text
     * @param conflictingSentences distinct sentences dropped because they occur with both labels
     * @param examples             examples kept
     * @param ruleIds              distinct rule ids among the kept examples
     * @param heldOutRuleIds       of those, held out
     */
    public record Counts(int rawExamples, int rawIncorrect, int rawTriggersError, int duplicatesRemoved,
                         int conflictingSentences, int examples, int ruleIds, int heldOutRuleIds) {
    }

    private final TextDataset dataset;
    private final Counts counts;
    private final Set<String> heldOutRuleIds;

    private LanguageToolAcceptability(TextDataset dataset, Counts counts, Set<String> heldOutRuleIds) {
        this.dataset = dataset;
        this.counts = counts;
        this.heldOutRuleIds = heldOutRuleIds;
    }

    /** The task from the English rules on the class path, 15% of rule ids held out. */
    public static LanguageToolAcceptability english() {
        return english(DEFAULT_HELD_OUT_FRACTION);
    }

    public static LanguageToolAcceptability english(double heldOutFraction) {
        Checks.probability("heldOutFraction", heldOutFraction);
        return from(LanguageToolExamples.english(), heldOutFraction, HashedHoldout.DEFAULT_SALT);
    }

    /**
     * @throws IllegalArgumentException when {@code heldOutFraction} is outside [0, 1) or nothing is left
     */
    public static LanguageToolAcceptability from(List<LanguageToolExamples.RuleExample> raw, double heldOutFraction,
                                                 String salt) {
        Checks.probability("heldOutFraction", heldOutFraction);
        if (heldOutFraction >= 1) {
            throw new IllegalArgumentException("heldOutFraction must be < 1 so that something is left to train on, got "
                    + heldOutFraction);
        }
        Map<String, Example> firstByText = new LinkedHashMap<>();
        Map<String, Integer> labelsSeen = new HashMap<>();
        int incorrect = 0;
        int triggersError = 0;
        for (LanguageToolExamples.RuleExample example : raw) {
            incorrect += example.incorrect() ? 1 : 0;
            triggersError += example.triggersError() ? 1 : 0;
            String text = normaliseWhiteSpace(example.text());
            int label = example.incorrect() ? INCORRECT : CORRECT;
            firstByText.putIfAbsent(text, new Example(text, label, example.category(), example.ruleId()));
            labelsSeen.merge(text, 1 << label, (a, b) -> a | b);
        }
        List<Example> kept = new ArrayList<>();
        int conflicting = 0;
        for (Example example : firstByText.values()) {
            if (labelsSeen.get(example.text()) == 0b11) {
                conflicting++;
            } else {
                kept.add(example);
            }
        }
        if (kept.isEmpty()) {
            throw new IllegalArgumentException("no example left out of " + raw.size() + " rule examples");
        }
        Set<String> heldOut = HashedHoldout.heldOutSubgroups(kept, heldOutFraction, salt);
        TextDataset dataset = new TextDataset(NAME, LABEL_NAMES, HashedHoldout.split(kept, heldOut));
        long ruleIds = kept.stream().map(Example::subgroup).distinct().count();
        Counts counts = new Counts(raw.size(), incorrect, triggersError, raw.size() - firstByText.size(), conflicting,
                kept.size(), (int) ruleIds, heldOut.size());
        return new LanguageToolAcceptability(dataset, counts, heldOut);
    }

    static String normaliseWhiteSpace(String text) {
        return WHITE_SPACE.matcher(text).replaceAll(" ").strip();
    }

    /** Train and held-out ({@link Split#VALIDATION}) examples; group = category id, subgroup = rule id. */
    public TextDataset dataset() {
        return dataset;
    }

    public Counts counts() {
        return counts;
    }

    /** The held-out rule ids, sorted. */
    public Set<String> heldOutRuleIds() {
        return heldOutRuleIds;
    }
}

