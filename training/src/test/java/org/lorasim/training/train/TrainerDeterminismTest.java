package org.lorasim.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.LoraSpec;

class TrainerDeterminismTest {
    private static final List<Example> SHARD = TrainFixture.trainSample(64, 11);

    private static TrainingRequest request(Trainer trainer, LoraSpec spec, long seed) {
        Adapter start = trainer.initialAdapter(spec, 2, seed);
        return TrainingRequest.builder(start, SHARD).steps(3).batchSize(8).learningRate(3e-3).maxLength(32)
                .loraDropout(0.1).seed(seed).build();
    }

    @Test
    void oneSeedGivesBitIdenticalAdaptersAcrossRunsTrainersAndLayoutChanges() {
        try (Trainer trainer = new Trainer(TrainFixture.BASE); Trainer fresh = new Trainer(TrainFixture.BASE)) {
            // Prepare: query+value r4 with LoRA dropout; a different layout in between (ffn.in r2)
            TrainingRequest first = request(trainer, LoraSpec.queryValue(4, 8), 21);
            TrainingRequest other = request(trainer, LoraSpec.of(2, 4, "layer\\.[0-2]\\.ffn\\.in"), 22);

            // Execute
            TrainingResult a = trainer.train(first);
            TrainingResult between = trainer.train(other);
            TrainingResult again = trainer.train(first);
            TrainingResult elsewhere = fresh.train(first);
            TrainingResult reseeded = fresh.train(first.withSeed(23));

            // Assert: bit-identical flattened adapters and losses; the other layout came back in its own layout;
            // another seed (other batches and dropout masks) gives another adapter
            assertThat(again.adapter().flatten()).isEqualTo(a.adapter().flatten());
            assertThat(elsewhere.adapter().flatten()).isEqualTo(a.adapter().flatten());
            assertThat(again.stepLosses()).isEqualTo(a.stepLosses());
            assertThat(between.adapter().sameLayout(other.adapter())).isTrue();
            assertThat(between.adapter().lora()).containsOnlyKeys("layer.0.ffn.in", "layer.1.ffn.in", "layer.2.ffn.in");
            assertThat(reseeded.adapter().flatten()).isNotEqualTo(a.adapter().flatten());
        }
    }

    @Test
    void twoTrainersOnTwoThreadsAtOnceMatchTheRunsOneAfterAnother() throws Exception {
        try (Trainer left = new Trainer(TrainFixture.BASE); Trainer right = new Trainer(TrainFixture.BASE)) {
            // Prepare: two different jobs, each first run alone
            TrainingRequest jobA = request(left, LoraSpec.queryValue(4, 8), 31);
            TrainingRequest jobB = request(right, LoraSpec.of(4, 8, "layer\\.\\d+\\.attention\\.value"), 32);
            TrainingResult aloneA = left.train(jobA);
            TrainingResult aloneB = right.train(jobB);

            // Execute: both at once, each on its own thread, started together
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                Future<TrainingResult> a = pool.submit(() -> {
                    go.await();
                    return left.train(jobA);
                });
                Future<TrainingResult> b = pool.submit(() -> {
                    go.await();
                    return right.train(jobB);
                });
                go.countDown();

                // Assert: bit-identical to the sequential runs
                assertThat(a.get().adapter().flatten()).isEqualTo(aloneA.adapter().flatten());
                assertThat(b.get().adapter().flatten()).isEqualTo(aloneB.adapter().flatten());
                assertThat(a.get().stepLosses()).isEqualTo(aloneA.stepLosses());
            } finally {
                pool.shutdown();
            }
        }
    }
}
