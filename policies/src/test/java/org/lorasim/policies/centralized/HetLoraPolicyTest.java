package org.lorasim.policies.centralized;

import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class HetLoraPolicyTest {

    private static Adapter lora(int rank, float[] a, float[] b) {
        return Adapter.ofLora(Map.of("w", new LoraFactors(rank, 1, 1, a, b, 1, LoraScaling.STANDARD)));
    }

    @Test
    void clientsStartFromTheTruncatedGlobalAdapter() {
        // Prepare: r_max 3, in 2, out 2; A (3x2) = [1 2; 3 4; 5 6], B (2x3) = [7 8 9; 10 11 12]
        Adapter global = Adapter.ofLora(Map.of("w", new LoraFactors(3, 2, 2,
                new float[]{1, 2, 3, 4, 5, 6}, new float[]{7, 8, 9, 10, 11, 12}, 1, LoraScaling.STANDARD)));
        HetLoraPolicy policy = new HetLoraPolicy(ClientSampler.all(), 1);

        // Execute
        RoundPlan plan = policy.configure(0, GlobalState.initial(global),
                List.of(ClientInfo.ofRank(1, 1, 2), ClientInfo.of(2, 1)), new SplittableRandom(0));

        // Assert: rank 2 takes the first 2 rows of A and the first 2 columns of B
        LoraFactors cut = plan.instructions().get(0).startAdapter().factors("w");
        assertThat(cut.rank()).isEqualTo(2);
        assertThat(cut.a()).containsExactly(1, 2, 3, 4);
        assertThat(cut.b()).containsExactly(7, 8, 10, 11);
        assertThat(plan.instructions().get(1).startAdapter()).isEqualTo(global);
    }

    @Test
    void aggregationZeroPadsTheUpdatesToTheGlobalRank() {
        // Prepare: r_max 2, in = out = 1; client 1 rank 1 (A=[2], B=[4]), client 2 rank 2 (A=[2;6], B=[8 10]), n = 1 each
        HetLoraPolicy policy = new HetLoraPolicy(ClientSampler.all(), 1);
        GlobalState g0 = GlobalState.initial(lora(2, new float[]{0, 0}, new float[]{0, 0}));
        policy.configure(0, g0, List.of(ClientInfo.ofRank(1, 1, 1), ClientInfo.of(2, 1)), new SplittableRandom(0));
        List<ClientUpdate> results = List.of(
                new ClientUpdate(1, lora(1, new float[]{2}, new float[]{4}), 1, 0, 0),
                new ClientUpdate(2, lora(2, new float[]{2, 6}, new float[]{8, 10}), 1, 0, 0));

        // Execute
        GlobalState g1 = policy.aggregate(0, g0, results, List.of());

        // Assert: A = [0.5*2 + 0.5*2, 0.5*6] = [2, 3]; B = [0.5*4 + 0.5*8, 0.5*10] = [6, 5]
        LoraFactors w = g1.global().factors("w");
        assertThat(w.rank()).isEqualTo(2);
        assertThat(w.a()).containsExactly(2, 3);
        assertThat(w.b()).containsExactly(6, 5);
    }
}
