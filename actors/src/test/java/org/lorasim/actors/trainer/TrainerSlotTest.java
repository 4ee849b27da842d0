package org.lorasim.actors.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lorasim.actors.trainer.SlotFixture.BATCH;
import static org.lorasim.actors.trainer.SlotFixture.PATIENCE;
import static org.lorasim.actors.trainer.SlotFixture.STEPS;
import static org.lorasim.actors.trainer.SlotFixture.assertSameAsDirect;
import static org.lorasim.actors.trainer.SlotFixture.trainedFrom;

import com.typesafe.config.ConfigFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.training.train.BaseModel;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingRequest;
import org.lorasim.training.train.TrainingResult;

/**
 * Trainer slots with real DJL training at tiny sizes (3 steps of batch 4, max length 16) on the JVM's one
 * shared MiniLM base: results equal direct training bit for bit, two slots train at once, failures are values.
 */
class TrainerSlotTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static BaseModel base;
    private static TrainingRequest requestA;
    private static TrainingRequest requestB;
    private static TrainingRequest requestC;
    private static TrainingResult directA;
    private static TrainingResult directB;
    private static TrainingResult directC;

    @BeforeAll
    static void trainDirectly() {
        base = SlotFixture.BASE;
        requestA = SlotFixture.REQUEST_A;
        requestB = SlotFixture.REQUEST_B;
        requestC = SlotFixture.REQUEST_C;
        directA = SlotFixture.DIRECT_A;
        directB = SlotFixture.DIRECT_B;
        directC = SlotFixture.DIRECT_C;
    }

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void trainRequestReportsToTheClockWhatDirectTrainingGives() {
        // Prepare
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(0, base));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(5_000_000_000L, 42, 0);

        // Execute
        slot.tell(new TrainerSlot.Train(42, requestA, key, clock.ref()));

        // Assert
        TrainerSlot.Trained trained = trainedFrom(clock, key);
        assertSameAsDirect(trained, 42, directA);
        assertThat(trained.adapter()).isNotEqualTo(requestA.adapter());
        TEST_KIT.stop(slot);
    }

    @Test
    void twoSlotsTrainAtOnceAndAThirdRequestWaitsInThePoolForTheFirstSlotToFinish() throws InterruptedException {
        // Prepare: every training waits at the hook until the test releases it, after both slots entered it.
        CountDownLatch bothEntered = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        TrainingHook hook = (slotNumber, train) -> {
            bothEntered.countDown();
            if (!release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        };
        ActorRef<TrainerSlots.Command> pool = TEST_KIT.spawn(
                TrainerSlots.create(new TrainerSlotsSettings(2), base, hook));
        TestProbe<TrainerSlot.Event> events = TEST_KIT.createTestProbe();
        TestProbe<TrainerSlots.Loads> loads = TEST_KIT.createTestProbe();
        TestProbe<Clock.Command> clockA = TEST_KIT.createTestProbe();
        TestProbe<Clock.Command> clockB = TEST_KIT.createTestProbe();
        TestProbe<Clock.Command> clockC = TEST_KIT.createTestProbe();
        EventKey keyA = new EventKey(10, 1, 0);
        EventKey keyB = new EventKey(10, 2, 0);
        EventKey keyC = new EventKey(20, 3, 0);
        pool.tell(new TrainerSlots.Subscribe(events.ref()));

        // Execute: A to slot 0, B to slot 1 (both idle), both inside training at once; C finds no idle slot.
        pool.tell(new TrainerSlot.Train(1, requestA, keyA, clockA.ref()));
        pool.tell(new TrainerSlot.Train(2, requestB, keyB, clockB.ref()));
        assertThat(bothEntered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        pool.tell(new TrainerSlot.Train(3, requestC, keyC, clockC.ref()));
        pool.tell(new TrainerSlots.GetLoads(loads.ref()));
        TrainerSlots.Loads whileBlocked = loads.expectMessageClass(TrainerSlots.Loads.class, PATIENCE);
        release.countDown();

        // Assert: neither slot finished before both had started; C waited in the pool, not in a slot, and
        // started on the slot that finished first.
        assertThat(whileBlocked).isEqualTo(new TrainerSlots.Loads(List.of(1, 1), 1));
        List<TrainerSlot.Event> seen = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            seen.add(events.expectMessageClass(TrainerSlot.Event.class, PATIENCE));
        }
        assertThat(seen.subList(0, 2)).containsExactlyInAnyOrder(new TrainerSlot.Started(0, 1, keyA, 0),
                new TrainerSlot.Started(1, 2, keyB, 0));
        TrainerSlot.Event firstFinished = seen.stream().filter(e -> e instanceof TrainerSlot.Finished)
                .findFirst().orElseThrow();
        TrainerSlot.Started startedC = new TrainerSlot.Started(firstFinished.slot(), 3, keyC, 0);
        assertThat(seen).contains(startedC);
        assertThat(seen.indexOf(startedC)).isGreaterThan(seen.indexOf(firstFinished));
        assertThat(seen).filteredOn(e -> e instanceof TrainerSlot.Finished).hasSize(3)
                .allSatisfy(e -> assertThat(((TrainerSlot.Finished) e).waiting()).isZero());
        assertSameAsDirect(trainedFrom(clockA, keyA), 1, directA);
        assertSameAsDirect(trainedFrom(clockB, keyB), 2, directB);
        assertSameAsDirect(trainedFrom(clockC, keyC), 3, directC);
        pool.tell(new TrainerSlots.GetLoads(loads.ref()));
        assertThat(loads.expectMessageClass(TrainerSlots.Loads.class, PATIENCE))
                .isEqualTo(new TrainerSlots.Loads(List.of(0, 0), 0));
        TEST_KIT.stop(pool);
    }

    @Test
    void aSlowSlotDoesNotHoldRequestsWhileTheOtherSlotIsIdle() throws InterruptedException {
        // Prepare: client 1's training blocks slot 0 until the test releases it; the others train freely.
        CountDownLatch release = new CountDownLatch(1);
        TrainingHook hook = (slotNumber, train) -> {
            if (train.clientId() == 1 && !release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        };
        ActorRef<TrainerSlots.Command> pool = TEST_KIT.spawn(
                TrainerSlots.create(new TrainerSlotsSettings(2), base, hook));
        TestProbe<Clock.Command> clockA = TEST_KIT.createTestProbe();
        TestProbe<Clock.Command> others = TEST_KIT.createTestProbe();
        EventKey keyA = new EventKey(10, 1, 0);
        EventKey keyB = new EventKey(10, 2, 0);
        EventKey keyC = new EventKey(10, 3, 0);

        // Execute: A blocks slot 0, B goes to slot 1; C arrives while both are busy (dispatch at arrival to
        // the least-loaded slot would have queued it behind A on slot 0, the tie going to slot 0).
        pool.tell(new TrainerSlot.Train(1, requestA, keyA, clockA.ref()));
        pool.tell(new TrainerSlot.Train(2, requestB, keyB, others.ref()));
        pool.tell(new TrainerSlot.Train(3, requestC, keyC, others.ref()));

        // Assert: B and C are both trained (on slot 1) while A still holds slot 0.
        assertSameAsDirect(trainedFrom(others, keyB), 2, directB);
        assertSameAsDirect(trainedFrom(others, keyC), 3, directC);
        release.countDown();
        assertSameAsDirect(trainedFrom(clockA, keyA), 1, directA);
        TEST_KIT.stop(pool);
    }

    @Test
    void anAdapterThatDoesNotFitTheModelIsATrainingFailedAndTheSlotTrainsOn() {
        // Prepare: rename one LoRA matrix to a name the base model does not have.
        Map<String, LoraFactors> lora = new TreeMap<>(requestA.adapter().lora());
        String first = lora.keySet().iterator().next();
        lora.put("no.such.matrix", lora.remove(first));
        TrainingRequest bad = requestA.withAdapter(new Adapter(lora, requestA.adapter().dense()));
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(0, base));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        TestProbe<TrainerSlot.QueueLength> queue = TEST_KIT.createTestProbe();
        EventKey badKey = new EventKey(1, 9, 0);
        EventKey goodKey = new EventKey(2, 9, 1);

        // Execute
        slot.tell(new TrainerSlot.Train(9, bad, badKey, clock.ref()));
        slot.tell(new TrainerSlot.Train(9, requestA, goodKey, clock.ref()));

        // Assert
        Clock.WorkCompleted failed = clock.expectMessageClass(Clock.WorkCompleted.class, PATIENCE);
        assertThat(failed.key()).isEqualTo(badKey);
        assertThat(failed.result()).isInstanceOfSatisfying(TrainerSlot.TrainingFailed.class, f -> {
            assertThat(f.clientId()).isEqualTo(9);
            assertThat(f.reason()).startsWith("IllegalArgumentException").contains("no.such.matrix");
        });
        assertSameAsDirect(trainedFrom(clock, goodKey), 9, directA);
        slot.tell(new TrainerSlot.GetQueue(queue.ref()));
        assertThat(queue.expectMessageClass(TrainerSlot.QueueLength.class, PATIENCE))
                .isEqualTo(new TrainerSlot.QueueLength(0, 0, 0));
        TEST_KIT.stop(slot);
    }

    @Test
    void queuedRequestsAreCountedAndTrainedInArrivalOrder() throws InterruptedException {
        // Prepare: the first training waits at the hook until the queue has been read.
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TrainingHook hook = (slotNumber, train) -> {
            entered.countDown();
            if (!release.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        };
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(1, base, hook));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        TestProbe<TrainerSlot.QueueLength> queue = TEST_KIT.createTestProbe();
        TestProbe<TrainerSlot.Event> events = TEST_KIT.createTestProbe();
        EventKey keyB = new EventKey(7, 2, 0);
        EventKey keyA = new EventKey(3, 1, 0);
        slot.tell(new TrainerSlot.Subscribe(events.ref()));

        // Execute: B arrives first although its completion comes later in simulated time.
        slot.tell(new TrainerSlot.Train(2, requestB, keyB, clock.ref()));
        slot.tell(new TrainerSlot.Train(1, requestA, keyA, clock.ref()));
        assertThat(entered.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
        slot.tell(new TrainerSlot.GetQueue(queue.ref()));
        TrainerSlot.QueueLength whileBlocked = queue.expectMessageClass(TrainerSlot.QueueLength.class, PATIENCE);
        release.countDown();

        // Assert: B trains, A waits (1 waiting + 1 training = 2); outcomes in arrival order.
        assertThat(whileBlocked).isEqualTo(new TrainerSlot.QueueLength(1, 1, 1));
        assertThat(whileBlocked.total()).isEqualTo(2);
        assertSameAsDirect(trainedFrom(clock, keyB), 2, directB);
        assertSameAsDirect(trainedFrom(clock, keyA), 1, directA);
        assertThat(List.of(events.receiveMessage(PATIENCE), events.receiveMessage(PATIENCE),
                events.receiveMessage(PATIENCE), events.receiveMessage(PATIENCE))).containsExactly(
                // B starts on arrival, before A is queued: 0 waiting; A is queued when B finishes: 1 waiting
                new TrainerSlot.Started(1, 2, keyB, 0),
                new TrainerSlot.Finished(1, 2, keyB, true, 1),
                new TrainerSlot.Started(1, 1, keyA, 0),
                new TrainerSlot.Finished(1, 1, keyA, true, 0));
        TEST_KIT.stop(slot);
    }

    @Test
    void aNonFiniteAdapterIsATrainingFailedNamingTheValue() {
        // Prepare: an adapter of NaN values, which the trainer refuses to load.
        float[] nan = new float[requestA.adapter().flatten().length];
        Arrays.fill(nan, Float.NaN);
        TrainingRequest diverging = requestA.withAdapter(requestA.adapter().withFlat(nan));
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(0, base));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(0, 5, 0);

        // Execute
        slot.tell(new TrainerSlot.Train(5, diverging, key, clock.ref()));

        // Assert
        Clock.WorkCompleted completed = clock.expectMessageClass(Clock.WorkCompleted.class, PATIENCE);
        assertThat(completed.result()).isInstanceOfSatisfying(TrainerSlot.TrainingFailed.class,
                f -> assertThat(f.reason()).isEqualTo("IllegalArgumentException: head.weight[0] is not finite: NaN"));
        TEST_KIT.stop(slot);
    }

    @Test
    void aDivergedLossIsATrainingFailedNamingTheStep() {
        // Prepare: SGD at learning rate 1e37 drives the head's weights past float range after one step.
        TrainingRequest diverging = TrainingRequest.builder(requestA.adapter(), requestA.examples()).steps(STEPS)
                .batchSize(BATCH).maxLength(16).optimizer(OptimizerSettings.sgd(1e37, 0)).seed(11).build();
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(0, base));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();

        // Execute
        slot.tell(new TrainerSlot.Train(6, diverging, new EventKey(0, 6, 0), clock.ref()));

        // Assert
        Clock.WorkCompleted completed = clock.expectMessageClass(Clock.WorkCompleted.class, PATIENCE);
        assertThat(completed.result()).isInstanceOfSatisfying(TrainerSlot.TrainingFailed.class,
                f -> assertThat(f.reason()).startsWith("IllegalStateException: training diverged"));
        TEST_KIT.stop(slot);
    }

    @Test
    void anExceptionBeforeTrainingIsATrainingFailedNamingIt() {
        // Prepare
        TrainingHook failing = (slotNumber, train) -> {
            throw new IllegalStateException("device lost");
        };
        ActorRef<TrainerSlot.Command> slot = TEST_KIT.spawn(TrainerSlot.create(3, base, failing));
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        TestProbe<TrainerSlot.Event> events = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(0, 4, 0);
        slot.tell(new TrainerSlot.Subscribe(events.ref()));

        // Execute
        slot.tell(new TrainerSlot.Train(4, requestA, key, clock.ref()));

        // Assert
        Clock.WorkCompleted completed = clock.expectMessageClass(Clock.WorkCompleted.class, PATIENCE);
        assertThat(completed.key()).isEqualTo(key);
        assertThat(completed.result()).isEqualTo(new TrainerSlot.TrainingFailed(4, "IllegalStateException: device lost"));
        assertThat(events.expectMessageClass(TrainerSlot.Event.class, PATIENCE))
                .isEqualTo(new TrainerSlot.Started(3, 4, key, 0));
        assertThat(events.expectMessageClass(TrainerSlot.Event.class, PATIENCE))
                .isEqualTo(new TrainerSlot.Finished(3, 4, key, false, 0));
        TEST_KIT.stop(slot);
    }

    @Test
    void theBaseModelIsLoadedOncePerJvmAndTheConfiguredPoolUsesIt() {
        // Prepare
        TestProbe<TrainerSlots.Loads> loads = TEST_KIT.createTestProbe();

        // Execute
        ActorRef<TrainerSlots.Command> pool = TEST_KIT.spawn(TrainerSlots.fromConfig());
        pool.tell(new TrainerSlots.GetLoads(loads.ref()));

        // Assert: reference.conf's count = 2 slots; still one load after the pool and the test got the model
        assertThat(loads.expectMessageClass(TrainerSlots.Loads.class, PATIENCE))
                .isEqualTo(new TrainerSlots.Loads(List.of(0, 0), 0));
        assertThat(SharedBaseModel.get()).isSameAs(base);
        assertThat(SharedBaseModel.loads()).isEqualTo(1);
        TEST_KIT.stop(pool);
    }

    @Test
    void settingsReadTheCountAndRejectANonPositiveOne() {
        // Prepare
        var three = ConfigFactory.parseString("lorasim.trainer-slots.count = 3");
        var zero = ConfigFactory.parseString("lorasim.trainer-slots.count = 0");

        // Execute, Assert
        assertThat(TrainerSlotsSettings.from(three)).isEqualTo(new TrainerSlotsSettings(3));
        assertThatThrownBy(() -> TrainerSlotsSettings.from(zero))
                .isInstanceOf(com.typesafe.config.ConfigException.class)
                .hasMessageContaining("lorasim.trainer-slots.count");
    }
}
