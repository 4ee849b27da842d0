package org.lorasim.cluster.sim;

import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The coordinator's {@link WaveRelay.DeliveredBatch}es not yet answered in full: each batch's sequence number, its
 * node and the parts of its {@link WaveRelay.HandledBatch} already in. A plain single-threaded class, owned by
 * {@link ClientRelay}; {@link Resends} does the timing and knows which batches their node said it holds
 * ({@link WaveRelay.StillHandling}).
 */
final class OpenBatches {

    /** What an answer part did. */
    enum Answered {
        /** A part already in, or of a batch not open: drop it. */
        DUPLICATE,
        /** A new part; others are still missing. */
        PART,
        /** The last missing part: the batch is closed. */
        ALL
    }

    private final Map<Long, String> nodeOf = new HashMap<>();
    private final Map<Long, BitSet> partsIn = new HashMap<>();
    private long nextSeq;

    /** Opens the next batch, to {@code node}; returns its sequence number. */
    long open(String node) {
        long seq = nextSeq++;
        nodeOf.put(seq, node);
        partsIn.put(seq, new BitSet());
        return seq;
    }

    /** The lowest sequence number of {@code node}'s open batches (every one below it is answered). */
    long answeredBelow(String node) {
        long below = nextSeq;
        for (Map.Entry<Long, String> open : nodeOf.entrySet()) {
            if (open.getValue().equals(node) && open.getKey() < below) {
                below = open.getKey();
            }
        }
        return below;
    }

    /** Part {@code part} of {@code parts} of batch {@code seq}'s answer came in. */
    Answered answered(long seq, int part, int parts) {
        BitSet in = partsIn.get(seq);
        if (in == null || in.get(part)) {
            return Answered.DUPLICATE;
        }
        in.set(part);
        if (in.cardinality() < parts) {
            return Answered.PART;
        }
        close(seq);
        return Answered.ALL;
    }

    /** Forgets every open batch to {@code node} (it was lost). */
    void forgetNode(String node) {
        Set<Long> gone = new HashSet<>();
        nodeOf.forEach((seq, to) -> {
            if (to.equals(node)) {
                gone.add(seq);
            }
        });
        gone.forEach(this::close);
    }

    private void close(long seq) {
        nodeOf.remove(seq);
        partsIn.remove(seq);
    }
}
