package org.lorasim.cluster.sim;

import java.util.List;
import java.util.function.IntConsumer;
import org.lorasim.actors.run.CompositeListener;
import org.lorasim.actors.run.RoundRecord;
import org.lorasim.actors.run.RunListener;

/**
 * Starts {@code atRoundEnd} after each round's record, once the run's own listener has it (which must not block:
 * the cluster's figures are asked for asynchronously).
 */
record RoundEndFigures(IntConsumer atRoundEnd) implements RunListener {

    /** {@code listener}, then the round-end hook, for every call. */
    static RunListener after(RunListener listener, IntConsumer atRoundEnd) {
        return new CompositeListener(List.of(listener, new RoundEndFigures(atRoundEnd)));
    }

    @Override
    public void round(RoundRecord record) {
        atRoundEnd.accept(record.round());
    }
}
