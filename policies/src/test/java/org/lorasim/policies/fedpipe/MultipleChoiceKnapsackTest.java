package org.lorasim.policies.fedpipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.fedpipe.MultipleChoiceKnapsack.Option;
import org.lorasim.policies.fedpipe.MultipleChoiceKnapsack.Solution;

class MultipleChoiceKnapsackTest {

    @Test
    void solvesAHandWorkedInstance() {
        // Prepare: item 0: (0; 0,0) (5; 4,1) (8; 7,2); item 1: (0; 0,0) (4; 3,3) (6; 5,1); capacities 8 and 3
        List<List<Option>> items = List.of(
                List.of(new Option(0, 0, 0), new Option(5, 4, 1), new Option(8, 7, 2)),
                List.of(new Option(0, 0, 0), new Option(4, 3, 3), new Option(6, 5, 1)));

        // Execute
        Solution s = MultipleChoiceKnapsack.maximize(items, 8, 3).orElseThrow();

        // Assert: the pairs that fit cost1 <= 8 and cost2 <= 3:
        //   (5,4) 4+3=7, 1+3=4 > 3 no; (5,6) 4+5=9 no; (8,x) 7+3 or 7+5 no; (8,0) = 8; (5,0) = 5; (0,6) = 6
        //   -> best is item 0's third option alone, value 8, costs (7, 2)
        assertThat(s.choices()).containsExactly(2, 0);
        assertThat(s.value()).isEqualTo(8);
        assertThat(s.cost1()).isEqualTo(7);
        assertThat(s.cost2()).isEqualTo(2);
    }

    @Test
    void reportsInfeasibilityWhenEvenTheCheapestChoiceDoesNotFit() {
        // Prepare: every option of item 0 costs at least 3 of resource 2, capacity 2
        List<List<Option>> items = List.of(List.of(new Option(1, 0, 3), new Option(2, 1, 4)));

        // Execute
        Optional<Solution> s = MultipleChoiceKnapsack.maximize(items, 10, 2);

        // Assert
        assertThat(s).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void equalsBruteForceOnRandomInstances(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (int trial = 0; trial < 100; trial++) {
            // Prepare: 1-6 items of 1-4 options, values in [-1, 3) (some negative, some tied at 1.0), costs
            // 0..20. Odd trials look like rank choices: option 0 free and worth 0, cost2 about twice cost1.
            boolean rankLike = trial % 2 == 1;
            int n = rng.nextInt(1, 7);
            List<List<Option>> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int k = rng.nextInt(1, 5);
                List<Option> options = new ArrayList<>();
                for (int j = 0; j < k; j++) {
                    double value = rng.nextInt(8) == 0 ? 1.0 : rng.nextDouble(-1, 3);
                    long cost1 = rng.nextLong(21);
                    long cost2 = rankLike ? 2 * cost1 + rng.nextLong(3) : rng.nextLong(21);
                    options.add(rankLike && j == 0 ? new Option(0, 0, 0) : new Option(value, cost1, cost2));
                }
                items.add(options);
            }
            long cap1 = rng.nextLong(10L * n + 1);
            long cap2 = rankLike ? 2 * cap1 + 1 : rng.nextLong(10L * n + 1);

            // Execute
            Optional<Solution> solved = MultipleChoiceKnapsack.maximize(items, cap1, cap2);
            Optional<Double> brute = bruteForce(items, cap1, cap2);

            // Assert
            assertThat(solved.isPresent()).as("feasible, trial %d", trial).isEqualTo(brute.isPresent());
            if (solved.isPresent()) {
                Solution s = solved.get();
                assertThat(s.value()).as("trial %d", trial).isEqualTo(brute.get());
                long c1 = 0;
                long c2 = 0;
                double v = 0;
                for (int i = 0; i < n; i++) {
                    Option o = items.get(i).get(s.choices()[i]);
                    c1 += o.cost1();
                    c2 += o.cost2();
                    v += o.value();
                }
                assertThat(c1).isEqualTo(s.cost1()).isLessThanOrEqualTo(cap1);
                assertThat(c2).isEqualTo(s.cost2()).isLessThanOrEqualTo(cap2);
                assertThat(v).isEqualTo(s.value());
            }
        }
    }

    @Test
    void manyIdenticalItemsAreSolvedWithoutEnumeratingTheirPermutations() {
        // Prepare: 40 identical items, options value 0/1/1.5 at costs 0/2/3 (both resources), capacity 30:
        // LP: per unit cost option 1 gives 0.5, the step 1 -> 1.5 gives 0.5 too, so 15 items at rank 1 = 15
        // or 10 at option 2 = 15: optimum 15
        List<List<Option>> items = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            items.add(List.of(new Option(0, 0, 0), new Option(1, 2, 2), new Option(1.5, 3, 3)));
        }

        // Execute
        Solution s = MultipleChoiceKnapsack.maximize(items, 30, 30, 1e-12, 100_000).orElseThrow();

        // Assert
        assertThat(s.value()).isEqualTo(15.0);
        assertThat(s.nodes()).isLessThan(100_000);
    }

    @Test
    void exceedingTheNodeLimitThrowsInsteadOfGuessing() {
        // Prepare
        SplittableRandom rng = new SplittableRandom(1);
        List<List<Option>> items = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            items.add(List.of(new Option(0, 0, 0), new Option(rng.nextDouble(), rng.nextLong(1, 100), rng.nextLong(1, 100))));
        }

        // Execute / Assert
        assertThatThrownBy(() -> MultipleChoiceKnapsack.maximize(items, 700, 700, 1e-12, 5))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("maxNodes = 5");
    }

    @Test
    void badArgumentsAreRejected() {
        List<List<Option>> one = List.of(List.of(new Option(1, 1, 1)));
        assertThatThrownBy(() -> MultipleChoiceKnapsack.maximize(one, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity1");
        assertThatThrownBy(() -> MultipleChoiceKnapsack.maximize(List.of(List.of()), 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("item 0 has no options");
        assertThatThrownBy(() -> new Option(Double.NaN, 0, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("option value");
        assertThatThrownBy(() -> new Option(1, 0, -2))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cost2");
        assertThatThrownBy(() -> MultipleChoiceKnapsack.maximize(one, 1, 1, 1e-12, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxNodes");
    }

    /** The best value over every combination, summed in item order like {@link Solution#value()}. */
    static Optional<Double> bruteForce(List<List<Option>> items, long cap1, long cap2) {
        int n = items.size();
        int[] choice = new int[n];
        Double best = null;
        while (true) {
            long c1 = 0;
            long c2 = 0;
            double v = 0;
            for (int i = 0; i < n; i++) {
                Option o = items.get(i).get(choice[i]);
                c1 += o.cost1();
                c2 += o.cost2();
                v += o.value();
            }
            if (c1 <= cap1 && c2 <= cap2 && (best == null || v > best)) {
                best = v;
            }
            int i = 0;
            while (i < n && ++choice[i] == items.get(i).size()) {
                choice[i] = 0;
                i++;
            }
            if (i == n) {
                return Optional.ofNullable(best);
            }
        }
    }
}
