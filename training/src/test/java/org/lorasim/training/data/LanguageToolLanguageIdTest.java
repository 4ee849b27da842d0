package org.lorasim.training.data;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LanguageToolLanguageIdTest {
    private static LanguageToolLanguageId task;

    @BeforeAll
    static void load() {
        task = LanguageToolLanguageId.builtIn();
    }

    private static LanguageToolExamples.RuleExample raw(String text, String rule) {
        return new LanguageToolExamples.RuleExample(text, false, false, "CAT", rule, 1);
    }

    /** The ten language-XX 6.5 artifacts, measured here. */
    @Test
    void tenLanguagesInThreeRegionsWithAThousandExamplesEach() {
        // Execute
        TextDataset dataset = task.dataset();
        DatasetStatistics all = dataset.statistics();

        // Assert
        assertThat(dataset.name()).isEqualTo("languagetool-langid");
        assertThat(dataset.labelNames()).containsExactly("en", "fr", "nl", "es", "pt", "ca", "ro", "pl", "ru", "uk");
        assertThat(dataset.groups()).containsExactly("east", "south-west", "west");
        assertThat(all.labelCounts()).containsOnly(1_000);
        assertThat(task.counts().kept().values()).containsOnly(1_000);
        assertThat(task.counts().rawExamples()).containsEntry("en", 22_440).containsEntry("fr", 16_609)
                .containsEntry("ca", 22_075).containsEntry("ro", 1_154);
        assertThat(task.counts().duplicatesRemoved()).isEqualTo(6_190);
        assertThat(task.counts().sharedTexts()).isEqualTo(322);
        assertThat(task.counts().tooShort()).isEqualTo(639);
        assertThat(dataset.train()).hasSize(8_605);
        assertThat(dataset.validation()).hasSize(1_395);
        assertThat(dataset.statistics(Split.VALIDATION).labelCounts())
                .containsExactly(148, 126, 136, 114, 86, 165, 136, 164, 176, 144);
        assertThat(dataset.statistics(Split.TRAIN).groupSizes()).containsEntry("east", 3_380)
                .containsEntry("south-west", 2_635).containsEntry("west", 2_590);
    }

    @Test
    void noTextIsRepeatedAndNoRuleSitsOnBothSides() {
        // Setup
        TextDataset dataset = task.dataset();
        Set<String> texts = new HashSet<>();
        Set<String> trainRules = new HashSet<>();
        dataset.train().forEach(e -> trainRules.add(e.subgroup()));

        // Execute & Assert
        for (Example example : dataset.examples()) {
            assertThat(texts.add(example.text())).as("repeated text %s", example.text()).isTrue();
            assertThat(example.text().length()).isGreaterThanOrEqualTo(LanguageToolLanguageId.MIN_CHARACTERS);
        }
        assertThat(dataset.validation()).noneMatch(e -> trainRules.contains(e.subgroup()));
    }

    @Test
    void loadingTwiceGivesTheSameExamplesInTheSameOrder() {
        // Execute
        TextDataset again = LanguageToolLanguageId.builtIn().dataset();

        // Assert
        assertThat(again.train()).isEqualTo(task.dataset().train());
        assertThat(again.validation()).isEqualTo(task.dataset().validation());
    }

    @Test
    void textsInTwoLanguagesAreDroppedAndDuplicatesKeptOnce() {
        // Setup
        Map<LanguageToolLanguageId.Language, List<LanguageToolExamples.RuleExample>> raw = new LinkedHashMap<>();
        raw.put(new LanguageToolLanguageId.Language("en", "west"), List.of(raw("The cat sleeps.", "A"),
                raw("The  cat sleeps.", "B"), raw("Berlin 2024.", "C"), raw("Short", "D"), raw("A dog barks here.", "E")));
        raw.put(new LanguageToolLanguageId.Language("fr", "west"), List.of(raw("Le chat dort ici.", "A"),
                raw("Berlin 2024.", "F")));

        // Execute
        LanguageToolLanguageId small = LanguageToolLanguageId.from(raw, 10, 0.0, "salt");

        // Assert
        assertThat(small.counts().duplicatesRemoved()).isEqualTo(2);
        assertThat(small.counts().sharedTexts()).isEqualTo(1);
        assertThat(small.counts().tooShort()).isEqualTo(1);
        assertThat(small.dataset().train()).extracting(Example::text)
                .containsExactly("The cat sleeps.", "A dog barks here.", "Le chat dort ici.");
        assertThat(small.dataset().train()).extracting(Example::label).containsExactly(0, 0, 1);
        assertThat(small.dataset().train()).extracting(Example::subgroup).containsExactly("en/A", "en/E", "fr/A");
    }

    @Test
    void balancingKeepsTheSameSubsetWhateverTheOrder() {
        // Setup
        LanguageToolLanguageId.Language en = new LanguageToolLanguageId.Language("en", "west");
        List<LanguageToolExamples.RuleExample> sentences = List.of(raw("First sentence here.", "A"),
                raw("Second sentence here.", "B"), raw("Third sentence here.", "C"), raw("Fourth sentence here.", "D"));

        // Execute
        List<Example> forward = LanguageToolLanguageId.from(Map.of(en, sentences), 2, 0.0, "salt").dataset().train();
        List<Example> backward = LanguageToolLanguageId.from(Map.of(en, reversed(sentences)), 2, 0.0, "salt")
                .dataset().train();

        // Assert
        assertThat(forward).hasSize(2);
        assertThat(new HashSet<>(backward)).isEqualTo(new HashSet<>(forward));
    }

    private static <T> List<T> reversed(List<T> list) {
        List<T> copy = new java.util.ArrayList<>(list);
        java.util.Collections.reverse(copy);
        return copy;
    }

    @Test
    void aLanguageWithNothingLeftIsNamed() {
        // Setup
        Map<LanguageToolLanguageId.Language, List<LanguageToolExamples.RuleExample>> raw = new LinkedHashMap<>();
        raw.put(new LanguageToolLanguageId.Language("en", "west"), List.of(raw("The cat sleeps.", "A")));
        raw.put(new LanguageToolLanguageId.Language("fr", "west"), List.of(raw("Oui", "A")));

        // Execute & Assert
        assertThatThrownBy(() -> LanguageToolLanguageId.from(raw, 10, 0.0, "salt"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("language fr");
    }
}
