package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.adapter.LoraScaling;

class LoraSpecTest {
    private static final List<String> NAMES = names(2);

    static List<String> names(int layers) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < layers; i++) {
            for (String m : List.of("attention.query", "attention.key", "attention.value", "attention.output",
                    "ffn.in", "ffn.out")) {
                out.add("layer." + i + "." + m);
            }
        }
        return out;
    }

    @Test
    void queryValueSelectsTwoMatricesPerLayer() {
        // Prepare
        LoraSpec spec = LoraSpec.queryValue(8, 16);

        // Execute
        SortedMap<String, Integer> ranks = spec.ranks(NAMES);

        // Assert: 2 layers x {query, value} = 4 matrices, sorted by name
        assertThat(ranks).containsExactly(
                java.util.Map.entry("layer.0.attention.query", 8), java.util.Map.entry("layer.0.attention.value", 8),
                java.util.Map.entry("layer.1.attention.query", 8), java.util.Map.entry("layer.1.attention.value", 8));
    }

    @Test
    void firstMatchingTargetGivesTheRank() {
        // Prepare: layer 1's query at rank 2, every other attention matrix at rank 4, FFN input at 6
        LoraSpec spec = LoraSpec.of(2, 8, "layer\\.1\\.attention\\.query")
                .plus(".*\\.attention\\..*", 4)
                .plus(".*\\.ffn\\.in", 6);

        // Execute
        SortedMap<String, Integer> ranks = spec.ranks(NAMES);

        // Assert: 2 x 4 attention + 2 FFN inputs = 10 matrices
        assertThat(ranks).hasSize(10);
        assertThat(ranks.get("layer.1.attention.query")).isEqualTo(2);
        assertThat(ranks.get("layer.0.attention.query")).isEqualTo(4);
        assertThat(ranks.get("layer.1.attention.output")).isEqualTo(4);
        assertThat(ranks.get("layer.0.ffn.in")).isEqualTo(6);
        assertThat(ranks).doesNotContainKey("layer.0.ffn.out");
    }

    @Test
    void noneAdaptsNothing() {
        assertThat(LoraSpec.none().ranks(NAMES)).isEmpty();
    }

    @Test
    void patternsMatchWholeNamesOnly() {
        // "query" alone is not a whole name, so it matches nothing and is reported
        assertThatThrownBy(() -> LoraSpec.of(4, 8, "query").ranks(NAMES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'query'")
                .hasMessageContaining("matches no weight matrix")
                .hasMessageContaining("layer.0.attention.query");
    }

    @Test
    void everyTargetMatchingSomethingIsAccepted() {
        // Property: any non-empty subset of names, given as an alternation, selects exactly that subset
        SplittableRandom random = new SplittableRandom(11);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare
            List<String> chosen = new ArrayList<>();
            for (String n : NAMES) {
                if (random.nextBoolean()) {
                    chosen.add(n);
                }
            }
            if (chosen.isEmpty()) {
                chosen.add(NAMES.get(random.nextInt(NAMES.size())));
            }
            String regex = String.join("|", chosen.stream().map(java.util.regex.Pattern::quote).toList());
            int rank = 1 + random.nextInt(32);

            // Execute
            SortedMap<String, Integer> ranks = LoraSpec.of(rank, 1, regex).ranks(NAMES);

            // Assert
            assertThat(ranks.keySet()).containsExactlyInAnyOrderElementsOf(chosen);
            assertThat(ranks.values()).containsOnly(rank);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -3})
    void nonPositiveRankIsRejected(int rank) {
        assertThatThrownBy(() -> LoraSpec.of(rank, 8, ".*"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("rank of LoRA target '.*'")
                .hasMessageContaining(Integer.toString(rank));
    }

    @Test
    void invalidRegexIsRejected() {
        assertThatThrownBy(() -> LoraSpec.of(4, 8, "layer.(query"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'layer.(query'")
                .hasMessageContaining("not a valid regex");
    }

    @Test
    void dropoutOutsideUnitIntervalIsRejected() {
        assertThatThrownBy(() -> LoraSpec.queryValue(4, 8).withDropout(1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dropout")
                .hasMessageContaining("1.0");
    }

    @Test
    void nonFiniteAlphaIsRejected() {
        assertThatThrownBy(() -> new LoraSpec(List.of(), Double.NaN, LoraScaling.STANDARD, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alpha")
                .hasMessageContaining("NaN");
    }
}
