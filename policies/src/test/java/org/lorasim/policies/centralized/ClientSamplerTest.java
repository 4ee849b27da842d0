package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientSamplerTest {

    private static List<ClientInfo> clients(int n) {
        List<ClientInfo> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(ClientInfo.of(100 + i, 10 + i));
        }
        return out;
    }

    @ParameterizedTest
    @CsvSource({
            // count 4, overcommit 0.5: ceil(4 * 1.5) = 6
            "count, 4, 0.5, 10, 6",
            // count 3, overcommit 0.3: ceil(3 * 1.3) = ceil(3.9) = 4
            "count, 3, 0.3, 10, 4",
            // count 20 of 10 available: capped at 10
            "count, 20, 0.0, 10, 10",
            // fraction 0.25 of 10: ceil(2.5) = 3
            "fraction, 0.25, 0.0, 10, 3",
            // fraction 0.25 of 10 with overcommit 0.5: ceil(3 * 1.5) = ceil(4.5) = 5
            "fraction, 0.25, 0.5, 10, 5",
            // fraction 1 of 7: 7
            "fraction, 1.0, 0.0, 7, 7",
            // nothing available: 0
            "fraction, 0.5, 1.0, 0, 0"
    })
    void sampleSizeCountsOverCommittedClients(String mode, double target, double overcommit, int available, int expected) {
        // Prepare
        ClientSampler sampler = mode.equals("count") ? ClientSampler.count((int) target, overcommit)
                : ClientSampler.fraction(target, overcommit);

        // Execute
        int size = sampler.sampleSize(available);
        List<ClientInfo> drawn = sampler.sample(clients(available), new SplittableRandom(1));

        // Assert
        assertThat(size).isEqualTo(expected);
        assertThat(drawn).hasSize(expected);
    }

    @Test
    void sampleIsDeterministicWhateverTheOrderOfTheAvailableClients() {
        for (long seed = 0; seed < 100; seed++) {
            // Prepare
            ClientSampler sampler = ClientSampler.count(5, 0.2);
            List<ClientInfo> sorted = clients(20);
            List<ClientInfo> shuffled = new ArrayList<>(sorted);
            Collections.shuffle(shuffled, new java.util.Random(seed + 1000));

            // Execute
            List<ClientInfo> a = sampler.sample(sorted, new SplittableRandom(seed));
            List<ClientInfo> b = sampler.sample(shuffled, new SplittableRandom(seed));

            // Assert: ceil(5 * 1.2) = 6 distinct available clients in ascending id order
            assertThat(a).isEqualTo(b).hasSize(6).doesNotHaveDuplicates().isSubsetOf(sorted);
            assertThat(a).isSortedAccordingTo((x, y) -> Integer.compare(x.clientId(), y.clientId()));
        }
    }

    @Test
    void differentSeedsDrawDifferentClients() {
        // Prepare
        ClientSampler sampler = ClientSampler.count(3, 0);
        HashSet<List<ClientInfo>> draws = new HashSet<>();

        // Execute
        for (long seed = 0; seed < 20; seed++) {
            draws.add(sampler.sample(clients(10), new SplittableRandom(seed)));
        }

        // Assert: 20 draws of 3 out of 10 (120 possible subsets) are not all the same
        assertThat(draws.size()).isGreaterThan(5);
    }

    @Test
    void everyClientIsEquallyLikely() {
        // Prepare: 2 of 5 clients, 5000 rounds: each is expected 5000 * 2 / 5 = 2000 times (sd ~ 35)
        ClientSampler sampler = ClientSampler.count(2, 0);
        SplittableRandom rng = new SplittableRandom(42);
        int[] hits = new int[5];

        // Execute
        for (int t = 0; t < 5000; t++) {
            for (ClientInfo c : sampler.sample(clients(5), rng)) {
                hits[c.clientId() - 100]++;
            }
        }

        // Assert
        for (int h : hits) {
            assertThat(h).isBetween(1800, 2200);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> ClientSampler.fraction(0.0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client fraction").hasMessageContaining("0.0");
        assertThatThrownBy(() -> ClientSampler.fraction(1.5, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client fraction").hasMessageContaining("1.5");
        assertThatThrownBy(() -> ClientSampler.fraction(Double.NaN, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client fraction");
        assertThatThrownBy(() -> ClientSampler.count(0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client count").hasMessageContaining("0");
        assertThatThrownBy(() -> ClientSampler.count(-2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("client count").hasMessageContaining("-2");
        assertThatThrownBy(() -> ClientSampler.count(2, -0.1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("overcommit").hasMessageContaining("-0.1");
        List<ClientInfo> twice = List.of(ClientInfo.of(7, 1), ClientInfo.of(7, 2));
        assertThatThrownBy(() -> ClientSampler.all().sample(twice, new SplittableRandom(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client 7 is listed twice");
    }
}
