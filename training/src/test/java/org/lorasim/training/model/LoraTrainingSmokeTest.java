package org.lorasim.training.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.training.djl.DjlEngine;

class LoraTrainingSmokeTest {
    private static final List<String> SENTENCES = List.of(
            "A man is eating food.", "The children ate their soup.", "She cooked pasta for dinner.",
            "He drank a glass of milk.", "A cheetah is running behind its prey.", "The new movie is awesome.",
            "The car would not start this morning.", "Rain is expected over the weekend.");
    private static final float[] LABELS = {1, 1, 1, 1, 0, 0, 0, 0};

    private static Map<String, Integer> frozenHashes() {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String name : MiniLmFixture.WEIGHTS.names()) {
            out.put(name, Arrays.hashCode(MiniLmFixture.WEIGHTS.get(name).toFloatArray()));
        }
        return out;
    }

    /** Runs {@code steps} AdamW steps (lr 5e-3, whole batch) and returns {initial adapter, trained adapter}. */
    private static Adapter[] train(LoraSpec spec, int steps, long seed, List<Float> losses) {
        TokenBatch batch = MiniLmFixture.TOKENIZER.encode(SENTENCES);
        try (SentenceClassifier classifier = new SentenceClassifier(
                new BertEncoder(MiniLmFixture.WEIGHTS, spec, new SplittableRandom(seed)), 2,
                new SplittableRandom(seed + 1));
             Model model = Model.newInstance("smoke", Device.cpu(), DjlEngine.ENGINE_NAME)) {
            classifier.encoder().setDropoutRandom(new SplittableRandom(seed + 2));
            model.setBlock(classifier);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.adamW().optLearningRateTracker(Tracker.fixed(5e-3f)).build())
                    .optDevices(new Device[] {Device.cpu()});
            Adapter initial = classifier.toAdapter();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(batch.batch(), batch.length()), new Shape(batch.batch(), batch.length()));
                long start = System.nanoTime();
                for (int step = 0; step < steps; step++) {
                    try (NDManager m = trainer.getManager().newSubManager()) {
                        NDList inputs = batch.toNDList(m);
                        NDArray labels = m.create(LABELS).toType(DataType.INT64, false);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDArray loss = trainer.getLoss().evaluate(new NDList(labels), trainer.forward(inputs));
                            losses.add(loss.getFloat());
                            gc.backward(loss);
                        }
                        trainer.step();
                    }
                }
                System.out.printf("%d LoRA steps (batch %d x %d): %.0f ms/step, loss %s%n", steps, batch.batch(),
                        batch.length(), (System.nanoTime() - start) / (steps * 1e6), losses);
            }
            return new Adapter[] {initial, classifier.toAdapter()};
        }
    }

    @Test
    void adamWOnLoraAndHeadLowersTheLossAndLeavesTheBaseUntouched() {
        // Prepare: LoRA r = 4 on query and value, a 2-class head
        Map<String, Integer> before = frozenHashes();
        float[] queryWeightBefore = MiniLmFixture.WEIGHTS.get("encoder.layer.3.attention.self.query.weight")
                .toFloatArray();
        List<Float> losses = new ArrayList<>();

        // Execute
        Adapter[] adapters = train(LoraSpec.queryValue(4, 8), 12, 31, losses);

        // Assert: the loss falls (a 2-class head starts near ln 2 = 0.69), every frozen tensor is
        // bit-identical, and the trained values are the LoRA factors and the head
        Adapter initial = adapters[0];
        Adapter trained = adapters[1];
        assertThat(losses).allMatch(Float::isFinite);
        assertThat(losses.get(losses.size() - 1)).isLessThan(0.5f * losses.get(0));
        assertThat(frozenHashes()).isEqualTo(before);
        assertThat(MiniLmFixture.WEIGHTS.get("encoder.layer.3.attention.self.query.weight").toFloatArray())
                .isEqualTo(queryWeightBefore);
        assertThat(trained.sameLayout(initial)).isTrue();
        LoraFactors b0 = trained.factors("layer.0.attention.value");
        assertThat(b0.b()).isNotEqualTo(new float[b0.b().length]);
        assertThat(trained.dense().get(SentenceClassifier.HEAD_WEIGHT))
                .isNotEqualTo(initial.dense().get(SentenceClassifier.HEAD_WEIGHT));
    }

    @Test
    void trainingWithDropoutIsRepeatableFromItsSeeds() {
        // Prepare: LoRA dropout 0.1, mixed ranks
        LoraSpec spec = LoraSpec.of(2, 4, ".*\\.attention\\.query").plus(".*\\.ffn\\.out", 6).withDropout(0.1);

        // Execute: the same seeds twice, then other seeds
        List<Float> firstLosses = new ArrayList<>();
        List<Float> againLosses = new ArrayList<>();
        Adapter first = train(spec, 3, 7, firstLosses)[1];
        Adapter again = train(spec, 3, 7, againLosses)[1];
        Adapter other = train(spec, 3, 70, new ArrayList<>())[1];

        // Assert
        assertThat(again).isEqualTo(first);
        assertThat(againLosses).isEqualTo(firstLosses);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void classifierAdapterRoundTripsAndRejectsAWrongHead() {
        try (SentenceClassifier classifier = new SentenceClassifier(
                new BertEncoder(MiniLmFixture.WEIGHTS, LoraSpec.queryValue(2, 4), new SplittableRandom(1)), 3,
                new SplittableRandom(2))) {
            // Prepare
            Adapter start = classifier.toAdapter();
            float[] flat = start.flatten();
            for (int i = 0; i < flat.length; i++) {
                flat[i] += 0.001f * (i % 7);
            }
            Adapter changed = start.withFlat(flat);

            // Execute
            classifier.loadAdapter(changed);

            // Assert: 12 matrices x r 2 x (384 + 384) + head 3 x 384 + 3 = 18,432 + 1,155 values
            assertThat(classifier.toAdapter()).isEqualTo(changed);
            assertThat(changed.parameterCount()).isEqualTo(18_432 + 1_155);
            Adapter wrongHead = changed.withDense(Map.of(SentenceClassifier.HEAD_WEIGHT, DenseTensor.zeros(2, 384),
                    SentenceClassifier.HEAD_BIAS, DenseTensor.zeros(2)));
            assertThatThrownBy(() -> classifier.loadAdapter(wrongHead))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("head shapes [2, 384] / [2]");
        }
    }
}
