package org.lorasim.actors.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lorasim.actors.gossip.GossipFixtures.MS;
import static org.lorasim.actors.gossip.GossipFixtures.S;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.client.SlotTraining;
import org.lorasim.actors.client.TrainingDurations;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.trainer.SharedBaseModel;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.actors.trainer.TrainerSlotsSettings;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.gossip.Topologies;
import org.lorasim.training.data.Example;
import org.lorasim.training.data.LanguageToolAcceptability;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.Trainer;

/**
 * One tiny real Dec-LoRA run: 4 nodes on a ring, 2 iterations of 2 local AdamW steps (batch 4, length 16) with
 * DJL on two trainer slots over the shared MiniLM base, 8 English acceptability examples per node.
 */
class GossipRealTrainingTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void realTrainingChangesEveryAdapterAndTheNodesStayComparable() {
        // Prepare
        BaseModel base = SharedBaseModel.get();
        Adapter initial;
        try (Trainer trainer = new Trainer(base)) {
            initial = trainer.initialAdapter(LoraSpec.queryValue(2, 4), 2, 7);
        }
        List<Example> train = LanguageToolAcceptability.english().dataset().train();
        List<GossipNetwork.NodeProfile> profiles = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            profiles.add(new GossipNetwork.NodeProfile(1e12, train.subList(8 * i, 8 * i + 8), 8));
        }
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        ActorRef<TrainerSlots.Command> slots = TEST_KIT.spawn(TrainerSlots.create(new TrainerSlotsSettings(2), base));
        SlotTraining training = new SlotTraining(slots, clock,
                new SlotTraining.Options(4, 16, OptimizerSettings.adamW(1e-3, 0), 0.0),
                new TrainingDurations(CostModelTrainer.miniLm(21), 4, 16), 21);
        NetworkRun run = new NetworkRun(TEST_KIT, clock, Topologies.ring(4), GossipNetwork.Spec.common(initial),
                training, (from, to) -> new LinkModel(10_000_000L, 20 * MS, 0, 0.0),
                GossipSettings.synchronous(2, 2, 10 * S, 21), profiles);

        // Execute
        run.run();
        List<RoundRecord> rounds = run.rounds(false);
        List<GossipNode.IterationFinished> reports = run.observer.of(GossipNode.IterationFinished.class);

        // Assert
        assertThat(rounds).hasSize(2).allSatisfy(r -> {
            assertThat(r.participants()).isEqualTo(4);
            assertThat(r.consensusDistance()).isFinite().isPositive();
            assertThat(r.trainLoss()).isFinite().isPositive();
            assertThat(r.synthetic()).isFalse();
        });
        assertThat(reports).hasSize(8).allSatisfy(f -> {
            assertThat(f.adapter().sameLayout(initial)).isTrue();
            assertThat(f.adapter()).isNotEqualTo(initial);
            assertThat(f.missing()).isEmpty();
        });
    }
}
