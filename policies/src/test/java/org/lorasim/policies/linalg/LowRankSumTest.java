package org.lorasim.policies.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class LowRankSumTest {

    @Test
    void denseIsTheWeightedSumOfProducts() {
        // Prepare: 2 * [1;2] [3 4] + (-1) * [[1,0],[0,1]] [[1,1],[0,1]]
        //   2 * [[3,4],[6,8]] = [[6,8],[12,16]];  -1 * [[1,1],[0,1]] = [[-1,-1],[0,-1]]
        //   sum = [[5,7],[12,15]]
        LowRankSum sum = new LowRankSum(List.of(
                LowRankSum.Term.of(2.0, new float[] {1, 2}, new float[] {3, 4}, 2, 1, 2),
                LowRankSum.Term.of(-1.0, new float[] {1, 0, 0, 1}, new float[] {1, 1, 0, 1}, 2, 2, 2)));

        // Execute
        double[] dense = sum.dense().data;

        // Assert
        assertThat(sum.rank()).isEqualTo(3);
        assertThat(dense).containsExactly(new double[] {5, 7, 12, 15}, within(1e-12));
        // [w1 B1 | w2 B2] = [[2, -1, 0], [4, 0, -1]]
        assertThat(sum.stackedLeft().data).containsExactly(2, -1, -0.0, 4, -0.0, -1);
        // [A1; A2]^T = [[3, 1, 0], [4, 1, 1]]
        assertThat(sum.stackedRightTransposed().data).containsExactly(3, 1, 0, 4, 1, 1);
    }
}
