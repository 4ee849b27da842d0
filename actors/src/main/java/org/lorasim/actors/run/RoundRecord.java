package org.lorasim.actors.run;

import org.lorasim.actors.serialization.LorasimMessage;

/**
 * One line of a run's per-round accounting (DESIGN.md, "Outputs of a run": {@code rounds.csv} and
 * {@code metrics.jsonl}). Everything but {@code wallMillis} is a function of the configuration and the seed
 * alone: two runs with one seed give equal records once {@code wallMillis} is set aside
 * ({@link #withoutWallTime()}).
 *
 * <p>For a centralized or pipeline run a round is one aggregation and the model is the global adapter; for a
 * gossip run a round is one synchronous gossip iteration and the accuracy is the mean over the clients'
 * own adapters, with the population standard deviation in {@code accuracySpread}, and {@code averageModelAccuracy}
 * is that of the clients' average adapter (one model nobody holds, the one Dec-LoRA's paper evaluates).
 *
 * @param round             the round, from 0; -1 for the starting model before any training ({@link #before})
 * @param simTimeNanos      simulated time at which the round finished
 * @param wallMillis        wall milliseconds since the run started (a measurement, not simulated)
 * @param trainLoss         mean local training loss of the round's participants; NaN when none trained
 * @param accuracy          held-out accuracy of the model after the round; NaN when not evaluated
 * @param accuracySpread    gossip: standard deviation of the clients' accuracies; NaN otherwise
 * @param macroF1           held-out macro-F1 (mean per-class F1) of the model after the round, beside the accuracy
 *                          (gossip: the mean over the clients); NaN when not evaluated
 * @param perplexity        a decoder's held-out perplexity after the round ({@link ModelEvaluator.Quality#perplexity()};
 *                          gossip: the mean over the clients); NaN for the encoder and when not evaluated
 * @param bytesUp           bytes sent by clients in the round (real serialized sizes)
 * @param bytesDown         bytes sent to clients in the round
 * @param parameters        adapter parameters communicated in the round (uploads)
 * @param sampled           clients asked to take part
 * @param participants      clients whose updates were used
 * @param stragglers        sampled clients that were up and reachable but had no answer by the deadline
 *                          ({@link ParticipationStatus#LATE})
 * @param failures          sampled clients that did not take part because they crashed, were removed, were
 *                          unreachable or reported a failure ({@link ParticipationStatus#isFailure()})
 * @param consensusDistance gossip: mean squared distance of the clients' adapters to their mean; NaN otherwise
 * @param checksum          {@link org.lorasim.policies.adapter.AdapterDigest} of the model after the round (the global adapter, or for
 *                          gossip every client's adapter in id order)
 * @param synthetic         true when the run is system-only: no model was trained
 * @param averageModelAccuracy gossip: held-out accuracy of the average of the round's participants' adapters
 *                          ({@link org.lorasim.actors.gossip.GossipRounds}: the uniform mean of each LoRA factor
 *                          A and B, and of each dense tensor, on its own); NaN for centralized and pipeline runs,
 *                          system-only runs, decoders, the starting model's record ({@link #before}) and
 *                          records written before the field existed
 */
public record RoundRecord(int round, long simTimeNanos, long wallMillis, double trainLoss, double accuracy,
                          double accuracySpread, double macroF1, double perplexity, long bytesUp, long bytesDown,
                          long parameters, int sampled, int participants, int stragglers, int failures,
                          double consensusDistance, String checksum, boolean synthetic, double averageModelAccuracy)
        implements LorasimMessage {

    /** A record without an average model's accuracy (any run but a trained gossip one). */
    public RoundRecord(int round, long simTimeNanos, long wallMillis, double trainLoss, double accuracy,
                       double accuracySpread, double macroF1, double perplexity, long bytesUp, long bytesDown,
                       long parameters, int sampled, int participants, int stragglers, int failures,
                       double consensusDistance, String checksum, boolean synthetic) {
        this(round, simTimeNanos, wallMillis, trainLoss, accuracy, accuracySpread, macroF1, perplexity, bytesUp,
                bytesDown, parameters, sampled, participants, stragglers, failures, consensusDistance, checksum, synthetic,
                Double.NaN);
    }

    /** A record without perplexity (a classifier's) and without an average model's accuracy. */
    public RoundRecord(int round, long simTimeNanos, long wallMillis, double trainLoss, double accuracy,
                       double accuracySpread, double macroF1, long bytesUp, long bytesDown, long parameters, int sampled,
                       int participants, int stragglers, int failures, double consensusDistance, String checksum,
                       boolean synthetic) {
        this(round, simTimeNanos, wallMillis, trainLoss, accuracy, accuracySpread, macroF1, Double.NaN, bytesUp,
                bytesDown, parameters, sampled, participants, stragglers, failures, consensusDistance, checksum, synthetic);
    }

    /** The round number of {@link #before}. */
    public static final int BEFORE = -1;

    /**
     * The starting model, before round 0: round {@value #BEFORE}, simulated time 0, its held-out quality and
     * checksum, no traffic and no clients.
     */
    public static RoundRecord before(ModelEvaluator.Quality quality, String checksum, boolean synthetic) {
        return new RoundRecord(BEFORE, 0, 0, Double.NaN, quality.accuracy(), Double.NaN, quality.macroF1(),
                quality.perplexity(), 0, 0, 0, 0, 0, 0, 0, Double.NaN, checksum, synthetic);
    }

    /** True for {@link #before}'s record. */
    public boolean isBefore() {
        return round == BEFORE;
    }

    /** Simulated seconds at the end of the round. */
    public double simSeconds() {
        return simTimeNanos / 1e9;
    }

    /** This record with {@code wallMillis = 0}: what must repeat bit for bit under one seed. */
    public RoundRecord withoutWallTime() {
        return new RoundRecord(round, simTimeNanos, 0, trainLoss, accuracy, accuracySpread, macroF1, perplexity, bytesUp,
                bytesDown, parameters, sampled, participants, stragglers, failures, consensusDistance, checksum, synthetic,
                averageModelAccuracy);
    }
}
