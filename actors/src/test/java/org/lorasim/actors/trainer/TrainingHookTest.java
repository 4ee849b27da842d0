package org.lorasim.actors.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lorasim.actors.trainer.SlotFixture.PATIENCE;
import static org.lorasim.actors.trainer.SlotFixture.assertSameAsDirect;
import static org.lorasim.actors.trainer.SlotFixture.trainedFrom;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/** A slot's {@link TrainingHook}: it sees every outcome before the clock does, and cannot change one. */
class TrainingHookTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final BaseModel base = SlotFixture.BASE;
    private static final TrainingRequest requestA = SlotFixture.REQUEST_A;
    private static final TrainingRequest requestB = SlotFixture.REQUEST_B;
    private static final TrainingRequest requestC = SlotFixture.REQUEST_C;
    private static final TrainingResult directA = SlotFixture.DIRECT_A;
    private static final TrainingResult directC = SlotFixture.DIRECT_C;

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void theHookSeesEveryOutcomeAfterTrainingAndBeforeTheClockDoes() {
        // Prepare: the hook records (slot, client, outcome) after each training; the second request fails
        // before training (client 6), so the hook sees one Trained and one TrainingFailed.
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        TrainingHook hook = new TrainingHook() {
            @Override
            public void beforeTraining(int slotNumber, TrainerSlot.Train train) {
                if (train.clientId() == 6) {
                    throw new IllegalStateException("device lost");
                }
            }

            @Override
            public void afterTraining(int slotNumber, TrainerSlot.Train train, TrainerSlot.Outcome outcome) {
                seen.add(slotNumber + ":" + train.clientId() + ":" + outcome.getClass().getSimpleName());
            }
        };
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(2, base, hook));
        EventKey first = new EventKey(0, 5, 0);
        EventKey second = new EventKey(0, 6, 0);

        // Execute
        slot.tell(new TrainerSlot.Train(5, requestA, first, clock.ref()));
        TrainerSlot.Trained trained = trainedFrom(clock, first);
        List<String> seenWhenTheClockHadTheFirst = List.copyOf(seen);
        slot.tell(new TrainerSlot.Train(6, requestB, second, clock.ref()));
        Clock.WorkCompleted failed = clock.expectMessageClass(Clock.WorkCompleted.class, PATIENCE);

        // Assert
        assertSameAsDirect(trained, 5, directA);
        assertThat(seenWhenTheClockHadTheFirst).containsExactly("2:5:Trained");
        assertThat(failed.result()).isInstanceOf(TrainerSlot.TrainingFailed.class);
        assertThat(seen).containsExactly("2:5:Trained", "2:6:TrainingFailed");
        TEST_KIT.stop(slot);
    }

    @Test
    void aHookThatThrowsAfterTrainingLeavesTheOutcomeAsItWas() {
        // Prepare
        TrainingHook throwing = new TrainingHook() {
            @Override
            public void beforeTraining(int slotNumber, TrainerSlot.Train train) {
            }

            @Override
            public void afterTraining(int slotNumber, TrainerSlot.Train train, TrainerSlot.Outcome outcome) {
                throw new IllegalStateException("profiler broke");
            }
        };
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(0, base, throwing));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(0, 8, 0);

        // Execute
        slot.tell(new TrainerSlot.Train(8, requestC, key, clock.ref()));

        // Assert
        assertSameAsDirect(trainedFrom(clock, key), 8, directC);
        TEST_KIT.stop(slot);
    }
}
