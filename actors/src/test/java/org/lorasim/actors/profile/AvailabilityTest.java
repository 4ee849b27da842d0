package org.lorasim.actors.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AvailabilityTest {

    @Test
    void alwaysIsAlwaysAvailable() {
        // Prepare
        Availability always = new Availability.Always();

        // Execute / Assert
        assertThat(always.availableAt(0, 0, 0)).isTrue();
        assertThat(always.availableAt(9999, 500, Long.MAX_VALUE)).isTrue();
        assertThat(always.withSeed(5)).isSameAs(always);
    }

    @Test
    void bernoulliAnswersDoNotDependOnQueryOrder() {
        // Prepare
        Availability first = new Availability.Bernoulli(0.3, 77);
        Availability second = new Availability.Bernoulli(0.3, 77);

        // Execute
        boolean[][] forward = new boolean[20][30];
        for (int client = 0; client < 20; client++) {
            for (int round = 0; round < 30; round++) {
                forward[client][round] = first.availableAt(client, round, 0);
            }
        }
        boolean[][] backward = new boolean[20][30];
        for (int round = 29; round >= 0; round--) {
            for (int client = 19; client >= 0; client--) {
                backward[client][round] = second.availableAt(client, round, 123_456L * round);
            }
        }

        // Assert
        assertThat(backward).isDeepEqualTo(forward);
    }

    @Test
    void bernoulliHitsItsProbabilityAndDependsOnTheSeed() {
        // Prepare
        Availability model = new Availability.Bernoulli(0.3, 1);
        Availability reseeded = model.withSeed(2);

        // Execute
        int on = 0;
        int differ = 0;
        for (int client = 0; client < 100; client++) {
            for (int round = 0; round < 100; round++) {
                boolean a = model.availableAt(client, round, 0);
                on += a ? 1 : 0;
                differ += a != reseeded.availableAt(client, round, 0) ? 1 : 0;
            }
        }

        // Assert: 0.3 * 10,000 = 3,000, sd sqrt(10,000 * 0.21) = 46; two seeds differ on 2 * 0.3 * 0.7 = 42%
        assertThat(on).isBetween(2820, 3180);
        assertThat(differ).isBetween(3800, 4600);
    }

    @ParameterizedTest
    @CsvSource({"0.1, 0.5, 1", "0.3, 0.2, 2", "0.05, 0.05, 3"})
    void markovSpendsTheStationaryFractionOn(double onToOff, double offToOn, long seed) {
        // Prepare
        OnOffMarkov markov = new OnOffMarkov(onToOff, offToOn, OnOffMarkov.Start.STATIONARY, 0, seed);

        // Execute
        int on = 0;
        int steps = 0;
        for (int client = 0; client < 50; client++) {
            for (int round = 0; round < 2000; round++) {
                on += markov.availableAt(client, round, 0) ? 1 : 0;
                steps++;
            }
        }

        // Assert: e.g. 0.5 / (0.1 + 0.5) = 0.833; 0.2 / 0.5 = 0.4; 0.05 / 0.1 = 0.5
        assertThat(markov.stationaryOn()).isEqualTo(offToOn / (onToOff + offToOn));
        assertThat((double) on / steps).isCloseTo(offToOn / (onToOff + offToOn), within(0.03));
    }

    @Test
    void markovPathDoesNotDependOnQueryOrder() {
        // Prepare
        OnOffMarkov forwardModel = new OnOffMarkov(0.2, 0.4, OnOffMarkov.Start.ON, 0, 5);
        OnOffMarkov randomModel = new OnOffMarkov(0.2, 0.4, OnOffMarkov.Start.ON, 0, 5);

        // Execute
        boolean[] forward = new boolean[200];
        for (int round = 0; round < 200; round++) {
            forward[round] = forwardModel.availableAt(3, round, 0);
        }
        boolean late = randomModel.availableAt(3, 150, 0);
        boolean early = randomModel.availableAt(3, 20, 0);

        // Assert
        assertThat(late).isEqualTo(forward[150]);
        assertThat(early).isEqualTo(forward[20]);
        assertThat(forward[0]).isTrue();
    }

    @Test
    void markovWithoutTransitionsKeepsItsStartState() {
        // Prepare
        OnOffMarkov stuckOff = new OnOffMarkov(0.5, 0, OnOffMarkov.Start.OFF, 0, 1);
        OnOffMarkov stuckOn = new OnOffMarkov(0, 0.5, OnOffMarkov.Start.ON, 0, 1);

        // Execute / Assert: from off with p-off-to-on = 0 the client never comes on, and the reverse
        for (int round = 0; round < 100; round++) {
            assertThat(stuckOff.availableAt(1, round, 0)).isFalse();
            assertThat(stuckOn.availableAt(1, round, 0)).isTrue();
        }
    }

    @Test
    void markovOverTimeStepsBySliceAndIgnoresRounds() {
        // Prepare: one step per 60 s
        long minute = 60_000_000_000L;
        OnOffMarkov byTime = new OnOffMarkov(0.3, 0.3, OnOffMarkov.Start.ON, minute, 8);
        OnOffMarkov byRound = new OnOffMarkov(0.3, 0.3, OnOffMarkov.Start.ON, 0, 8);

        // Execute / Assert: time t is step floor(t / 60 s), the same coin as round step
        for (int step = 0; step < 100; step++) {
            boolean expected = byRound.availableAt(2, step, 0);
            assertThat(byTime.availableAt(2, 999, step * minute)).isEqualTo(expected);
            assertThat(byTime.availableAt(2, 0, step * minute + minute - 1)).isEqualTo(expected);
        }
    }

    @Test
    void badArgumentsAreRejectedByName() {
        assertThatThrownBy(() -> new Availability.Bernoulli(-0.1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("p must be a probability");
        assertThatThrownBy(() -> new OnOffMarkov(1.2, 0.5, OnOffMarkov.Start.ON, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pOnToOff");
        assertThatThrownBy(() -> new OnOffMarkov(0, 0, OnOffMarkov.Start.STATIONARY, 0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STATIONARY");
        assertThatThrownBy(() -> new OnOffMarkov(0.1, 0.1, OnOffMarkov.Start.ON, -1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepNanos");
        assertThatThrownBy(() -> new Availability.Bernoulli(0.5, 1).availableAt(0, -1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("round");
    }
}
