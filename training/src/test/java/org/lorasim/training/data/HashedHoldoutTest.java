package org.lorasim.training.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashedHoldoutTest {

    @ParameterizedTest
    @CsvSource({
            // fraction, n, k: k = round(fraction * n), at least 1 and at most n - 1 once n >= 2
            "0.15, 1, 0",    // 0.15 rounds to 0; one subgroup cannot be split
            "0.15, 2, 1",    // 0.3 -> 0, raised to 1
            "0.15, 3, 1",    // 0.45 -> 0, raised to 1
            "0.15, 10, 2",   // 1.5 -> 2
            "0.15, 1058, 159", // 158.7 -> 159
            "0.0, 10, 0",
            "1.0, 10, 9",    // lowered to n - 1
            "0.5, 5, 3"      // 2.5 -> 3 (Math.round rounds half up)
    })
    void heldOutCountPerStratum(double fraction, int n, int expected) {
        // Execute, Assert
        assertThat(HashedHoldout.count(fraction, n)).isEqualTo(expected);
    }

    @Test
    void rankIsTheFirstEightBytesOfSha256AsUnsigned() {
        // Prepare: printf 's:r' | sha256sum = 50c982177183cb81 9500...; printf 'lorasim-holdout-v1:A_AN' | sha256sum
        // = 3a4e619abe711b84 c779...; pinned so a change of hash, salt format or byte order fails here
        long sr = Long.parseUnsignedLong("50c982177183cb81", 16);
        long aAn = Long.parseUnsignedLong("3a4e619abe711b84", 16);

        // Execute, Assert
        assertThat(HashedHoldout.rank("s", "r")).isEqualTo(sr);
        assertThat(HashedHoldout.rank(HashedHoldout.DEFAULT_SALT, "A_AN")).isEqualTo(aAn);
    }

    @Test
    void smallHandWorkedSplit() {
        // Prepare: group G has subgroups a, b, c (one held out: round(0.15*3)=0 -> 1); group H has only d (none)
        List<Example> examples = List.of(
                new Example("1", 0, "G", "a"), new Example("2", 1, "G", "b"), new Example("3", 0, "G", "c"),
                new Example("4", 1, "G", "a"), new Example("5", 1, "H", "d"));
        String lowest = List.of("a", "b", "c").stream()
                .min((x, y) -> Long.compareUnsigned(HashedHoldout.rank("t", x), HashedHoldout.rank("t", y))).orElseThrow();

        // Execute
        Set<String> heldOut = HashedHoldout.heldOutSubgroups(examples, 0.15, "t");
        Map<Split, List<Example>> split = HashedHoldout.split(examples, 0.15, "t");

        // Assert
        assertThat(heldOut).containsExactly(lowest);
        assertThat(split.get(Split.VALIDATION)).allMatch(e -> e.subgroup().equals(lowest));
        assertThat(split.get(Split.TRAIN)).noneMatch(e -> e.subgroup().equals(lowest)).anyMatch(e -> e.group().equals("H"));
        assertThat(split.get(Split.TRAIN).size() + split.get(Split.VALIDATION).size()).isEqualTo(5);
    }

    /** Invariants over random datasets: disjoint by subgroup, order-independent, exact count per stratum. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
            21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
            41, 42, 43, 44, 45, 46, 47, 48, 49, 50})
    void invariantsOnRandomDatasets(long seed) {
        // Prepare
        SplittableRandom random = new SplittableRandom(seed);
        int groups = 1 + random.nextInt(5);
        List<Example> examples = new ArrayList<>();
        Map<String, String> groupOf = new HashMap<>();
        int subgroups = 1 + random.nextInt(60);
        for (int s = 0; s < subgroups; s++) {
            groupOf.put("rule" + s, "g" + random.nextInt(groups));
        }
        for (int i = 0; i < 200; i++) {
            String subgroup = "rule" + random.nextInt(subgroups);
            examples.add(new Example("t" + i, random.nextInt(2), groupOf.get(subgroup), subgroup));
        }
        double fraction = random.nextDouble();
        List<Example> shuffled = new ArrayList<>(examples);
        Collections.shuffle(shuffled, new Random(seed));

        // Execute
        Set<String> heldOut = HashedHoldout.heldOutSubgroups(examples, fraction, "salt");
        Set<String> heldOutShuffled = HashedHoldout.heldOutSubgroups(shuffled, fraction, "salt");
        Map<Split, List<Example>> split = HashedHoldout.split(examples, heldOut);

        // Assert
        assertThat(heldOutShuffled).isEqualTo(heldOut);
        Set<String> trainSubgroups = new HashSet<>();
        split.getOrDefault(Split.TRAIN, List.of()).forEach(e -> trainSubgroups.add(e.subgroup()));
        assertThat(trainSubgroups).doesNotContainAnyElementsOf(heldOut);
        assertThat(split.values().stream().mapToInt(List::size).sum()).isEqualTo(examples.size());
        Map<String, Set<String>> strata = new HashMap<>();
        examples.forEach(e -> strata.computeIfAbsent(e.group(), g -> new HashSet<>()).add(e.subgroup()));
        strata.forEach((group, members) -> assertThat(members.stream().filter(heldOut::contains).count())
                .as("group %s", group).isEqualTo(HashedHoldout.count(fraction, members.size())));
    }

    @Test
    void anotherSaltGivesAnotherSplit() {
        // Prepare
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            examples.add(new Example("t" + i, 0, "g", "rule" + i));
        }

        // Execute, Assert
        assertThat(HashedHoldout.heldOutSubgroups(examples, 0.2, "one"))
                .hasSize(20).isNotEqualTo(HashedHoldout.heldOutSubgroups(examples, 0.2, "two"));
    }

    @Test
    void fractionOutsideZeroOneIsRejected() {
        // Execute, Assert
        assertThatThrownBy(() -> HashedHoldout.heldOutSubgroups(List.of(), 1.5, "s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fraction").hasMessageContaining("1.5");
    }
}
