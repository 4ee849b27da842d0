package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.lorasim.cluster.node.DeliverySettings;

/** The sender's bookkeeping of unanswered messages, on a hand-driven clock (nanoseconds). */
class ResendsTest {
    private static final long SECOND = 1_000_000_000L;
    private static final DeliverySettings TWO_TRIES = new DeliverySettings(Duration.ofSeconds(1), 2,
            DeliverySettings.Chaos.NONE);

    @Test
    void aMessageIsTriedAgainOncePerRetransmitAfterAndFailsAfterItsTriesNamingItTheNodeAndTheKeys() {
        // Setup
        AtomicInteger counted = new AtomicInteger();
        List<String> tries = new ArrayList<>();
        Resends<Long> resends = new Resends<>(TWO_TRIES, counted::incrementAndGet);
        resends.sent(7L, "wave batch 7", "pekko://lorasim@h:1", held -> tries.add("7"), 0);

        // Execute
        var early = resends.tick(SECOND - 1);
        var first = resends.tick(SECOND);
        var sameTime = resends.tick(SECOND + 1);
        var second = resends.tick(2 * SECOND);
        var spent = resends.tick(3 * SECOND);

        // Assert
        assertThat(early).isEmpty();
        assertThat(first).isEmpty();
        assertThat(sameTime).isEmpty();
        assertThat(second).isEmpty();
        assertThat(tries).containsExactly("7", "7");
        assertThat(counted).hasValue(2);
        assertThat(spent).hasValue("wave batch 7 to node pekko://lorasim@h:1 got no answer after 2 retransmission(s),"
                + " one every 1000 ms (lorasim.cluster.delivery.retransmit-after,"
                + " lorasim.cluster.delivery.max-retransmissions = 2): it or its answer was lost every time, or the"
                + " node stopped answering. The run cannot go on without it; raise those keys if the node is only slow");
        assertThat(resends.size()).isZero();
    }

    @Test
    void progressStartsTheTriesAgainButAnAnswerThatOnlyAsksForItAgainDoesNot() {
        // Setup
        List<Long> tries = new ArrayList<>();
        Resends<Long> resends = new Resends<>(TWO_TRIES, () -> { });
        resends.sent(1L, "request 1", "n", held -> tries.add(1L), 0);
        resends.sent(2L, "request 2", "n", held -> tries.add(2L), 0);
        resends.tick(SECOND);
        resends.tick(2 * SECOND);

        // Execute: 1 shows progress, 2 is only heard ("never got it, sent again")
        resends.progress(1L, 2 * SECOND + 10);
        resends.heard(2L, 2 * SECOND + 10);
        var next = resends.tick(3 * SECOND + 10);

        // Assert: 1 is tried again; 2 has no tries left
        assertThat(next).get().asString().startsWith("request 2 to node n got no answer after 2");
        assertThat(resends.isOpen(1L)).isTrue();
        assertThat(tries).containsExactly(1L, 2L, 1L, 2L, 1L);
    }

    @Test
    void anAnsweredMessageAndThoseOfALostNodeAreNeverTriedAgain() {
        // Setup
        List<Long> tries = new ArrayList<>();
        Resends<Long> resends = new Resends<>(TWO_TRIES, () -> { });
        resends.sent(1L, "a", "lost", held -> tries.add(1L), 0);
        resends.sent(2L, "b", "alive", held -> tries.add(2L), 0);
        resends.sent(3L, "c", "alive", held -> tries.add(3L), 0);

        // Execute
        resends.answered(3L);
        resends.forgetNode("lost"::equals);
        resends.tick(SECOND);

        // Assert
        assertThat(tries).containsExactly(2L);
        assertThat(resends.size()).isEqualTo(1);
    }

    @Test
    void onceItsReceiverSaidItHoldsAMessageItsTriesAreChecksNotRetransmissions() {
        // Setup: message 1's receiver will say it holds it (a long training); message 2's never does
        AtomicInteger counted = new AtomicInteger();
        List<String> tries = new ArrayList<>();
        Resends<Long> resends = new Resends<>(TWO_TRIES, counted::incrementAndGet);
        resends.sent(1L, "a long training", "n", held -> tries.add("1 held " + held), 0);
        resends.sent(2L, "a request not heard of", "n", held -> tries.add("2 held " + held), 0);

        // Execute
        resends.tick(SECOND);
        resends.progress(1L, SECOND + 1);
        resends.tick(2 * SECOND + 1);

        // Assert: both were tried twice; message 1's second try was a check, not counted
        assertThat(tries).containsExactly("1 held false", "2 held false", "1 held true", "2 held false");
        assertThat(counted).hasValue(3);
    }
}
