package org.lorasim.cluster.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The coordinator's wave batches not yet answered in full, per node. */
class OpenBatchesTest {
    private static final String A = "pekko://lorasim@127.0.0.1:1";
    private static final String B = "pekko://lorasim@127.0.0.1:2";

    @Test
    void aBatchClosesWithItsLastAnswerPartAndAPartTwiceIsADuplicate() {
        // Setup
        OpenBatches open = new OpenBatches();
        long first = open.open(A);
        long second = open.open(A);
        long other = open.open(B);

        // Execute
        OpenBatches.Answered part = open.answered(first, 1, 2);
        OpenBatches.Answered again = open.answered(first, 1, 2);
        long belowWhileFirstOpen = open.answeredBelow(A);
        OpenBatches.Answered all = open.answered(first, 0, 2);
        OpenBatches.Answered afterClosed = open.answered(first, 0, 2);

        // Verify
        assertThat(part).isEqualTo(OpenBatches.Answered.PART);
        assertThat(again).isEqualTo(OpenBatches.Answered.DUPLICATE);
        assertThat(all).isEqualTo(OpenBatches.Answered.ALL);
        assertThat(afterClosed).isEqualTo(OpenBatches.Answered.DUPLICATE);
        assertThat(belowWhileFirstOpen).isEqualTo(first);
        assertThat(open.answeredBelow(A)).isEqualTo(second);
        assertThat(open.answeredBelow(B)).isEqualTo(other);
        assertThat(open.answered(other, 0, 1)).isEqualTo(OpenBatches.Answered.ALL);
        assertThat(open.answeredBelow(B)).as("none open: the next number").isEqualTo(other + 1);
    }

    @Test
    void aLostNodesBatchesAreForgotten() {
        // Setup
        OpenBatches open = new OpenBatches();
        long toA = open.open(A);
        long toB = open.open(B);

        // Execute
        open.forgetNode(A);

        // Verify
        assertThat(open.answered(toA, 0, 1)).isEqualTo(OpenBatches.Answered.DUPLICATE);
        assertThat(open.answeredBelow(A)).isEqualTo(toB + 1);
        assertThat(open.answeredBelow(B)).isEqualTo(toB);
    }
}
