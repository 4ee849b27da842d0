package org.lorasim.actors.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Where a recovering node goes on. */
class ResumeIterationTest {

    @Test
    void theNodeGoesOnWhereItWouldBe() {
        // 2 iterations took 10 s: d = 5 s. Crashed in it. 2 that began at 10 s; at 27 s it would be in
        // 2 + floor(17 / 5) = 5
        assertThat(ResumeIteration.estimate(2, 10, 27, 2, 10, 100)).isEqualTo(5);
        // at 12 s: 2 + floor(2 / 5) = 2, but the abandoned iteration is not redone: 3
        assertThat(ResumeIteration.estimate(2, 10, 12, 2, 10, 100)).isEqualTo(3);
        // nothing completed yet: no estimate, 3
        assertThat(ResumeIteration.estimate(2, 10, 1000, 0, 0, 100)).isEqualTo(3);
        // past the end: done (T = 6)
        assertThat(ResumeIteration.estimate(2, 10, 1000, 2, 10, 6)).isEqualTo(6);
    }

    @Test
    void theResumeIsAlwaysAfterTheCrashAndAtMostTheEnd() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200; i++) {
            int iterations = 1 + random.nextInt(50);
            int crashed = random.nextInt(iterations);
            long start = random.nextLong(1_000_000);
            long now = start + random.nextLong(1_000_000);
            int completed = random.nextInt(10);
            long busy = completed == 0 ? 0 : random.nextLong(1, 1_000_000);
            int resume = ResumeIteration.estimate(crashed, start, now, completed, busy, iterations);
            assertThat(resume).isGreaterThan(crashed).isLessThanOrEqualTo(iterations);
        }
    }

    @Test
    void badArgumentsAreNamed() {
        assertThatThrownBy(() -> ResumeIteration.estimate(5, 0, 1, 1, 1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("crashed iteration");
        assertThatThrownBy(() -> ResumeIteration.estimate(1, 10, 5, 1, 1, 5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the crashed iteration began");
    }
}
