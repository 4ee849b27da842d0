package org.lorasim.policies.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.testing.TestAdapters;

class CoordinateWiseTrimmedMeanTest {
    private final Adapter layout = TestAdapters.tiny();

    private List<WeightedAdapter> fiveUpdates() {
        return TestAdapters.unitWeights(
                TestAdapters.of(layout, 1, 10, 0, 7, -1),
                TestAdapters.of(layout, 2, 20, 0, 7, -2),
                TestAdapters.of(layout, 3, 30, 0, 7, -3),
                TestAdapters.of(layout, 4, 40, 0, 7, -4),
                TestAdapters.of(layout, 1000, -500, 9, 7, -5));
    }

    @Test
    void dropsTheLargestAndSmallestPerCoordinate() {
        // Prepare
        CoordinateWiseTrimmedMean rule = CoordinateWiseTrimmedMean.ofCount(1);

        // Execute
        float[] result = rule.aggregate(layout, fiveUpdates()).flatten();

        // Assert: {1,2,3,4,1000} -> mean(2,3,4) = 3; {-500,10,20,30,40} -> mean(10,20,30) = 20;
        // {0,0,0,0,9} -> 0; {7 x5} -> 7; {-5..-1} -> mean(-4,-3,-2) = -3
        assertThat(result).containsExactly(3, 20, 0, 7, -3);
    }

    @Test
    void fractionFloorsBetaTimesN() {
        // Prepare: beta = 0.25 -> floor(0.25 * 5) = 1 per side; floor(0.25 * 3) = 0 per side
        CoordinateWiseTrimmedMean rule = CoordinateWiseTrimmedMean.ofFraction(0.25);
        List<WeightedAdapter> three = fiveUpdates().subList(0, 3);

        // Execute
        float[] fromFive = rule.aggregate(layout, fiveUpdates()).flatten();
        float[] fromThree = rule.aggregate(layout, three).flatten();

        // Assert: trimmed like ofCount(1) for n=5; plain mean for n=3: (1+2+3)/3 = 2, (10+20+30)/3 = 20
        assertThat(rule.trimPerSide(5)).isEqualTo(1);
        assertThat(rule.trimPerSide(3)).isZero();
        assertThat(fromFive).containsExactly(3, 20, 0, 7, -3);
        assertThat(fromThree[0]).isCloseTo(2f, within(1e-6f));
        assertThat(fromThree[1]).isCloseTo(20f, within(1e-6f));
        assertThat(fromThree[4]).isCloseTo(-2f, within(1e-6f));
    }

    @Test
    void zeroTrimIsThePlainMeanAndIgnoresWeights() {
        // Prepare
        List<WeightedAdapter> updates = List.of(
                new WeightedAdapter(TestAdapters.constant(layout, 1), 1),
                new WeightedAdapter(TestAdapters.constant(layout, 5), 99));

        // Execute
        float[] result = CoordinateWiseTrimmedMean.ofCount(0).aggregate(layout, updates).flatten();

        // Assert: (1 + 5) / 2 = 3, not the weighted 4.96
        assertThat(result).containsOnly(3f);
    }

    @Test
    void rejectsTrimsThatLeaveNothing() {
        // Prepare
        CoordinateWiseTrimmedMean two = CoordinateWiseTrimmedMean.ofCount(2);
        List<WeightedAdapter> four = fiveUpdates().subList(0, 4);

        // Execute / Assert: 2 * 2 = 4 is not < 4
        assertThatThrownBy(() -> two.aggregate(layout, four))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 * trim < n").hasMessageContaining("n=4");
        assertThat(two.aggregate(layout, fiveUpdates()).flatten()).containsExactly(3, 20, 0, 7, -3);
    }

    @Test
    void rejectsBadParameters() {
        assertThatThrownBy(() -> CoordinateWiseTrimmedMean.ofCount(-1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trimPerSide");
        assertThatThrownBy(() -> CoordinateWiseTrimmedMean.ofFraction(0.5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta").hasMessageContaining("0.5");
        assertThatThrownBy(() -> CoordinateWiseTrimmedMean.ofFraction(-0.1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
        assertThatThrownBy(() -> CoordinateWiseTrimmedMean.ofFraction(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("beta");
    }
}
