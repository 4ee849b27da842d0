package org.lorasim.actors.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lorasim.actors.link.LinkModel.Delivered;
import org.lorasim.actors.link.LinkModel.Lost;
import org.lorasim.actors.link.LinkModel.LossReason;
import org.lorasim.actors.link.LinkModel.Outcome;

class LinkModelTest {
    private static final long MB = 1_000_000L;
    private static final long MS = 1_000_000L;

    private static LinkModel tenMegabytesTwentyMillis() {
        return new LinkModel(10 * MB, 20 * MS, 0, 0.0);
    }

    @Test
    void oneMegabyteAtTenMegabytesPerSecondWithTwentyMillisLatency() {
        // Prepare
        LinkModel link = tenMegabytesTwentyMillis();

        // Execute
        Outcome outcome = link.transmit(0, MB, new SplittableRandom(1));

        // Assert: 10^6 B / 10^7 B/s = 100 ms on the wire, + 20 ms latency = 120 ms
        assertThat(outcome).isEqualTo(new Delivered(0, 100 * MS, 120 * MS));
        assertThat(link.transmitterFreeAt()).isEqualTo(100 * MS);
    }

    @Test
    void backToBackMessagesQueueFifo() {
        // Prepare
        LinkModel link = tenMegabytesTwentyMillis();
        RandomGenerator random = new SplittableRandom(1);

        // Execute: both sent at t = 5 ms
        Outcome first = link.transmit(5 * MS, MB, random);
        Outcome second = link.transmit(5 * MS, MB / 2, random);

        // Assert: first 5..105 ms, arrives 125 ms; second waits, 105..155 ms (0.5 MB = 50 ms), arrives 175 ms
        assertThat(first).isEqualTo(new Delivered(5 * MS, 105 * MS, 125 * MS));
        assertThat(second).isEqualTo(new Delivered(105 * MS, 155 * MS, 175 * MS));
    }

    @Test
    void anIdleLinkStartsAtTheSendTime() {
        // Prepare
        LinkModel link = tenMegabytesTwentyMillis();
        link.transmit(0, MB, new SplittableRandom(1));

        // Execute: sent at 1 s, long after the first finished at 100 ms
        Outcome later = link.transmit(1_000 * MS, MB, new SplittableRandom(1));

        // Assert: 1000..1100 ms, arrives 1120 ms
        assertThat(later).isEqualTo(new Delivered(1_000 * MS, 1_100 * MS, 1_120 * MS));
    }

    @Test
    void transmissionTimeIsRoundedUpToWholeNanoseconds() {
        // 1 B at 3 B/s = 333,333,333.3 ns -> 333,333,334; 3 B at 3 B/s exactly 1 s; 0 B takes 0
        assertThat(LinkModel.transmissionNanos(1, 3)).isEqualTo(333_333_334L);
        assertThat(LinkModel.transmissionNanos(3, 3)).isEqualTo(1_000_000_000L);
        assertThat(LinkModel.transmissionNanos(0, 3)).isZero();
        // 1 B at 2 GB/s = 0.5 ns -> 1 ns: a message never takes zero time
        assertThat(LinkModel.transmissionNanos(1, 2_000_000_000L)).isEqualTo(1);
    }

    @Test
    void changesApplyOnlyToMessagesSentAfterThem() {
        // Prepare
        LinkModel link = tenMegabytesTwentyMillis();
        RandomGenerator random = new SplittableRandom(1);
        Outcome before = link.transmit(0, MB, random);

        // Execute: 20 MB/s and 5 ms latency from t = 1 s on
        link.setBandwidth(20 * MB);
        link.setLatency(5 * MS);
        Outcome after = link.transmit(1_000 * MS, MB, random);

        // Assert: before keeps 0..100 ms + 20 ms; after 1000..1050 ms (1 MB / 20 MB/s) + 5 ms = 1055 ms
        assertThat(before).isEqualTo(new Delivered(0, 100 * MS, 120 * MS));
        assertThat(after).isEqualTo(new Delivered(1_000 * MS, 1_050 * MS, 1_055 * MS));
        assertThat(link.state()).isEqualTo(new LinkState(20 * MB, 5 * MS, 0, 0.0, true, false));
    }

    @Test
    void aDownLinkLosesMessagesWithoutUsingTheTransmitterUntilItIsUpAgain() {
        // Prepare
        LinkModel link = tenMegabytesTwentyMillis();
        RandomGenerator random = new SplittableRandom(1);

        // Execute
        link.down();
        Outcome whileDown = link.transmit(0, MB, random);
        link.up();
        Outcome afterUp = link.transmit(10 * MS, MB, random);

        // Assert: the lost message took no time, so the next starts at its send time 10 ms: 110 ms + 20 = 130
        assertThat(whileDown).isEqualTo(new Lost(LossReason.LINK_DOWN));
        assertThat(afterUp).isEqualTo(new Delivered(10 * MS, 110 * MS, 130 * MS));
    }

    @Test
    void aPartitionedLinkLosesMessagesUntilHealed() {
        // Prepare
        LinkModel link = tenMegabytesTwentyMillis();
        RandomGenerator random = new SplittableRandom(1);

        // Execute
        link.setPartitioned(true);
        Outcome cut = link.transmit(0, MB, random);
        link.setPartitioned(false);
        Outcome healed = link.transmit(0, MB, random);

        // Assert
        assertThat(cut).isEqualTo(new Lost(LossReason.PARTITIONED));
        assertThat(healed).isEqualTo(new Delivered(0, 100 * MS, 120 * MS));
    }

    @Test
    void randomLossMatchesItsProbabilityWithAFixedSeed() {
        // Prepare: 10,000 messages at loss 0.25; binomial sd = sqrt(10^4 * 0.25 * 0.75) = 43
        LinkModel link = new LinkModel(10 * MB, 20 * MS, 0, 0.25);
        RandomGenerator random = new SplittableRandom(42);

        // Execute
        int lost = 0;
        for (int i = 0; i < 10_000; i++) {
            if (link.transmit(i * MS, 1_000, random) instanceof Lost lostOne) {
                assertThat(lostOne.reason()).isEqualTo(LossReason.RANDOM_LOSS);
                lost++;
            }
        }

        // Assert: within 5 sd of 2,500
        assertThat(lost).isBetween(2_500 - 215, 2_500 + 215);
    }

    @Test
    void lossOneLosesEverythingAndLossZeroNothing() {
        // Prepare
        LinkModel always = new LinkModel(10 * MB, 0, 0, 1.0);
        LinkModel never = new LinkModel(10 * MB, 0, 0, 0.0);
        RandomGenerator random = new SplittableRandom(3);

        // Execute & Assert
        for (int i = 0; i < 100; i++) {
            assertThat(always.transmit(i, 10, random)).isEqualTo(new Lost(LossReason.RANDOM_LOSS));
            assertThat(never.transmit(i, 10, random)).isInstanceOf(Delivered.class);
        }
    }

    @Test
    void aRandomlyLostMessageStillOccupiesTheTransmitter() {
        // Prepare
        LinkModel link = new LinkModel(10 * MB, 20 * MS, 0, 1.0);
        RandomGenerator random = new SplittableRandom(3);

        // Execute
        Outcome lost = link.transmit(0, MB, random);
        link.setLoss(0.0);
        Outcome next = link.transmit(0, MB, random);

        // Assert: the lost one used 0..100 ms, so the next goes 100..200 ms, arriving at 220 ms
        assertThat(lost).isEqualTo(new Lost(LossReason.RANDOM_LOSS));
        assertThat(next).isEqualTo(new Delivered(100 * MS, 200 * MS, 220 * MS));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void withJitterDelaysStayInRangeAndArrivalsStayInSendOrder(long seed) {
        // Prepare: latency 20 ms, jitter +-15 ms; small messages (100 B = 10 us) so jitter dominates
        LinkModel link = new LinkModel(10 * MB, 20 * MS, 15 * MS, 0.0);
        RandomGenerator random = new SplittableRandom(seed);
        long previousArrival = 0;

        for (int i = 0; i < 200; i++) {
            // Execute
            Delivered delivered = (Delivered) link.transmit(i * MS, 100, random);

            // Assert: FIFO transmitter, delay end + [5, 35] ms unless lifted to the previous arrival
            assertThat(delivered.start()).isGreaterThanOrEqualTo(i * MS);
            assertThat(delivered.end() - delivered.start()).isEqualTo(10_000);
            assertThat(delivered.arrival()).isGreaterThanOrEqualTo(previousArrival);
            assertThat(delivered.arrival()).isBetween(delivered.end() + 5 * MS,
                    Math.max(delivered.end() + 35 * MS, previousArrival));
            previousArrival = delivered.arrival();
        }
    }

    @Test
    void jitterLargerThanLatencyClampsTheDelayAtZero() {
        // Prepare: latency 1 ns, jitter 1 s: most draws would be negative
        LinkModel link = new LinkModel(1_000_000_000L, 1, 1_000_000_000L, 0.0);
        RandomGenerator random = new SplittableRandom(5);

        // Execute & Assert: 1 B takes 1 ns; arrival never before the transmission end
        for (int i = 0; i < 100; i++) {
            Delivered delivered = (Delivered) link.transmit(0, 1, random);
            assertThat(delivered.arrival()).isGreaterThanOrEqualTo(delivered.end());
        }
    }

    @Test
    void sameSeedSameOutcomes() {
        // Prepare
        LinkModel a = new LinkModel(10 * MB, 20 * MS, 5 * MS, 0.3);
        LinkModel b = new LinkModel(10 * MB, 20 * MS, 5 * MS, 0.3);
        RandomGenerator randomA = new SplittableRandom(99);
        RandomGenerator randomB = new SplittableRandom(99);

        // Execute & Assert
        for (int i = 0; i < 200; i++) {
            assertThat(a.transmit(i * MS, 50_000, randomA)).isEqualTo(b.transmit(i * MS, 50_000, randomB));
        }
    }

    @Test
    void badArgumentsNameTheProblem() {
        LinkModel link = tenMegabytesTwentyMillis();
        RandomGenerator random = new SplittableRandom(1);
        assertThatThrownBy(() -> new LinkModel(0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bandwidthBytesPerSecond").hasMessageContaining("0");
        assertThatThrownBy(() -> link.setLatency(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latencyNanos").hasMessageContaining("-1");
        assertThatThrownBy(() -> link.setJitter(-2)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jitterNanos").hasMessageContaining("-2");
        assertThatThrownBy(() -> link.setLoss(1.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lossProbability").hasMessageContaining("1.5");
        assertThatThrownBy(() -> link.setLoss(Double.NaN)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lossProbability").hasMessageContaining("NaN");
        assertThatThrownBy(() -> link.transmit(-1, 10, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendTime").hasMessageContaining("-1");
        assertThatThrownBy(() -> link.transmit(0, -10, random)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bytes").hasMessageContaining("-10");
        assertThatThrownBy(() -> link.transmit(0, Long.MAX_VALUE / 10, random))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("overflows");
    }
}
