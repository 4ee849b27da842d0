package org.lorasim.policies.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.aggregation.FlexLora;
import org.lorasim.policies.aggregation.FlexLoraState;
import org.lorasim.policies.gossip.MixingMatrix;
import org.lorasim.policies.gossip.Topologies;

/** The code shown in the README's tour, kept here so that it keeps compiling and stays true. */
class ReadmeExampleTest {

    @Test
    void flexLoraGivesEachClientItsOwnRank() {
        // Prepare: two clients adapt one 4x4 matrix at ranks 1 and 2 (alpha 2, so s = 2 and s = 1);
        // client 1 has three times the data.
        Adapter small = Adapter.ofLora(Map.of("q", new LoraFactors(1, 4, 4,
                new float[]{1, 0, 0, 0}, new float[]{2, 0, 0, 0}, 2, LoraScaling.STANDARD)));
        Adapter large = Adapter.ofLora(Map.of("q", new LoraFactors(2, 4, 4,
                new float[]{1, 0, 0, 0, 0, 1, 0, 0}, new float[]{2, 0, 0, 2, 0, 0, 0, 0}, 2, LoraScaling.STANDARD)));

        // Execute
        FlexLoraState global = new FlexLora().aggregateState(List.of(
                new WeightedAdapter(small, 100), new WeightedAdapter(large, 300)));

        // Assert: dW = 1/4 * 2 * diag(2, 0, 0, 0) + 3/4 * 1 * diag(2, 2, 0, 0) = diag(2.5, 1.5, 0, 0).
        assertThat(global.singularValues("q")[0]).isCloseTo(2.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(global.singularValues("q")[1]).isCloseTo(1.5, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(global.forRank(1).factors("q").rank()).isEqualTo(1);
        assertThat(global.forRank(2).factors("q").rank()).isEqualTo(2);
    }

    @Test
    void ringOfTenHasTheClosedFormSpectralGap() {
        // Prepare / Execute: Metropolis-Hastings on a ring gives 1/3 to self and each neighbour.
        MixingMatrix q = MixingMatrix.metropolisHastings(Topologies.ring(10));

        // Assert: eigenvalues 1/3 + 2/3 cos(2 pi k / 10); |lambda_2| = 1/3 + 2/3 cos(pi / 5).
        double lambda2 = 1.0 / 3 + 2.0 / 3 * Math.cos(2 * Math.PI / 10);
        assertThat(q.spectralGap()).isCloseTo(1 - lambda2, org.assertj.core.data.Offset.offset(1e-12));
    }
}
