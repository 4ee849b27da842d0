package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Entity starts a window at a time, each {@code Hosted} passed on to the relay. */
class EntityStarterTest {
    private static final ActorTestKit TEST_KIT = ActorTestKit.create();
    private static final String NODE = "pekko://lorasim@127.0.0.1:1";

    @AfterAll
    static void stop() {
        TEST_KIT.shutdownTestKit();
    }

    @Test
    void keepsAtMostTheWindowOfStartsOutstandingAndAnswersOnceEveryClientIsHosted() {
        // Setup
        TestProbe<Object> region = TEST_KIT.createTestProbe();
        TestProbe<Object> relay = TEST_KIT.createTestProbe();
        TestProbe<Integer> answer = TEST_KIT.createTestProbe();
        ActorRef<Object> starter = TEST_KIT.spawn(EntityStarter.create(relay.ref(), 3, Duration.ofMinutes(1)));

        // Execute
        starter.tell(new EntityStarter.Start(5, Adapter.toClassic(region.ref()), answer.ref()));
        List<String> firstWindow = startedIds(region, 3);
        region.expectNoMessage(Duration.ofMillis(200));
        starter.tell(new ClientEntity.Hosted(1, NODE));
        starter.tell(new ClientEntity.Hosted(1, NODE));
        List<String> afterOne = startedIds(region, 1);
        region.expectNoMessage(Duration.ofMillis(200));
        for (int id : new int[] {0, 2, 3}) {
            starter.tell(new ClientEntity.Hosted(id, NODE));
        }
        List<String> rest = startedIds(region, 1);
        answer.expectNoMessage(Duration.ofMillis(200));
        starter.tell(new ClientEntity.Hosted(4, NODE));

        // Verify
        assertThat(firstWindow).containsExactly("0", "1", "2");
        assertThat(afterOne).containsExactly("3");
        assertThat(rest).containsExactly("4");
        assertThat(answer.receiveMessage()).isEqualTo(5);
        List<Integer> forwarded = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            forwarded.add(relay.expectMessageClass(ClientEntity.Hosted.class).clientId());
        }
        assertThat(forwarded).containsExactly(1, 1, 0, 2, 3, 4);
        region.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void answersHowManyStartedWhenNoneStartsForTheStallTime() {
        // Setup
        TestProbe<Object> region = TEST_KIT.createTestProbe();
        TestProbe<Object> relay = TEST_KIT.createTestProbe();
        TestProbe<Integer> answer = TEST_KIT.createTestProbe();
        ActorRef<Object> starter = TEST_KIT.spawn(EntityStarter.create(relay.ref(), 10, Duration.ofSeconds(1)));

        // Execute
        starter.tell(new EntityStarter.Start(4, Adapter.toClassic(region.ref()), answer.ref()));
        startedIds(region, 4);
        starter.tell(new ClientEntity.Hosted(2, NODE));

        // Verify
        assertThat(answer.receiveMessage(Duration.ofSeconds(10))).isEqualTo(1);
        starter.tell(new ClientEntity.Hosted(3, NODE));
        assertThat(relay.expectMessageClass(ClientEntity.Hosted.class).clientId()).isEqualTo(2);
        assertThat(relay.expectMessageClass(ClientEntity.Hosted.class).clientId()).isEqualTo(3);
        answer.expectNoMessage(Duration.ofMillis(200));
    }

    @Test
    void refusesAnEmptyWindow() {
        TestProbe<Object> relay = TEST_KIT.createTestProbe();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> EntityStarter.create(relay.ref(), 0, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("window");
    }

    private static List<String> startedIds(TestProbe<Object> region, int n) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(region.expectMessageClass(ShardRegion.StartEntity.class).entityId());
        }
        return ids;
    }
}
