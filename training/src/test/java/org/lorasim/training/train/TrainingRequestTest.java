package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.SentenceClassifier;

class TrainingRequestTest {
    private static final List<Example> SHARD = List.of(new Example("She go to school.", 0),
            new Example("She goes to school.", 1));
    private static final Trainer TRAINER = new Trainer(TrainFixture.BASE);
    private static final Adapter ADAPTER = TRAINER.initialAdapter(LoraSpec.queryValue(2, 4), 2, 1);

    @AfterAll
    static void release() {
        TRAINER.close();
    }

    private static TrainingRequest.Builder valid() {
        return TrainingRequest.builder(ADAPTER, SHARD).steps(1).batchSize(2).maxLength(16);
    }

    private static Adapter withLora(String name, LoraFactors f) {
        Map<String, LoraFactors> lora = new TreeMap<>(ADAPTER.lora());
        lora.put(name, f);
        return new Adapter(lora, ADAPTER.dense());
    }

    @Test
    void defaultsAndShardsByIndex() {
        // Prepare / Execute
        TrainingRequest r = TrainingRequest.builder(ADAPTER, SHARD).build();
        List<Example> shard = TrainingRequest.shard(SHARD, new int[] {1, 1, 0});

        // Assert
        assertThat(r.epochs()).isEqualTo(1);
        assertThat(r.steps()).isZero();
        assertThat(r.optimizer().kind()).isEqualTo(OptimizerSettings.Kind.ADAMW);
        assertThat(r.basePrecision()).isEqualTo("fp32");
        assertThat(r.classes()).isEqualTo(2);
        assertThat(shard).containsExactly(SHARD.get(1), SHARD.get(1), SHARD.get(0));
        assertThatThrownBy(() -> TrainingRequest.shard(SHARD, new int[] {2}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("example index 2");
    }

    @Test
    void rejectsBadRequestsNamingTheProblem() {
        assertThatThrownBy(() -> TrainingRequest.builder(ADAPTER, List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("examples (the client's shard)");
        assertThatThrownBy(() -> valid().batchSize(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("batch size must be > 0, got 0");
        assertThatThrownBy(() -> valid().learningRate(Double.NaN).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("learning rate").hasMessageContaining("NaN");
        assertThatThrownBy(() -> valid().steps(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exactly one of steps and epochs");
        assertThatThrownBy(() -> valid().maxLength(1).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max length");
        assertThatThrownBy(() -> valid().proximal(0.1, null).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no anchor");
        Adapter otherLayout = TRAINER.initialAdapter(LoraSpec.queryValue(4, 8), 2, 1);
        assertThatThrownBy(() -> valid().proximal(0.1, otherLayout).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the proximal anchor");
        assertThatThrownBy(() -> valid().basePrecision("int3").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("int3");
        assertThatThrownBy(() -> TrainingRequest.builder(ADAPTER, List.of(new Example("x", 2))).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("label 2");
        Adapter noHead = Adapter.ofLora(ADAPTER.lora());
        TrainingRequest decoderShaped = TrainingRequest.builder(noHead, SHARD).steps(1).build();
        assertThat(decoderShaped.classes()).isZero();
        assertThatThrownBy(() -> TRAINER.train(decoderShaped))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(SentenceClassifier.HEAD_WEIGHT);
    }

    @Test
    void rejectsAdaptersThatDoNotFitTheModel() {
        // a layer the 6-layer model does not have
        Adapter layer7 = withLora("layer.7.attention.query", LoraFactors.zeros(2, 384, 384, 4, LoraScaling.STANDARD));
        assertThatThrownBy(() -> TRAINER.train(valid().steps(1).build().withAdapter(layer7)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("adapter matrix 'layer.7.attention.query' is not a matrix of the base model");
        // factors of the wrong input width
        Adapter narrow = withLora("layer.0.attention.query", LoraFactors.zeros(2, 100, 384, 4, LoraScaling.STANDARD));
        assertThatThrownBy(() -> TRAINER.train(valid().build().withAdapter(narrow)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factors for 'layer.0.attention.query' are r=2 384x100");
        // another alpha on one matrix
        Adapter mixed = withLora("layer.0.attention.query", LoraFactors.zeros(2, 384, 384, 8, LoraScaling.STANDARD));
        assertThatThrownBy(() -> TRAINER.train(valid().build().withAdapter(mixed)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one alpha and scaling");
        // a head for another hidden size
        Adapter wideHead = ADAPTER.withDense(Map.of(SentenceClassifier.HEAD_WEIGHT, DenseTensor.zeros(2, 768),
                SentenceClassifier.HEAD_BIAS, DenseTensor.zeros(2)));
        assertThatThrownBy(() -> TRAINER.train(valid().build().withAdapter(wideHead)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("head.weight has 768 columns");
    }
}
