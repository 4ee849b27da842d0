package org.lorasim.actors.systemonly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;

class CostModelTrainerTest {
    private static final SyntheticNoise NOISE = new SyntheticNoise(99, 20);

    private static LocalTrainingJob job(long client, int round, Adapter start, int steps) {
        return new LocalTrainingJob(client, round, start, 40, steps, 0, 8, 32, 1e9);
    }

    @Test
    void computeTimeIsTheFlopModelsCountOverTheDeviceSpeed() {
        // Prepare: H=4, I=8, C=2, one layer adapted (P = 1*(4+4) = 8), T = 3 tokens.
        //   frozen linears per token 2(4*16 + 2*4*8) = 256; attention 4 T^2 H = 16 T^2 per sequence;
        //   LoRA 2 P = 16 per token; head 2 H C = 16 per sequence.
        //   step = fwd (256bT + 16bT^2 + 16bT + 16b) + bwd (256bT + 32bT^2 + 32bT + 32b)
        //        = b (560 T + 48 T^2 + 48) = b (1680 + 432 + 48) = 2160 b
        // 5 examples, batch 2: passes of 2, 2, 1 examples; 3 steps = one pass = 2*4320 + 2160 = 10,800 FLOPs.
        CostModelTrainer trainer = new CostModelTrainer(SyntheticAdapters.tinyConfig(), 1, 1e-3,
                SyntheticLossCurve.DEFAULT);
        LocalTrainingJob job = new LocalTrainingJob(3, 0, SyntheticAdapters.tinyAdapter(), 5, 3, 0, 2, 3, 100);

        // Execute
        TrainingOutcome outcome = trainer.train(job);

        // Assert
        assertThat(outcome.flops()).isEqualTo(10_800);
        assertThat(outcome.computeSeconds()).isEqualTo(108.0); // 10,800 / 100 FLOP/s
        assertThat(outcome.examplesSeen()).isEqualTo(5);
        assertThat(outcome.tokens()).isEqualTo(15); // 5 examples x 3 positions
        assertThat(outcome.stepLosses()).hasSize(3);
    }

    @Test
    void epochsCountEveryPassWithItsShortLastBatch() {
        // Prepare: 2 epochs of the job above = 6 steps = 4 full (4320) + 2 short (2160) = 21,600 FLOPs.
        CostModelTrainer trainer = new CostModelTrainer(SyntheticAdapters.tinyConfig(), 1, 1e-3,
                SyntheticLossCurve.DEFAULT);
        LocalTrainingJob job = new LocalTrainingJob(3, 0, SyntheticAdapters.tinyAdapter(), 5, 0, 2, 2, 3, 200);

        // Execute
        TrainingOutcome outcome = trainer.train(job);

        // Assert
        assertThat(outcome.flops()).isEqualTo(21_600);
        assertThat(outcome.computeSeconds()).isEqualTo(108.0); // 21,600 / 200
        assertThat(outcome.examplesSeen()).isEqualTo(10);
        assertThat(outcome.stepLosses()).hasSize(6);
    }

    @Test
    void everyOutcomeIsLabelledSynthetic() {
        // Prepare
        CostModelTrainer trainer = CostModelTrainer.miniLm(5);

        // Execute
        TrainingOutcome outcome = trainer.train(job(1, 0, SyntheticAdapters.miniLmQueryValue(8, 1), 4));

        // Assert
        assertThat(trainer.synthetic()).isTrue();
        assertThat(outcome.synthetic()).isTrue();
        assertThat(outcome.label()).isEqualTo("synthetic");
        assertThat(outcome.adapter()).isNull();
        assertThat(outcome.update()).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 2, 17, 123_456_789})
    void sameSeedClientAndRoundGiveABitIdenticalOutcome(long runSeed) {
        // Prepare
        Adapter start = SyntheticAdapters.miniLmQueryValue(4, runSeed);
        LocalTrainingJob job = job(42, 3, start, 5);

        // Execute
        TrainingOutcome first = CostModelTrainer.miniLm(runSeed).train(job);
        TrainingOutcome second = CostModelTrainer.miniLm(runSeed).train(job);

        // Assert
        assertThat(second).isEqualTo(first);
        assertThat(second.adapterFrom(start, new SyntheticNoise(99, 20)))
                .isEqualTo(first.adapterFrom(start, NOISE));
    }

    @Test
    void anotherClientRoundOrRunSeedGivesAnotherUpdate() {
        // Prepare
        Adapter start = SyntheticAdapters.miniLmQueryValue(4, 7);
        CostModelTrainer trainer = CostModelTrainer.miniLm(1);

        for (int client = 0; client < 50; client++) {
            // Execute
            TrainingOutcome base = trainer.train(job(client, 2, start, 5));
            TrainingOutcome otherClient = trainer.train(job(client + 1, 2, start, 5));
            TrainingOutcome otherRound = trainer.train(job(client, 3, start, 5));
            TrainingOutcome otherRun = CostModelTrainer.miniLm(2).train(job(client, 2, start, 5));

            // Assert
            assertThat(otherClient.update().seed()).isNotEqualTo(base.update().seed());
            assertThat(otherRound.update().seed()).isNotEqualTo(base.update().seed());
            assertThat(otherRun.update().seed()).isNotEqualTo(base.update().seed());
            assertThat(otherClient.adapterFrom(start, NOISE)).isNotEqualTo(base.adapterFrom(start, NOISE));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 8, 16})
    void updateKeepsLayoutAndRanksAndChangesAandB(int rank) {
        // Prepare
        Adapter start = SyntheticAdapters.miniLmQueryValue(rank, rank);

        // Execute
        TrainingOutcome outcome = CostModelTrainer.miniLm(3).train(job(9, 1, start, 4));
        Adapter trained = outcome.adapterFrom(start, NOISE);

        // Assert
        assertThat(trained.sameLayout(start)).isTrue();
        assertThat(outcome.update().scale()).isCloseTo(1e-3 * 2, within(1e-15)); // lr sqrt(4 steps)
        for (Map.Entry<String, LoraFactors> e : start.lora().entrySet()) {
            LoraFactors after = trained.lora().get(e.getKey());
            assertThat(after.rank()).isEqualTo(rank);
            assertThat(after.a()).isNotEqualTo(e.getValue().a());
            assertThat(after.b()).isNotEqualTo(e.getValue().b());
            assertThat(after.alpha()).isEqualTo(e.getValue().alpha());
        }
        assertThat(trained.dense().get("head.weight").values()).isNotEqualTo(start.dense().get("head.weight").values());
    }

    @Test
    void lossFallsWithTheRoundsInExpectation() {
        // Prepare
        CostModelTrainer trainer = CostModelTrainer.miniLm(11);
        Adapter start = SyntheticAdapters.miniLmQueryValue(2, 1);
        double[] meanByRound = new double[6];

        // Execute: 200 clients per round, 10 steps each.
        for (int round = 0; round < meanByRound.length; round++) {
            double sum = 0;
            for (int client = 0; client < 200; client++) {
                sum += trainer.train(job(client, round, start, 10)).meanLoss();
            }
            meanByRound[round] = sum / 200;
        }

        // Assert: expected 0.25 + 0.443 exp(-(10 r + 4.5)/200) approximately; noise of the mean ~0.02/sqrt(2000).
        for (int round = 1; round < meanByRound.length; round++) {
            assertThat(meanByRound[round]).isLessThan(meanByRound[round - 1]);
        }
        assertThat(meanByRound[0]).isCloseTo(SyntheticLossCurve.DEFAULT.expected(4.5), within(0.01));
    }

    @Test
    void nonPositiveSpeedIsRejectedByName() {
        assertThatThrownBy(() -> new LocalTrainingJob(0, 0, SyntheticAdapters.tinyAdapter(), 5, 3, 0, 2, 3, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flopsPerSecond");
        assertThatThrownBy(() -> new LocalTrainingJob(0, 0, SyntheticAdapters.tinyAdapter(), 5, 3, 0, 2, 3, -1e9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("flopsPerSecond");
    }

    @Test
    void emptyAdapterIsRejected() {
        Adapter empty = new Adapter(Map.of(), Map.of());
        assertThatThrownBy(() -> new LocalTrainingJob(0, 0, empty, 5, 3, 0, 2, 3, 1e9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start adapter is empty");
    }

    @Test
    void negativeStepsEpochsAndBothZeroAreRejected() {
        Adapter a = SyntheticAdapters.tinyAdapter();
        assertThatThrownBy(() -> new LocalTrainingJob(0, 0, a, 5, -1, 0, 2, 3, 1e9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps must be >= 0");
        assertThatThrownBy(() -> new LocalTrainingJob(0, 0, a, 5, 0, -2, 2, 3, 1e9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("epochs must be >= 0");
        assertThatThrownBy(() -> new LocalTrainingJob(0, 0, a, 5, 0, 0, 2, 3, 1e9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one of steps and epochs");
        assertThatThrownBy(() -> new LocalTrainingJob(-1, 0, a, 5, 1, 0, 2, 3, 1e9))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client id");
    }

    @Test
    void negativeLearningRateAndNonMiniLmAdapterAreRejected() {
        assertThatThrownBy(() -> new CostModelTrainer(SyntheticAdapters.tinyConfig(), 0, -1, SyntheticLossCurve.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("synthetic learning rate");
        Adapter noHead = Adapter.ofLora(SyntheticAdapters.tinyAdapter().lora());
        CostModelTrainer trainer = new CostModelTrainer(SyntheticAdapters.tinyConfig(), 0, 1e-3,
                SyntheticLossCurve.DEFAULT);
        assertThatThrownBy(() -> trainer.train(new LocalTrainingJob(0, 0, noHead, 5, 1, 0, 2, 3, 1e9)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head.weight");
    }
}
