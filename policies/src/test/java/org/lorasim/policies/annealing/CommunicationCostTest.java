package org.lorasim.policies.annealing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.policies.annealing.CommunicationCost.Directions;
import org.lorasim.policies.annealing.CommunicationCost.MatrixShape;

class CommunicationCostTest {
    // query and value of one 768-wide layer: r (768 + 768) each, 3072 r per client
    private static final List<MatrixShape> QV = List.of(new MatrixShape(768, 768), new MatrixShape(768, 768));

    @Test
    void perClientAndPerRoundCounts() {
        // Prepare: 10 clients, both directions
        CommunicationCost cost = new CommunicationCost(QV, 0, 10, Directions.UP_AND_DOWN);

        // Execute / Assert: rank 8: 8 * 3072 = 24576 per client; x 10 clients x 2 directions = 491520
        assertThat(cost.parametersPerClient(8)).isEqualTo(24_576);
        assertThat(cost.parametersPerRound(8)).isEqualTo(491_520);
        assertThat(new CommunicationCost(QV, 0, 10, Directions.UPLOAD).parametersPerRound(8)).isEqualTo(245_760);
    }

    @Test
    void cubicScheduleFrom64To2AgainstFixedRank64() {
        // Prepare: ranks 64, 34, 15, 6, 2, 2 (sum 123, see RankScheduleTest); FedAvg at 64 for 6 rounds: 384
        CommunicationCost cost = new CommunicationCost(QV, 0, 10, Directions.UP_AND_DOWN);
        RankSchedule annealed = RankSchedule.cubic(64, 2, 6, 1, 1);

        // Execute
        long total = cost.total(annealed);
        long baseline = cost.total(RankSchedule.constant(64, 6));
        double saving = cost.savingVersusFixedRank(annealed, 64);

        // Assert: 3072 * 20 * 123 = 7,557,120; 3072 * 20 * 384 = 23,592,960; saving 1 - 123/384 = 0.6796875
        assertThat(total).isEqualTo(7_557_120L);
        assertThat(baseline).isEqualTo(23_592_960L);
        assertThat(saving).isCloseTo(0.6796875, within(1e-12));
    }

    @Test
    void denseTensorsTravelAtFullSizeEveryRound() {
        // Prepare: a 2-class head, 768 * 2 + 2 = 1538 values, 1538 * 20 = 30,760 per round, 184,560 over 6
        CommunicationCost cost = new CommunicationCost(QV, 1538, 10, Directions.UP_AND_DOWN);

        // Execute
        double saving = cost.savingVersusFixedRank(RankSchedule.cubic(64, 2, 6, 1, 1), 64);

        // Assert: 1 - (7,557,120 + 184,560) / (23,592,960 + 184,560) = 1 - 7,741,680 / 23,777,520 = 1 - 0.325588
        assertThat(cost.total(RankSchedule.cubic(64, 2, 6, 1, 1))).isEqualTo(7_741_680L);
        assertThat(saving).isCloseTo(1 - 7_741_680.0 / 23_777_520.0, within(1e-12));
        assertThat(saving).isCloseTo(0.674412, within(1e-6));
    }

    @Test
    void shapesComeFromATemplateAdapter() {
        // Prepare: r=4 on 3 -> 5 and r=2 on 6 -> 2, a head of 2 x 3; ranks of the template do not matter
        Adapter template = new Adapter(
                Map.of("q", LoraFactors.zeros(4, 3, 5, 8, LoraScaling.STANDARD),
                        "v", LoraFactors.zeros(2, 6, 2, 8, LoraScaling.STANDARD)),
                Map.of("head", DenseTensor.zeros(2, 3)));

        // Execute
        CommunicationCost cost = CommunicationCost.of(template, 3, Directions.DOWNLOAD);

        // Assert: at rank 10: 10 (3 + 5) + 10 (6 + 2) + 6 = 166 per client, x 3 clients x 1 direction = 498
        assertThat(cost.parametersPerClient(10)).isEqualTo(166);
        assertThat(cost.parametersPerRound(10)).isEqualTo(498);
        assertThat(cost.denseParameters()).isEqualTo(6);
    }

    @Test
    void badArgumentsNameTheProblem() {
        CommunicationCost cost = new CommunicationCost(QV, 0, 10, Directions.UP_AND_DOWN);
        assertThatThrownBy(() -> cost.parametersPerClient(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank must be > 0, got 0");
        assertThatThrownBy(() -> new CommunicationCost(List.of(), 0, 10, Directions.UPLOAD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("matrices must not be empty");
        assertThatThrownBy(() -> new CommunicationCost(QV, -1, 10, Directions.UPLOAD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("denseParameters must be >= 0, got -1");
        assertThatThrownBy(() -> new CommunicationCost(QV, 0, 0, Directions.UPLOAD))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("clientsPerRound must be > 0, got 0");
        assertThatThrownBy(() -> new MatrixShape(0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("inFeatures must be > 0, got 0");
    }
}
