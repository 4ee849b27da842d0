package org.lorasim.actors.clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClockEventQueueTest {

    private record Event(EventKey key) implements EventQueue.Keyed {
        static Event at(long time, long sender, long counter) {
            return new Event(new EventKey(time, sender, counter));
        }
    }

    private static List<Event> pollDue(EventQueue<Event> queue) {
        List<Event> wave = new ArrayList<>();
        queue.pollDue(wave);
        return wave;
    }

    @Test
    void ordersByTimeThenSenderThenCounterWhateverTheInsertionOrder() {
        // Prepare: added out of order; by (time, sender, counter) the order is
        // (1, s9, #0) < (3, s4, #7) < (5, s1, #0) < (5, s1, #1) < (5, s2, #0)
        EventQueue<Event> queue = new EventQueue<>();
        List.of(Event.at(5, 2, 0), Event.at(1, 9, 0), Event.at(5, 1, 1), Event.at(3, 4, 7), Event.at(5, 1, 0))
                .forEach(queue::add);

        // Execute
        List<Event> atZero = pollDue(queue);
        long first = queue.advance();
        List<Event> atFirst = pollDue(queue);
        long second = queue.advance();
        List<Event> atSecond = pollDue(queue);
        long third = queue.advance();
        List<Event> atThird = pollDue(queue);

        // Assert
        assertThat(atZero).isEmpty();
        assertThat(List.of(first, second, third)).containsExactly(1L, 3L, 5L);
        assertThat(atFirst).containsExactly(Event.at(1, 9, 0));
        assertThat(atSecond).containsExactly(Event.at(3, 4, 7));
        assertThat(atThird).containsExactly(Event.at(5, 1, 0), Event.at(5, 1, 1), Event.at(5, 2, 0));
        assertThat(queue.isEmpty()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89})
    void anyTwoInsertionOrdersGiveTheSameSortedSequence(long seed) {
        // Prepare: 200 events over few times and senders, so that ties on time and sender are common
        Random random = new Random(seed);
        List<Event> events = new ArrayList<>();
        long[] counters = new long[7];
        for (int i = 0; i < 200; i++) {
            int sender = random.nextInt(counters.length);
            events.add(Event.at(random.nextInt(12), sender, counters[sender]++));
        }
        List<Event> shuffled = new ArrayList<>(events);
        Collections.shuffle(shuffled, random);

        // Execute
        List<Event> fromOriginal = drain(events);
        List<Event> fromShuffled = drain(shuffled);

        // Assert
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort((a, b) -> a.key().compareTo(b.key()));
        assertThat(fromOriginal).containsExactlyElementsOf(sorted);
        assertThat(fromShuffled).containsExactlyElementsOf(sorted);
    }

    private static List<Event> drain(List<Event> events) {
        EventQueue<Event> queue = new EventQueue<>();
        events.forEach(queue::add);
        List<Event> out = new ArrayList<>();
        queue.pollDue(out);
        while (!queue.isEmpty()) {
            long previousTime = queue.now();
            assertThat(queue.advance()).isGreaterThan(previousTime);
            queue.pollDue(out);
        }
        return out;
    }

    @Test
    void eventsAddedForTheCurrentTimeFormTheNextWaveOfThatTime() {
        // Prepare
        EventQueue<Event> queue = new EventQueue<>(4);
        queue.add(Event.at(4, 5, 0));
        queue.add(Event.at(9, 1, 0));
        List<Event> firstWave = pollDue(queue);

        // Execute: sender 1 ranks before sender 5, yet comes in a later wave because it was added later
        queue.add(Event.at(4, 1, 3));
        boolean dueAgain = queue.hasDueNow();
        List<Event> secondWave = pollDue(queue);

        // Assert
        assertThat(firstWave).containsExactly(Event.at(4, 5, 0));
        assertThat(dueAgain).isTrue();
        assertThat(secondWave).containsExactly(Event.at(4, 1, 3));
        assertThat(queue.now()).isEqualTo(4);
        assertThat(queue.nextTime()).isEqualTo(9);
    }

    @Test
    void schedulingBeforeTheCurrentTimeFailsNamingSenderAndTimes() {
        // Prepare
        EventQueue<Event> queue = new EventQueue<>(SimTime.ofSeconds(2));

        // Execute / Assert
        assertThatThrownBy(() -> queue.add(Event.at(SimTime.ofSeconds(1), 7, 3)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sender 7")
                .hasMessageContaining("counter 3")
                .hasMessageContaining("1.000000000 s")
                .hasMessageContaining("current time 2.000000000 s");
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void aKeyUsedTwiceIsRejectedWhenDue() {
        // Prepare
        EventQueue<Event> queue = new EventQueue<>();
        queue.add(Event.at(0, 3, 1));
        queue.add(Event.at(0, 3, 1));

        // Execute / Assert
        assertThatThrownBy(() -> pollDue(queue))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sender 3 used counter 1 twice");
    }

    @Test
    void advancingPastDueEventsOrOnAnEmptyQueueIsRefused() {
        // Prepare
        EventQueue<Event> queue = new EventQueue<>();
        queue.add(Event.at(0, 1, 0));

        // Execute / Assert
        assertThatThrownBy(queue::advance).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("1 event(s) still due at 0.000000000 s");
        pollDue(queue);
        assertThatThrownBy(queue::advance).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void badTimesAndCountersAreRejected() {
        assertThatThrownBy(() -> new EventQueue<Event>(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("startTime must be >= 0, got -1");
        assertThatThrownBy(() -> new EventKey(-5, 2, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("time must be >= 0, got -5");
        assertThatThrownBy(() -> new EventKey(0, 2, -1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("senderCounter must be >= 0, got -1");
    }
}
