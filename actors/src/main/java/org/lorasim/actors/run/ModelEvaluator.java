package org.lorasim.actors.run;

import java.util.List;
import org.lorasim.policies.adapter.Adapter;

/**
 * Held-out quality of a model given by its adapter: the recorder's only window on it. A pure function of the
 * adapter (a fixed held-out sample, a fixed batch order), so a seeded run's figures repeat bit for bit.
 * {@link #NONE} answers NaN: not evaluated (system-only runs, where no model was trained).
 */
@FunctionalInterface
public interface ModelEvaluator {

    /**
     * @param accuracy   fraction of held-out examples classified right; NaN for a decoder
     * @param macroF1    unweighted mean of the per-class F1 ({@link org.lorasim.training.eval.Evaluation#macroF1()})
     * @param perplexity a decoder's held-out perplexity ({@code exp} of the mean next-token cross-entropy over
     *                   the held-out texts' counted tokens); NaN for the encoder
     */
    record Quality(double accuracy, double macroF1, double perplexity) {
        public static final Quality NOT_EVALUATED = new Quality(Double.NaN, Double.NaN, Double.NaN);

        /** A classifier's quality (no perplexity). */
        public Quality(double accuracy, double macroF1) {
            this(accuracy, macroF1, Double.NaN);
        }
    }

    /**
     * A sampled continuation of a held-out prompt by a decoder (the run folder's {@code generations.jsonl}).
     *
     * @param client the client whose own adapter wrote it (a decentralized run, where every client holds its
     *               own model), or {@link #GLOBAL} for the run's one global model
     */
    record Generation(int client, String prompt, String completion) {
        public static final int GLOBAL = -1;

        public Generation {
            if (client < GLOBAL) {
                throw new IllegalArgumentException("client must be >= 0, or GLOBAL (-1), got " + client);
            }
            java.util.Objects.requireNonNull(prompt, "prompt");
            java.util.Objects.requireNonNull(completion, "completion");
        }

        /** A generation of the global model. */
        public Generation(String prompt, String completion) {
            this(GLOBAL, prompt, completion);
        }

        /** The same text, written by {@code client}'s adapter. */
        public Generation by(int client) {
            return new Generation(client, prompt, completion);
        }
    }

    Quality quality(Adapter adapter);

    /** A few sampled generations of the model with {@code adapter}; none for a classifier. */
    default List<Generation> generations(Adapter adapter) {
        return List.of();
    }

    ModelEvaluator NONE = adapter -> Quality.NOT_EVALUATED;
}
