package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.MiniLmFixture;

class ImportanceScorerTest {
    private static final List<Example> SHARD = TrainFixture.trainSample(32, 13);

    @Test
    void scoresEveryMatrixFinitePositiveAndDistinctWithoutTouchingTheBase() {
        // Prepare
        Adapter adapter;
        try (Trainer trainer = new Trainer(TrainFixture.BASE)) {
            adapter = trainer.initialAdapter(LoraSpec.queryValue(4, 8), 2, 3);
        }
        ImportanceScorer scorer = new ImportanceScorer(TrainFixture.BASE);
        String query = BaseMatrices.weightName("layer.0.attention.query");
        float[] queryBefore = MiniLmFixture.WEIGHTS.get(query).toFloatArray();

        // Execute: 2 batches of 8, all 36 matrices; then two of them alone with the same batches
        Map<String, Double> all = scorer.score(adapter, SHARD, List.of(), 2, 8, 32, 4);
        Map<String, Double> two = scorer.score(adapter, SHARD, List.of("layer.3.ffn.in", "layer.0.attention.value"),
                2, 8, 32, 4);

        // Assert
        System.out.println("importance: " + all);
        assertThat(all).hasSize(36).containsOnlyKeys(BaseMatrices.matrixNames(TrainFixture.BASE.config()));
        assertThat(all.values()).allMatch(v -> Double.isFinite(v) && v > 0);
        assertThat(all.values().stream().distinct().count()).isEqualTo(36);
        assertThat(two).containsOnlyKeys("layer.0.attention.value", "layer.3.ffn.in");
        assertThat(two.get("layer.3.ffn.in")).isCloseTo(all.get("layer.3.ffn.in"), within(1e-5 * all.get("layer.3.ffn.in")));
        assertThat(MiniLmFixture.WEIGHTS.get(query).toFloatArray()).isEqualTo(queryBefore);
        assertThat(MiniLmFixture.WEIGHTS.get(query).hasGradient()).isFalse();
    }

    @Test
    void rejectsUnknownMatricesAndEmptyData() {
        ImportanceScorer scorer = new ImportanceScorer(TrainFixture.BASE);
        Adapter adapter;
        try (Trainer trainer = new Trainer(TrainFixture.BASE)) {
            adapter = trainer.initialAdapter(LoraSpec.queryValue(2, 4), 2, 3);
        }
        assertThatThrownBy(() -> scorer.score(adapter, SHARD, List.of("layer.0.attention.q"), 1, 4, 16, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'layer.0.attention.q'");
        assertThatThrownBy(() -> scorer.score(adapter, List.of(), List.of(), 1, 4, 16, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("examples");
        assertThatThrownBy(() -> scorer.score(adapter, SHARD, List.of(), 0, 4, 16, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batches");
    }
}
