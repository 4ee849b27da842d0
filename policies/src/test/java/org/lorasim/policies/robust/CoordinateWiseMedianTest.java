package org.lorasim.policies.robust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.WeightedAdapter;
import org.lorasim.policies.testing.TestAdapters;

class CoordinateWiseMedianTest {
    private final Adapter layout = TestAdapters.tiny();
    private final CoordinateWiseMedian median = new CoordinateWiseMedian();

    @Test
    void oddCountTakesTheMiddleValueOfEachCoordinate() {
        // Prepare: three updates, five coordinates each
        List<WeightedAdapter> updates = TestAdapters.unitWeights(
                TestAdapters.of(layout, 1, 9, -2, 0, 5),
                TestAdapters.of(layout, 3, 7, -1, 100, 4),
                TestAdapters.of(layout, 2, 8, -3, -50, 6));

        // Execute
        float[] result = median.aggregate(layout, updates).flatten();

        // Assert: sorted columns {1,2,3} {7,8,9} {-3,-2,-1} {-50,0,100} {4,5,6} -> middles
        assertThat(result).containsExactly(2, 8, -2, 0, 5);
    }

    @Test
    void evenCountAveragesTheTwoMiddleValues() {
        // Prepare
        List<WeightedAdapter> updates = TestAdapters.unitWeights(
                TestAdapters.of(layout, 1, 0, 10, 0, 0),
                TestAdapters.of(layout, 4, 0, 20, 0, 1),
                TestAdapters.of(layout, 2, 0, 1000, 1, 1),
                TestAdapters.of(layout, 100, 0, -5, 1, 1));

        // Execute
        float[] result = median.aggregate(layout, updates).flatten();

        // Assert: {1,2,4,100} -> (2+4)/2 = 3; {-5,10,20,1000} -> (10+20)/2 = 15; {0,0,1,1} -> 0.5; {0,1,1,1} -> 1
        assertThat(result).containsExactly(3, 0, 15, 0.5f, 1);
    }

    @Test
    void weightsAreIgnored() {
        // Prepare
        Adapter a = TestAdapters.constant(layout, 1);
        Adapter b = TestAdapters.constant(layout, 2);
        Adapter c = TestAdapters.constant(layout, 30);

        // Execute: a huge weight on the outlier must not move the median
        Adapter equal = median.aggregate(layout, TestAdapters.unitWeights(a, b, c));
        Adapter skewed = median.aggregate(layout, List.of(new WeightedAdapter(a, 1),
                new WeightedAdapter(b, 1), new WeightedAdapter(c, 1e9)));

        // Assert
        assertThat(skewed).isEqualTo(equal);
        assertThat(skewed.flatten()).containsOnly(2f);
    }

    @Test
    void singleUpdateIsReturnedAsIs() {
        // Prepare
        Adapter only = TestAdapters.of(layout, 1.5f, -2, 3, 4, 5);

        // Execute
        Adapter result = median.aggregate(layout, TestAdapters.unitWeights(only));

        // Assert
        assertThat(result).isEqualTo(only);
    }

    @Test
    void rejectsEmptyListsMismatchedLayoutsAndNonFiniteValues() {
        // Prepare
        Adapter other = TestAdapters.small();
        Adapter nan = TestAdapters.of(layout, 0, 0, Float.NaN, 0, 0);

        // Execute / Assert
        assertThatThrownBy(() -> median.aggregate(layout, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates must not be empty");
        assertThatThrownBy(() -> median.aggregate(layout, TestAdapters.unitWeights(layout, other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates[1]")
                .hasMessageContaining("layout");
        assertThatThrownBy(() -> median.aggregate(layout, TestAdapters.unitWeights(layout, nan)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("updates[1]")
                .hasMessageContaining("[2] is not finite");
    }
}
