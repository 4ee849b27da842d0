package org.lorasim.actors.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.Trainer;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * Three tiny real training requests (3 steps of batch 4, max length 16, on the JVM's one shared MiniLM base)
 * and their results when trained directly, made once per JVM: what the slot tests compare a slot's
 * outcomes against, bit for bit.
 */
final class SlotFixture {
    static final Duration PATIENCE = Duration.ofSeconds(120);
    static final int STEPS = 3;
    static final int BATCH = 4;
    static final BaseModel BASE = SharedBaseModel.get();
    static final TrainingRequest REQUEST_A;
    static final TrainingRequest REQUEST_B;
    static final TrainingRequest REQUEST_C;
    static final TrainingResult DIRECT_A;
    static final TrainingResult DIRECT_B;
    static final TrainingResult DIRECT_C;

    static {
        List<Example> train = LanguageToolAcceptability.english().dataset().train();
        try (Trainer trainer = new Trainer(BASE)) {
            Adapter start = trainer.initialAdapter(LoraSpec.queryValue(2, 4), 2, 7);
            REQUEST_A = request(start, train.subList(0, 8), 11);
            REQUEST_B = request(start, train.subList(8, 16), 12);
            REQUEST_C = request(start, train.subList(16, 24), 13);
            DIRECT_A = trainer.train(REQUEST_A);
            DIRECT_B = trainer.train(REQUEST_B);
            DIRECT_C = trainer.train(REQUEST_C);
        }
    }

    private SlotFixture() {
    }

    static TrainingRequest request(Adapter start, List<Example> shard, long seed) {
        return TrainingRequest.builder(start, shard).steps(STEPS).batchSize(BATCH).maxLength(16)
                .optimizer(OptimizerSettings.adamW(1e-3, 0)).seed(seed).build();
    }

    static TrainerSlot.Trained trainedFrom(TestProbe<Clock.Command> clock, EventKey expectedKey) {
        Clock.WorkCompleted completed = clock.expectMessageClass(Clock.WorkCompleted.class, PATIENCE);
        assertThat(completed.key()).isEqualTo(expectedKey);
        assertThat(completed.result()).isInstanceOf(TrainerSlot.Trained.class);
        return (TrainerSlot.Trained) completed.result();
    }

    static void assertSameAsDirect(TrainerSlot.Trained trained, int clientId, TrainingResult direct) {
        assertThat(trained.clientId()).isEqualTo(clientId);
        assertThat(trained.adapter().flatten()).containsExactly(direct.adapter().flatten());
        assertThat(trained.adapter()).isEqualTo(direct.adapter());
        assertThat(trained.meanLoss()).isEqualTo(direct.meanLoss());
        assertThat(trained.flops()).isEqualTo(direct.flops());
        // 3 steps x batch 4 = 12 examples
        assertThat(trained.examples()).isEqualTo(12);
    }
}
