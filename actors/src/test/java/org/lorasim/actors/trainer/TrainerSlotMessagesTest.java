package org.lorasim.actors.trainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.clock.Clock;
import org.lorasim.actors.clock.EventKey;
import org.lorasim.actors.serialization.KryoRoundTrip;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;
import org.lorasim.training.data.Example;
import org.lorasim.training.train.OptimizerSettings;
import org.lorasim.training.train.TrainingRequest;

/** The trainer slot protocol through Lorasim's Kryo serializer and back, without any training. */
class TrainerSlotMessagesTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final KryoRoundTrip ROUND_TRIP = new KryoRoundTrip(TEST_KIT.system());

    @AfterAll
    static void shutDown() {
        TEST_KIT.shutdownTestKit();
    }

    private static <T> T roundTrip(T value) {
        return ROUND_TRIP.roundTrip(value);
    }

    /** A random small classifier adapter: one rank-r LoRA matrix (in 3, out 3) and a 2 x 3 head. */
    private static Adapter randomAdapter(SplittableRandom random) {
        int rank = 1 + random.nextInt(2);
        float[] a = new float[rank * 3];
        float[] b = new float[3 * rank];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
        float[] head = new float[6];
        for (int i = 0; i < head.length; i++) {
            head[i] = (float) random.nextDouble(-1, 1);
        }
        return new Adapter(Map.of("layer.0.attention.query", new LoraFactors(rank, 3, 3, a, b, 2.0, LoraScaling.STANDARD)),
                Map.of("head.weight", new DenseTensor(new int[] {2, 3}, head),
                        "head.bias", new DenseTensor(new int[] {2}, new float[] {0, 0})));
    }

    private static Adapter scaled(Adapter adapter, float factor) {
        float[] flat = adapter.flatten();
        for (int i = 0; i < flat.length; i++) {
            flat[i] *= factor;
        }
        return adapter.withFlat(flat);
    }

    @Test
    void everyMessageSurvivesTheSerializerOverRandomRequests() {
        // Prepare
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        for (int seed = 0; seed < 50; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            Adapter adapter = randomAdapter(random);
            List<Example> shard = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(5); i < n; i++) {
                shard.add(new Example("sentence " + random.nextInt(1000), random.nextInt(2), "GRAMMAR", "rule" + i));
            }
            boolean proximal = random.nextBoolean();
            TrainingRequest request = TrainingRequest.builder(adapter, shard).steps(1 + random.nextInt(5))
                    .batchSize(1 + random.nextInt(8)).maxLength(2 + random.nextInt(100))
                    .optimizer(random.nextBoolean() ? OptimizerSettings.adamW(1e-3, 0.01) : OptimizerSettings.sgd(0.1, 0.9))
                    .proximal(proximal ? 0.5 : 0, proximal ? scaled(adapter, 0.5f) : null)
                    .seed(random.nextLong()).build();
            EventKey key = new EventKey(random.nextLong(0, Long.MAX_VALUE), random.nextInt(100), random.nextInt(100));
            int client = random.nextInt(10_000);
            List<Object> messages = List.of(
                    new TrainerSlot.Train(client, request, key, clock.ref()),
                    new TrainerSlot.Trained(client, adapter, random.nextDouble(), random.nextLong(), random.nextLong(), 3),
                    new TrainerSlot.TrainingFailed(client, "IllegalStateException: training diverged"),
                    new TrainerSlot.Started(seed, client, key, random.nextInt(9)),
                    new TrainerSlot.Finished(seed, client, key, random.nextBoolean(), random.nextInt(9)),
                    new TrainerSlot.QueueLength(seed, random.nextInt(9), random.nextInt(2)),
                    new TrainerSlots.Loads(List.of(random.nextInt(2), random.nextInt(2)), random.nextInt(9)),
                    new Clock.WorkCompleted(key, new TrainerSlot.Trained(client, adapter, 0.5, 4, 8, 1)));

            for (Object message : messages) {
                // Execute
                Object back = roundTrip(message);

                // Assert
                assertThat(back).as("seed %d", seed).isEqualTo(message);
            }
        }
    }

    @Test
    void aTrainWithoutItsPartsIsRejectedNamingThePart() {
        // Prepare
        TestProbe<Clock.Command> clock = TEST_KIT.createTestProbe();
        EventKey key = new EventKey(0, 0, 0);

        // Execute, Assert
        assertThatThrownBy(() -> new TrainerSlot.Train(-1, null, key, clock.ref()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("client id");
        assertThatThrownBy(() -> new TrainerSlot.Train(0, null, key, clock.ref()))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("request");
    }
}
