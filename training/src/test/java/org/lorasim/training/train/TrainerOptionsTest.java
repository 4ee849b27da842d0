package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.eval.Evaluator;
import org.lorasim.training.model.LoraSpec;

class TrainerOptionsTest {
    private static final List<Example> SHARD = TrainFixture.trainSample(16, 12);
    private static final Trainer TRAINER = new Trainer(TrainFixture.BASE);

    @AfterAll
    static void release() {
        TRAINER.close();
    }

    private static double distance(Adapter a, Adapter b) {
        float[] x = a.flatten();
        float[] y = b.flatten();
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += ((double) x[i] - y[i]) * ((double) x[i] - y[i]);
        }
        return Math.sqrt(sum);
    }

    /** {@code adapter} with every value moved by a N(0, sigma^2) draw. */
    private static Adapter perturbed(Adapter adapter, double sigma, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] flat = adapter.flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] += (float) (sigma * random.nextGaussian());
        }
        return adapter.withFlat(flat);
    }

    @Test
    void bothOptimisersFitASmallBatch() {
        // Prepare: 16 examples, the whole shard as the batch every step, query+value r4
        Adapter start = TRAINER.initialAdapter(LoraSpec.queryValue(4, 8), 2, 5);
        TrainingRequest.Builder base = TrainingRequest.builder(start, SHARD).steps(8).batchSize(16).maxLength(32).seed(5);

        // Execute
        TrainingResult adamW = TRAINER.train(base.optimizer(OptimizerSettings.adamW(5e-3, 0.01)).build());
        TrainingResult sgd = TRAINER.train(base.optimizer(OptimizerSettings.sgd(0.5, 0.9)).build());

        // Assert: the same batch's loss falls by over 10% under either optimiser
        System.out.printf("8 steps on one batch: AdamW %s%n  SGD %s%n", adamW.stepLosses(), sgd.stepLosses());
        assertThat(adamW.finalLoss()).isLessThan(0.9 * adamW.stepLosses().get(0));
        assertThat(sgd.finalLoss()).isLessThan(0.9 * sgd.stepLosses().get(0));
        assertThat(sgd.adapter().flatten()).isNotEqualTo(adamW.adapter().flatten());
    }

    @Test
    void aStrongProximalTermPullsTheAdapterToItsAnchor() {
        // Prepare: the anchor is a fresh adapter; training starts 0.05 per value away from it.
        // SGD with lr mu = 1 lands next to the anchor in one step: theta - lr (g + mu (theta - anchor))
        // = anchor - lr g
        Adapter anchor = TRAINER.initialAdapter(LoraSpec.queryValue(4, 8), 2, 6);
        Adapter start = perturbed(anchor, 0.05, 6);
        TrainingRequest.Builder base = TrainingRequest.builder(start, SHARD).steps(3).batchSize(8).maxLength(32)
                .optimizer(OptimizerSettings.sgd(0.1, 0)).seed(6);
        double startDistance = distance(start, anchor);

        // Execute
        TrainingResult free = TRAINER.train(base.build());
        TrainingResult pulled = TRAINER.train(base.proximal(10, anchor).build());
        TrainingResult pulledAdamW = TRAINER.train(base.optimizer(OptimizerSettings.adamW(1e-2, 0)).proximal(1e3, anchor)
                .steps(6).build());

        // Assert: without the term the adapter stays about as far as it started; with it, within 5% of that
        double freeDistance = distance(free.adapter(), anchor);
        double pulledDistance = distance(pulled.adapter(), anchor);
        double adamWDistance = distance(pulledAdamW.adapter(), anchor);
        System.out.printf("distance to anchor: start %.4f, mu=0 %.4f, SGD mu=10 %.4f, AdamW mu=1e3 %.4f%n",
                startDistance, freeDistance, pulledDistance, adamWDistance);
        assertThat(freeDistance).isGreaterThan(0.9 * startDistance);
        assertThat(pulledDistance).isLessThan(0.05 * startDistance);
        assertThat(adamWDistance).isLessThan(0.5 * startDistance);
    }

    @Test
    void epochsCoverTheShardAndCountExamples() {
        // Prepare: 16 examples, batch 6 -> 6 + 6 + 4 per epoch
        Adapter start = TRAINER.initialAdapter(LoraSpec.of(2, 4, "layer\\.5\\.attention\\.query"), 2, 7);

        // Execute
        TrainingResult r = TRAINER.train(TrainingRequest.builder(start, SHARD).epochs(2).batchSize(6).maxLength(16)
                .seed(7).build());

        // Assert: 2 epochs x 3 batches, 32 examples; backward counted only in layer 5
        assertThat(r.steps()).isEqualTo(6);
        assertThat(r.examplesSeen()).isEqualTo(32);
        assertThat(FlopModel.of(TrainFixture.BASE.config(), start).lowestAdaptedLayer()).isEqualTo(5);
    }

    @Test
    void zeroBFactorsLeaveTheModelExactlyTheBaseModel() {
        // Prepare: a fresh adapter (A random, B = 0) and the same head without any LoRA matrix
        Adapter withLora = TRAINER.initialAdapter(LoraSpec.queryValue(4, 8).plus("layer\\.\\d+\\.ffn\\.out", 2), 2, 8);
        Adapter headOnly = new Adapter(Map.of(), withLora.dense());
        List<String> texts = SHARD.stream().limit(8).map(Example::text).toList();

        try (Evaluator evaluator = new Evaluator(TrainFixture.BASE)) {
            // Execute
            float[][] adapted = evaluator.logits(withLora, texts, 8, 32, "fp32");
            float[][] plain = evaluator.logits(headOnly, texts, 8, 32, "fp32");

            // Assert: bit for bit
            assertThat(adapted).isDeepEqualTo(plain);
        }
    }

    @Test
    void requestsLeaveNoArraysBehind() {
        // Prepare: one request builds the slot's classifier
        Adapter start = TRAINER.initialAdapter(LoraSpec.queryValue(2, 4), 2, 10);
        TrainingRequest request = TrainingRequest.builder(start, SHARD).steps(4).batchSize(8).maxLength(16)
                .proximal(0.1, start).seed(10).build();
        TRAINER.train(request);
        int before = TrainFixture.BASE.weights().manager().getManagedArrays().size();

        // Execute: the same layout again, with optimiser state, proximal anchors and 4 steps of temporaries
        TRAINER.train(request.withSeed(11));

        // Assert: every array of the request and its steps was freed (a leaked gradient handle per
        // trainable array and step alone would add 4 x 26 here)
        assertThat(TrainFixture.BASE.weights().manager().getManagedArrays()).hasSize(before);
    }

    @Test
    void aDivergingRunStopsWithTheStepNamed() {
        // Prepare: SGD at an absurd rate
        Adapter start = TRAINER.initialAdapter(LoraSpec.queryValue(2, 4), 2, 9);
        TrainingRequest request = TrainingRequest.builder(start, SHARD).steps(6).batchSize(16).maxLength(16)
                .optimizer(OptimizerSettings.sgd(1e12, 0)).seed(9).build();

        // Execute / Assert
        assertThatThrownBy(() -> TRAINER.train(request)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("training diverged").hasMessageContaining("at step");
    }
}
