package org.lorasim.actors.aggregator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lorasim.actors.aggregator.RoundHarness.update;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.lorasim.actors.aggregator.LateUpdates.DropReason;
import org.lorasim.actors.aggregator.LateUpdates.DroppedUpdate;
import org.lorasim.actors.aggregator.LateUpdates.StaleUpdate;
import org.lorasim.actors.aggregator.RoundCollector.UpdateArrived;

class LateUpdatesTest {

    private static UpdateArrived late(int clientId, int sentAtRound) {
        return new UpdateArrived(clientId, sentAtRound, update(clientId, 5, 0.25), sentAtRound);
    }

    @Test
    void acceptedLateUpdatesJoinTheNextAggregationWithTheirStaleness() {
        // Prepare: client 4 (from round 2) and client 1 (from round 1) arrive late, offered in that order.
        LateUpdates buffer = new LateUpdates(LatePolicy.ACCEPT_WITH_STALENESS);
        buffer.offer(late(4, 2), 700);
        buffer.offer(new RoundCollector.LateArrival(1, 650, late(1, 1)));
        buffer.offer(new RoundCollector.LateArrival(1, 660, new RoundCollector.ClientFailed(2, 1, "gone")));

        // Execute
        List<StaleUpdate> taken = buffer.takeFor(3);

        // Assert: sorted by sentAtRound; staleness 3 - 1 = 2 and 3 - 2 = 1; the failure carries no update.
        assertThat(taken).containsExactly(
                new StaleUpdate(1, 1, 2, 650, late(1, 1).update()),
                new StaleUpdate(4, 2, 1, 700, late(4, 2).update()));
        assertThat(buffer.pendingCount()).isZero();
        assertThat(buffer.takeFor(4)).isEmpty();
        assertThat(buffer.dropped()).isEmpty();
    }

    @Test
    void dropRecordsEveryLateUpdateAndKeepsNone() {
        // Prepare
        LateUpdates buffer = new LateUpdates(LatePolicy.DROP);

        // Execute
        buffer.offer(late(4, 2), 700);
        buffer.offer(late(1, 1), 650);

        // Assert
        assertThat(buffer.takeFor(3)).isEmpty();
        assertThat(buffer.dropped()).containsExactly(new DroppedUpdate(4, 2, 700, DropReason.POLICY_DROP),
                new DroppedUpdate(1, 1, 650, DropReason.POLICY_DROP));
    }

    @Test
    void updatesStalerThanTheBoundAreDroppedWhenTaken() {
        // Prepare: bound 2; at round 5, the update from round 2 has staleness 3 > 2, the one from 3 has 2.
        LateUpdates buffer = new LateUpdates(LatePolicy.ACCEPT_WITH_STALENESS, 2);
        buffer.offer(late(7, 2), 100);
        buffer.offer(late(8, 3), 200);

        // Execute
        List<StaleUpdate> taken = buffer.takeFor(5);

        // Assert
        assertThat(taken).extracting(StaleUpdate::clientId, StaleUpdate::staleness).containsExactly(
                org.assertj.core.groups.Tuple.tuple(8, 2));
        assertThat(buffer.dropped()).containsExactly(new DroppedUpdate(7, 2, 100, DropReason.TOO_STALE));
    }

    @Test
    void takenUpdatesAreInAFixedOrderWhateverTheOfferOrderAndEachIsKeptOrDroppedOnce() {
        for (long seed = 0; seed < 100; seed++) {
            // Prepare: 0-8 updates from rounds 0-5, offered in two different orders; bound 1-4; take at 6.
            SplittableRandom rng = new SplittableRandom(seed);
            int bound = 1 + rng.nextInt(4);
            List<UpdateArrived> updates = new ArrayList<>();
            int count = rng.nextInt(9);
            for (int i = 0; i < count; i++) {
                updates.add(late(i, rng.nextInt(6)));
            }
            LateUpdates forward = new LateUpdates(LatePolicy.ACCEPT_WITH_STALENESS, bound);
            LateUpdates backward = new LateUpdates(LatePolicy.ACCEPT_WITH_STALENESS, bound);
            for (int i = 0; i < count; i++) {
                forward.offer(updates.get(i), 1000);
                backward.offer(updates.get(count - 1 - i), 1000);
            }

            // Execute
            List<StaleUpdate> a = forward.takeFor(6);
            List<StaleUpdate> b = backward.takeFor(6);

            // Assert
            assertThat(b).as("seed %d", seed).isEqualTo(a);
            assertThat(a.size() + forward.dropped().size()).isEqualTo(count);
            assertThat(a).allSatisfy(u -> assertThat(u.staleness()).isBetween(1, bound)
                    .isEqualTo(6 - u.sentAtRound()));
            assertThat(forward.dropped()).allSatisfy(d -> assertThat(6 - d.sentAtRound()).isGreaterThan(bound));
            for (int i = 1; i < a.size(); i++) {
                StaleUpdate prev = a.get(i - 1);
                StaleUpdate cur = a.get(i);
                assertThat(prev.sentAtRound() < cur.sentAtRound()
                        || prev.sentAtRound() == cur.sentAtRound() && prev.clientId() < cur.clientId()).isTrue();
            }
        }
    }

    @Test
    void badArgumentsAreNamed() {
        LateUpdates buffer = new LateUpdates(LatePolicy.ACCEPT_WITH_STALENESS);
        buffer.offer(late(1, 4), 10);
        assertThatThrownBy(() -> buffer.takeFor(4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("currentRound 4");
        assertThat(buffer.pendingCount()).isEqualTo(1);
        assertThatThrownBy(() -> new LateUpdates(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("policy");
        assertThatThrownBy(() -> new LateUpdates(LatePolicy.DROP, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxStaleness");
        assertThatThrownBy(() -> buffer.offer(late(1, 1), -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arrivedAt");
    }
}
