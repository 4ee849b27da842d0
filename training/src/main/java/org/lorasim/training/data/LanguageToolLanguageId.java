package org.lorasim.training.data;

import org.lorasim.policies.Checks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The built-in language-identification task: "which language is this sentence?" over the example sentences
 * of LanguageTool's rule files in ten languages ({@link #LANGUAGES}), each shipped as its own Maven artifact
 * ({@code org.languagetool:language-XX}, LGPL-2.1), so the task is offline wherever Maven works. The label is
 * the language (in {@link #LANGUAGES} order); an example's group is its language's region, a natural non-IID
 * key: clients of one region hold mostly its languages.
 * <p>
 * Steps, in order:
 * <ol>
 *   <li>Every {@code <example>} of every rule file of every language, correct or not (an incorrect sentence is
 *       still in its language), whitespace normalised as in {@link LanguageToolAcceptability}.</li>
 *   <li>Duplicates: of the examples sharing one normalised text, the first (in language order, then document
 *       order) is kept; texts that occur in two languages or more are dropped altogether (e.g. names, numbers).
 *       Texts shorter than {@link #MIN_CHARACTERS} characters are dropped: they carry no language.</li>
 *   <li>Balance: of each language's examples, the {@code perLanguage} with the smallest
 *       {@code SHA-256(salt + ":" + text)} are kept, in document order, so every language has the same weight
 *       and always answering one language scores about {@code 1/10}. The largest file (Catalan, 22,457
 *       examples) would otherwise outweigh the smallest (Romanian, 1,169) twenty times.</li>
 *   <li>Held-out split by rule id, stratified by language: {@link HashedHoldout} over subgroups
 *       {@code "xx/RULE_ID"} with {@code fraction} and {@link HashedHoldout#DEFAULT_SALT}, so a sentence and
 *       its corrected twin under one rule never sit on both sides. Train is {@link Split#TRAIN}, held-out is
 *       {@link Split#VALIDATION}.</li>
 * </ol>
 * Measured on the 6.5 artifacts: 90,759 examples read (en 22,440, ca 22,075, fr 16,609, pt 7,611, es 7,049,
 * pl 5,131, nl 3,387, uk 2,857, ru 2,446, ro 1,154); 6,190 duplicates, 322 texts in two languages or more and
 * 639 too short dropped; 10,000 kept; 8,605 to train on (east 3,380, south-west 2,635, west 2,590) and 1,395
 * held out (86 to 176 per language).
 */
public final class LanguageToolLanguageId {
    /** The dataset id of {@code lorasim.data.dataset}. */
    public static final String ID = "languagetool-langid";
    public static final String NAME = "languagetool-langid";
    public static final int DEFAULT_PER_LANGUAGE = 1_000;
    public static final double DEFAULT_HELD_OUT_FRACTION = 0.15;
    public static final int MIN_CHARACTERS = 8;

    /**
     * One language of the task.
     *
     * @param code      the ISO 639-1 code, also the label name
     * @param region    the group of its examples
     * @param resources its rule files inside {@code org.languagetool:language-<code>}
     */
    public record Language(String code, String region, List<String> resources) {
        Language(String code, String region) {
            this(code, region, List.of("org/languagetool/rules/" + code + "/grammar.xml"));
        }
    }

    /** Ten European languages in three regions of three or four. */
    public static final List<Language> LANGUAGES = List.of(
            new Language("en", "west"),
            new Language("fr", "west"),
            new Language("nl", "west"),
            new Language("es", "south-west"),
            new Language("pt", "south-west"),
            new Language("ca", "south-west"),
            new Language("ro", "east"),
            new Language("pl", "east"),
            new Language("ru", "east"),
            new Language("uk", "east", List.of("grammar-grammar", "grammar-spelling", "grammar-punctuation",
                    "grammar-barbarism", "grammar-style").stream()
                    .map(f -> "org/languagetool/rules/uk/" + f + ".xml").toList()));

    /**
     * What each step did.
     *
     * @param rawExamples        examples in the rule files, per language code
     * @param duplicatesRemoved  examples dropped because an earlier one had the same text
     * @param sharedTexts        distinct texts dropped because they occur in two languages or more
     * @param tooShort           distinct texts dropped for being shorter than {@link #MIN_CHARACTERS}
     * @param kept               examples kept after balancing, per language code
     */
    public record Counts(Map<String, Integer> rawExamples, int duplicatesRemoved, int sharedTexts, int tooShort,
                         Map<String, Integer> kept) {
    }

    private final TextDataset dataset;
    private final Counts counts;

    private LanguageToolLanguageId(TextDataset dataset, Counts counts) {
        this.dataset = dataset;
        this.counts = counts;
    }

    /** The task from the rule files on the class path: 1,000 examples per language, 15% of rule ids held out. */
    public static LanguageToolLanguageId builtIn() {
        Map<Language, List<LanguageToolExamples.RuleExample>> raw = new LinkedHashMap<>();
        for (Language language : LANGUAGES) {
            List<LanguageToolExamples.RuleExample> examples = new ArrayList<>();
            for (String resource : language.resources()) {
                examples.addAll(LanguageToolExamples.fromClasspath(resource,
                        "org.languagetool:language-" + language.code()));
            }
            raw.put(language, examples);
        }
        return from(raw, DEFAULT_PER_LANGUAGE, DEFAULT_HELD_OUT_FRACTION, HashedHoldout.DEFAULT_SALT);
    }

    /**
     * @param raw         each language's rule examples in document order; the map's order is the label order
     * @param perLanguage examples kept per language (fewer when a language has fewer), >= 1
     * @throws IllegalArgumentException when a language keeps no example or the fraction leaves nothing to train
     */
    public static LanguageToolLanguageId from(Map<Language, List<LanguageToolExamples.RuleExample>> raw,
                                              int perLanguage, double heldOutFraction, String salt) {
        Checks.positive("perLanguage", perLanguage);
        Checks.probability("heldOutFraction", heldOutFraction);
        Checks.require(heldOutFraction < 1, "heldOutFraction must be < 1, got " + heldOutFraction);
        List<String> codes = raw.keySet().stream().map(Language::code).toList();
        Map<String, Example> firstByText = new LinkedHashMap<>();
        Map<String, Set<Integer>> labelsOf = new HashMap<>();
        Map<String, Integer> rawCounts = new LinkedHashMap<>();
        int label = 0;
        for (Map.Entry<Language, List<LanguageToolExamples.RuleExample>> entry : raw.entrySet()) {
            Language language = entry.getKey();
            rawCounts.put(language.code(), entry.getValue().size());
            for (LanguageToolExamples.RuleExample example : entry.getValue()) {
                String text = LanguageToolAcceptability.normaliseWhiteSpace(example.text());
                firstByText.putIfAbsent(text, new Example(text, label, language.code(),
                        language.code() + "/" + example.ruleId()));
                labelsOf.computeIfAbsent(text, t -> new HashSet<>()).add(label);
            }
            label++;
        }
        int examplesRead = rawCounts.values().stream().mapToInt(Integer::intValue).sum();
        List<List<Example>> byLanguage = new ArrayList<>();
        codes.forEach(c -> byLanguage.add(new ArrayList<>()));
        int shared = 0;
        int tooShort = 0;
        for (Example example : firstByText.values()) {
            if (labelsOf.get(example.text()).size() > 1) {
                shared++;
            } else if (example.text().length() < MIN_CHARACTERS) {
                tooShort++;
            } else {
                byLanguage.get(example.label()).add(example);
            }
        }
        List<Example> kept = new ArrayList<>();
        Map<String, Integer> keptCounts = new LinkedHashMap<>();
        for (int l = 0; l < codes.size(); l++) {
            List<Example> balanced = smallestHashes(byLanguage.get(l), perLanguage, salt);
            if (balanced.isEmpty()) {
                throw new IllegalArgumentException("language " + codes.get(l) + " has no example left");
            }
            keptCounts.put(codes.get(l), balanced.size());
            kept.addAll(balanced);
        }
        Set<String> heldOut = HashedHoldout.heldOutSubgroups(kept, heldOutFraction, salt);
        Map<String, String> regionOf = new HashMap<>();
        raw.keySet().forEach(language -> regionOf.put(language.code(), language.region()));
        Map<Split, List<Example>> splits = new LinkedHashMap<>();
        HashedHoldout.split(kept, heldOut).forEach((split, examples) -> splits.put(split, examples.stream()
                .map(e -> new Example(e.text(), e.label(), regionOf.get(e.group()), e.subgroup())).toList()));
        Counts counts = new Counts(Map.copyOf(rawCounts), examplesRead - firstByText.size(), shared, tooShort,
                Map.copyOf(keptCounts));
        return new LanguageToolLanguageId(new TextDataset(NAME, codes, splits), counts);
    }

    /** The {@code n} examples of smallest {@code SHA-256(salt:text)}, in their original order. */
    private static List<Example> smallestHashes(List<Example> examples, int n, String salt) {
        if (examples.size() <= n) {
            return List.copyOf(examples);
        }
        Map<Example, String> hashes = new HashMap<>();
        examples.forEach(e -> hashes.put(e, hash(salt, e.text())));
        List<Example> sorted = new ArrayList<>(examples);
        sorted.sort(Comparator.comparing(hashes::get));
        Set<Example> chosen = new HashSet<>(sorted.subList(0, n));
        return examples.stream().filter(chosen::contains).toList();
    }

    private static String hash(String salt, String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((salt + ":" + text).getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Train and held-out ({@link Split#VALIDATION}) examples; label = language, group = region, subgroup = xx/rule id. */
    public TextDataset dataset() {
        return dataset;
    }

    public Counts counts() {
        return counts;
    }
}
