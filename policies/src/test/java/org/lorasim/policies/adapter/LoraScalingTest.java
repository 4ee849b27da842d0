package org.lorasim.policies.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LoraScalingTest {

    @Test
    void standardIsAlphaOverRank() {
        // 16 / 8 = 2; 8 / 16 = 0.5
        assertThat(LoraScaling.STANDARD.factor(16, 8)).isEqualTo(2.0);
        assertThat(LoraScaling.STANDARD.factor(8, 16)).isEqualTo(0.5);
    }

    @Test
    void rankStabilizedIsAlphaOverSquareRootOfRank() {
        // 16 / sqrt(4) = 8; 16 / sqrt(2) = 11.3137...
        assertThat(LoraScaling.RANK_STABILIZED.factor(16, 4)).isEqualTo(8.0);
        assertThat(LoraScaling.RANK_STABILIZED.factor(16, 2)).isCloseTo(11.313708498984761, within(1e-12));
    }

    @Test
    void bothAgreeAtRankOne() {
        for (LoraScaling s : LoraScaling.values()) {
            assertThat(s.factor(3.5, 1)).as(s.name()).isEqualTo(3.5);
        }
    }

    @Test
    void rejectsBadRankAndAlpha() {
        for (LoraScaling s : LoraScaling.values()) {
            assertThatThrownBy(() -> s.factor(1, 0))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rank must be > 0, got 0");
            assertThatThrownBy(() -> s.factor(Double.NaN, 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("alpha");
        }
    }
}
