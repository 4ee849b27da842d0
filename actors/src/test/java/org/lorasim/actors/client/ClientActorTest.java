package org.lorasim.actors.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.aggregator.AggregatorActor;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.ClockSettings;
import org.lorasim.actors.clock.EventOutbox;
import org.lorasim.actors.link.LinkActor;
import org.lorasim.actors.link.LinkId;
import org.lorasim.actors.link.LinkModel;
import org.lorasim.actors.profile.DeviceProfile;
import org.lorasim.actors.run.InitialAdapters;
import org.lorasim.actors.run.RunEvent;
import org.lorasim.actors.run.RunSettings;
import org.lorasim.actors.systemonly.CostModelTrainer;
import org.lorasim.actors.trainer.TrainerSlots;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.centralized.ClientInstruction;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.train.OptimizerSettings;

/**
 * One client on the real clock: it trains with the FAKE cost model (durations from the FLOP model), uploads
 * over a real link of 1 MB/s and no latency (1,000 bytes of overhead plus the start adapter's byte size, 1 ms
 * per 1,000 bytes) to a recording stand-in for the aggregator.
 */
class ClientActorTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create("client-test",
            com.typesafe.config.ConfigFactory.load("application-test"));
    private static final long MS = 1_000_000L;
    private static final long SCENARIO = 1;
    private static final Adapter START = InitialAdapters.synthetic(MiniLmConfig.allMiniLmL6V2(),
            new RunSettings.Model(4, 8, List.of("query", "value"), "fp32"), 2, 7);
    /** Link time of an upload from {@link #START}: 1,000 bytes of overhead plus the adapter's, at 1 MB/s. */
    private static final long UPLOAD = uploadNanos(START);
    private static final TrainingDurations DURATIONS = new TrainingDurations(CostModelTrainer.miniLm(0), 8, 32);
    private static final DeviceProfile DEVICE = new DeviceProfile(1e12, 1L << 30, 1e6, 1e6, 0, false);

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    /** The aggregator's stand-in: writes "time message" and acknowledges at once. */
    private static Behavior<Clock.Delivered> recorder(List<String> log) {
        return Behaviors.receive((context, delivered) -> {
            for (Object message : delivered.messages()) {
                log.add(delivered.time() + " " + describe(message));
            }
            delivered.replyTo().tell(new Clock.Handled(delivered.deliveryId(), List.of()));
            return Behaviors.same();
        });
    }

    private static String describe(Object message) {
        if (message instanceof AggregatorActor.Submit s) {
            return "submit client " + s.clientId() + " round " + s.round() + " examples " + s.numExamples()
                    + (s.synthetic() != null ? " synthetic" : " adapter");
        }
        if (message instanceof AggregatorActor.Fail f) {
            return "fail client " + f.clientId() + " round " + f.round();
        }
        return message.toString();
    }

    private record Rig(ActorRef<Clock.Command> clock, ActorRef<Clock.Delivered> client,
                       ActorRef<Clock.Delivered> aggregator, List<String> log, EventOutbox scenario,
                       TestProbe<RunEvent> events) {
        List<String> run() {
            TestProbe<Clock.RunOutcome> outcome = TEST_KIT.createTestProbe();
            clock.tell(scenario.toSchedule());
            clock.tell(new Clock.Run(outcome.ref()));
            assertThat(outcome.receiveMessage(Duration.ofSeconds(20))).isInstanceOf(Clock.WentIdle.class);
            return List.copyOf(log);
        }

        void at(long time, Object message) {
            scenario.deliver(time, client, message);
        }

        void instruct(long time, int round) {
            at(time, new AggregatorActor.Instruct(round, new ClientInstruction(3, START, 0, null, 2), aggregator));
        }
    }

    private static Rig rig(LocalTraining training) {
        List<String> log = new CopyOnWriteArrayList<>();
        ActorRef<Clock.Command> clock = TEST_KIT.spawn(Clock.create(ClockSettings.virtual()));
        ActorRef<Clock.Delivered> aggregator = TEST_KIT.spawn(recorder(log));
        ActorRef<Clock.Delivered> uplink = TEST_KIT.spawn(LinkActor.create(new LinkId("client-3-up", 20, 3, -1),
                new LinkModel(1_000_000, 0, 0, 0), new java.util.SplittableRandom(1), List.of()));
        TestProbe<RunEvent> events = TEST_KIT.createTestProbe();
        ActorRef<Clock.Delivered> client = TEST_KIT.spawn(ClientActor.create(new ClientActor.Setup(3, DEVICE, List.of(),
                50, training, uplink, 1_000, 10, events.ref())));
        return new Rig(clock, client, aggregator, log, new EventOutbox(SCENARIO), events);
    }

    private static long uploadNanos(Adapter start) {
        return (1_000 + start.byteSize()) * 1_000L;
    }

    private static LocalTraining costModel() {
        return new CostModelTraining(CostModelTrainer.miniLm(0), DURATIONS);
    }

    private static long trainingNanos(double flops) {
        TrainingJob job = new TrainingJob(3, 0, START, 0, null, 2, "fp32", List.of(), 50, flops);
        return DURATIONS.nanos(job);
    }

    @Test
    void anInstructionIsTrainedThenUploadedOverTheLink() {
        // Prepare
        Rig rig = rig(costModel());
        rig.instruct(0, 0);

        // Execute
        List<String> log = rig.run();

        // Assert: arrival = training time + (1,000 + the adapter's bytes) at 1 MB/s
        assertThat(log).containsExactly((trainingNanos(1e12) + UPLOAD) + " submit client 3 round 0 examples 50 synthetic");
    }

    @Test
    void aSlowedDownClientTakesFactorTimesLongerToTrain() {
        // Prepare
        Rig rig = rig(costModel());
        rig.at(0, new ClientActor.SlowDown(4));
        rig.instruct(0, 0);

        // Execute
        List<String> log = rig.run();

        // Assert
        assertThat(log).containsExactly((trainingNanos(0.25e12) + UPLOAD) + " submit client 3 round 0 examples 50 synthetic");
        assertThat(rig.events().receiveMessage().kind()).isEqualTo("client-slowed");
    }

    @Test
    void aClientThatCrashesWhileTrainingAnswersNothingUntilItRecoversAndIsAskedAgain() {
        // Prepare: crash 1 ms into round 0's training, recover later, round 1 asked after the recovery
        Rig rig = rig(costModel());
        long t = trainingNanos(1e12);
        rig.instruct(0, 0);
        rig.at(MS, new ClientActor.Crash(false));
        rig.at(2 * t, new ClientActor.Recover());
        rig.instruct(3 * t, 1);

        // Execute
        List<String> log = rig.run();

        // Assert: round 0's outcome was dropped; round 1 is answered
        assertThat(log).containsExactly((3 * t + t + UPLOAD) + " submit client 3 round 1 examples 50 synthetic");
        assertThat(rig.events().receiveMessage().kind()).isEqualTo("client-crashed");
        assertThat(rig.events().receiveMessage().kind()).isEqualTo("client-recovered");
    }

    @Test
    void anInstructionThatArrivesWhileTrainingWaitsAndANewerOneReplacesIt() {
        // Prepare: rounds 1 and 2 arrive while round 0 trains; round 1 is given up for round 2
        Rig rig = rig(costModel());
        long t = trainingNanos(1e12);
        rig.instruct(0, 0);
        rig.instruct(MS, 1);
        rig.instruct(2 * MS, 2);

        // Execute
        List<String> log = rig.run();

        // Assert: round 2 trains from t to 2t; its upload waits for the link (FIFO) to finish round 0's
        assertThat(log).containsExactly((t + UPLOAD) + " submit client 3 round 0 examples 50 synthetic",
                (Math.max(2 * t, t + UPLOAD) + UPLOAD) + " submit client 3 round 2 examples 50 synthetic");
    }

    @Test
    void aTrainingThatCannotStartIsReportedAsAFailureValue() {
        // Prepare: real slot training of an adapter without a classifier head fails before any slot is asked
        TestProbe<TrainerSlots.Command> slots = TEST_KIT.createTestProbe();
        TestProbe<Clock.Command> unusedClock = TEST_KIT.createTestProbe();
        Rig rig = rig(new SlotTraining(slots.ref(), unusedClock.ref(), new SlotTraining.Options(8, 32,
                OptimizerSettings.adamW(1e-3, 0), 0), DURATIONS, 0));
        Adapter headless = new Adapter(START.lora(), Map.of("bias", DenseTensor.zeros(2)));
        rig.at(0, new AggregatorActor.Instruct(0, new ClientInstruction(3, headless, 0, null, 2), rig.aggregator()));

        // Execute
        List<String> log = rig.run();

        // Assert
        assertThat(log).containsExactly(uploadNanos(headless) + " fail client 3 round 0");
        assertThat(rig.events().receiveMessage().kind()).isEqualTo("training-failed");
        slots.expectNoMessage(Duration.ofMillis(100));
    }
}
