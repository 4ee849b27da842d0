package org.lorasim.actors.run;

import java.util.Objects;
import org.lorasim.actors.serialization.LorasimMessage;

/**
 * What {@code summary.json} holds at the end of a run.
 *
 * @param variant          centralized, decentralized or pipeline
 * @param algorithm        the algorithm's name as the configuration gives it
 * @param rounds           rounds finished
 * @param initialAccuracy  held-out accuracy of the starting model; NaN when not evaluated
 * @param finalAccuracy    held-out accuracy after the last round; NaN when not evaluated
 * @param simTimeNanos     simulated time at the end
 * @param wallMillis       wall milliseconds of the whole run (a measurement)
 * @param bytesUp          bytes sent by clients over the run
 * @param bytesDown        bytes sent to clients over the run
 * @param events           scenario and failure events recorded
 * @param checksum         the final model's checksum ({@link RoundRecord#checksum()})
 * @param synthetic        true for a system-only run (cost-model trainer: no model was trained)
 * @param outcome          {@code finished}, or why the run stopped early
 */
public record RunSummary(String variant, String algorithm, int rounds, double initialAccuracy, double finalAccuracy,
                         long simTimeNanos, long wallMillis, long bytesUp, long bytesDown, int events, String checksum,
                         boolean synthetic, String outcome) implements LorasimMessage {

    public RunSummary {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(checksum, "checksum");
        Objects.requireNonNull(outcome, "outcome");
    }

    public boolean finished() {
        return "finished".equals(outcome);
    }
}
