package org.lorasim.policies.fedpipe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FedPipeCostModelTest {

    @Test
    void costsFollowTheDocumentedFormulas() {
        // Prepare: N = 1000 base parameters, 10 activation bytes per token, T = 10 tokens per step
        FedPipeCostModel model = FedPipeCostModel.defaults(1000, 10);
        ClientBudget client = new ClientBudget("c", 1.0, 10_000, 50_000, 10);
        CandidateMatrix q = CandidateMatrix.of("q", 8, 8, 1.0);
        CandidateMatrix up = CandidateMatrix.of("up", 8, 32, 1.0);
        BasePrecision nf4 = BasePrecision.nf4(1000);

        // Execute / Assert
        // nf4 bytes: ceil(1000 / 2) + 4 * ceil(1000 / 64) = 500 + 64 = 564; + T * 10 = 664
        assertThat(model.baseMemory(nf4, client)).isEqualTo(664);
        // base FLOPs: T * 4 * N = 40,000
        assertThat(model.baseFlops(nf4, client)).isEqualTo(40_000);
        // q at r = 2: 2 * 16 params * 16 bytes = 512, + T * r * 4 = 80 -> 592; FLOPs T * 6 * 32 = 1,920
        assertThat(model.adapterMemory(q, 2, client)).isEqualTo(592);
        assertThat(model.adapterFlops(q, 2, client)).isEqualTo(1_920);
        // up at r = 4: 4 * 40 = 160 params * 16 = 2,560, + 10 * 4 * 4 = 160 -> 2,720; FLOPs 10 * 6 * 160 = 9,600
        assertThat(model.adapterMemory(up, 4, client)).isEqualTo(2_720);
        assertThat(model.adapterFlops(up, 4, client)).isEqualTo(9_600);
        assertThat(model.adapterMemory(up, 0, client)).isZero();
        // a plan: 664 + 592 + 2,720 = 3,976 bytes; 40,000 + 1,920 + 9,600 = 51,520 FLOPs
        assertThat(model.memory(nf4, List.of(q, up), Map.of("q", 2, "up", 4), client)).isEqualTo(3_976);
        assertThat(model.flops(nf4, List.of(q, up), Map.of("q", 2, "up", 4), client)).isEqualTo(51_520);
    }

    @Test
    void precisionsCountTheirBytesExactly() {
        // Prepare / Execute / Assert: N = 1001
        // fp16: 2,002; int8 per 100 weights: 1,001 + 4 * 11 = 1,045; nf4 block 64: 501 + 4 * 16 = 565
        assertThat(BasePrecision.fp16(1001).weightBytes()).isEqualTo(2002);
        assertThat(BasePrecision.int8(1001, 100).weightBytes()).isEqualTo(1045);
        assertThat(BasePrecision.nf4(1001).weightBytes()).isEqualTo(565);
        assertThat(BasePrecision.int4(1001, 64).weightBytes()).isEqualTo(565); // int4 groups of 64: as nf4's blocks
        assertThat(BasePrecision.uniform("int3", 3, 1001).weightBytes()).isEqualTo(376); // ceil(3003 / 8)
        assertThat(BasePrecision.fp16(1001).withExtraFlopsPerStep(7).extraFlopsPerStep()).isEqualTo(7);
    }

    @Test
    void theTimeBudgetBecomesAFlopBudget() {
        // Prepare: 0.25 s at 1e9 FLOP/s; 1e-9 s at 1.5 FLOP/s rounds down to 0
        ClientBudget fast = new ClientBudget("a", 0.25, 1, 1e9, 1);
        ClientBudget tiny = new ClientBudget("b", 1e-9, 1, 1.5, 1);
        ClientBudget huge = new ClientBudget("c", 1e300, 1, 1e300, 1);

        // Execute / Assert
        assertThat(fast.flopBudget()).isEqualTo(250_000_000L);
        assertThat(tiny.flopBudget()).isZero();
        assertThat(huge.flopBudget()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void badArgumentsNameTheField() {
        assertThatThrownBy(() -> new ClientBudget("c", 0, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stepTimeSeconds of client 'c'");
        assertThatThrownBy(() -> new ClientBudget("c", 1, 0, 1, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memoryBytes of client 'c'");
        assertThatThrownBy(() -> new ClientBudget("c", 1, 1, -5, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flopsPerSecond");
        assertThatThrownBy(() -> new ClientBudget("c", 1, 1, 1, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tokensPerStep");
        assertThatThrownBy(() -> FedPipeCostModel.defaults(0, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("baseParameters");
        assertThatThrownBy(() -> BasePrecision.nf4(10, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockSize");
        assertThatThrownBy(() -> CandidateMatrix.of("k", 8, 8, -0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("importance of candidate 'k'");
        assertThatThrownBy(() -> CandidateMatrix.of("k", 0, 8, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inFeatures");
        assertThatThrownBy(() -> FedPipeCostModel.defaults(Long.MAX_VALUE / 2, 0)
                .baseFlops(BasePrecision.fp16(10), new ClientBudget("c", 1, 1, 1, 10)))
                .isInstanceOf(ArithmeticException.class);
    }
}
