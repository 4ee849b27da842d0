package org.lorasim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.profile.ConfigReading;

class KeySuggestionsTest {

    @Test
    void levenshteinOfKnownPairs() {
        // kitten -> sitten (k/s) -> sittin (e/i) -> sitting (+g): 3
        assertThat(ConfigReading.editDistance("kitten", "sitting")).isEqualTo(3);
        // deadlin -> deadline: one insertion
        assertThat(ConfigReading.editDistance("lorasim.rounds.deadlin", "lorasim.rounds.deadline")).isEqualTo(1);
        assertThat(ConfigReading.editDistance("", "abc")).isEqualTo(3);
        assertThat(ConfigReading.editDistance("same", "same")).isZero();
    }

    @Test
    void levenshteinIsASymmetricMetricBoundedByTheLongerLength() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 200; i++) {
            String a = randomWord(random);
            String b = randomWord(random);
            String c = randomWord(random);
            int ab = ConfigReading.editDistance(a, b);
            assertThat(ab).isEqualTo(ConfigReading.editDistance(b, a));
            assertThat(ab).isBetween(Math.abs(a.length() - b.length()), Math.max(a.length(), b.length()));
            assertThat(ConfigReading.editDistance(a, c)).isLessThanOrEqualTo(ab + ConfigReading.editDistance(b, c));
        }
    }

    @Test
    void suggestsTheClosestWithinThreeEditsElseTheSameLastSegment() {
        List<String> known = List.of("lorasim.rounds.deadline", "lorasim.rounds.count", "lorasim.clock.speed");

        assertThat(KeySuggestions.suggest("lorasim.rounds.deadlin", known)).contains("lorasim.rounds.deadline");
        assertThat(KeySuggestions.suggest("lorasim.something.speed", known)).contains("lorasim.clock.speed");
        assertThat(KeySuggestions.suggest("lorasim.something.else", known)).isEmpty();
    }

    private static String randomWord(SplittableRandom random) {
        StringBuilder word = new StringBuilder();
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            word.append((char) ('a' + random.nextInt(3)));
        }
        return word.toString();
    }
}
