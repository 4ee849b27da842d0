package org.lorasim.training.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.quantization.Quantizers;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.SentenceClassifier;

/**
 * One client's local training job: start from {@code adapter} (LoRA factors with their per-matrix ranks,
 * and the classifier head as the dense tensors {@code head.weight}, {@code head.bias}), run
 * {@code steps} mini-batch steps or {@code epochs} passes over {@code examples}, return the new adapter.
 *
 * <p>Proximal term (FedProx, Li et al., arXiv 1812.06127; SA-FedLoRA's initiating stage, arXiv
 * 2405.09394): with {@code proximalMu > 0} the objective is {@code loss + mu/2 ||theta - anchor||^2} over
 * every adapter value (LoRA factors and head, the layout of {@code Adapter.flatten()}); {@code anchor} must
 * then be given and have the adapter's layout. The reported losses are the task loss alone.
 *
 * <p>Randomness: {@code seed} alone fixes the shuffling and the LoRA-dropout masks (the trainer splits it
 * into two streams); callers derive it from {@code RngStreams.seed(purpose, client)}. A seed rather than a
 * {@code RandomGenerator} keeps the request an immutable value: running it twice (a retried or replayed
 * client) gives the same adapter, where a generator would have been consumed by the first run.
 *
 * @param adapter        the starting adapter; its layout decides the trained matrices and ranks. A classifier
 *                       adapter has a head and every label must be below its class count; a decoder's adapter
 *                       (LoRA factors only, no dense tensor) trains on the texts, whose labels it ignores
 * @param examples       the client's shard, non-empty; every label below the head's class count
 * @param steps          mini-batch steps, or 0 when {@code epochs} is given
 * @param epochs         passes over the shard, or 0 when {@code steps} is given
 * @param batchSize      examples per step, {@code > 0} (capped at the shard size)
 * @param optimizer      optimiser and learning rate
 * @param proximalMu     {@code mu >= 0}; 0 switches the term off
 * @param anchor         the proximal anchor (the global adapter), null when {@code proximalMu == 0}
 * @param maxLength      tokens per sentence including {@code [CLS]} and {@code [SEP]}, in [2, 512]; each
 *                       batch is padded to its own longest sentence
 * @param loraDropout    LoRA dropout probability in [0, 1)
 * @param basePrecision  the frozen base the client trains on: {@code fp32}, or a {@code Quantizers} name
 *                       such as {@code int8}, {@code int4}, {@code nf4}
 * @param seed           the run's randomness
 * @param model          the frozen base to train over ({@link ModelRef#ENCODER} unless the builder names another):
 *                       read by a trainer that serves any run (a cluster's trainer node); it is no part of the
 *                       outcome beyond choosing the base
 */
public record TrainingRequest(Adapter adapter, List<Example> examples, int steps, int epochs, int batchSize,
                              OptimizerSettings optimizer, double proximalMu, Adapter anchor, int maxLength,
                              double loraDropout, String basePrecision, long seed, ModelRef model) {

    public static final String FULL_PRECISION = "fp32";

    public TrainingRequest {
        Objects.requireNonNull(adapter, "adapter");
        Checks.require(examples != null && !examples.isEmpty(), "examples (the client's shard) must not be empty");
        examples = List.copyOf(examples);
        Checks.nonNegative("steps", steps);
        Checks.nonNegative("epochs", epochs);
        Checks.require((steps > 0) != (epochs > 0), "exactly one of steps and epochs must be > 0, got steps="
                + steps + ", epochs=" + epochs);
        Checks.positive("batch size", batchSize);
        Objects.requireNonNull(optimizer, "optimizer");
        Checks.nonNegative("proximal mu", proximalMu);
        if (proximalMu > 0) {
            Checks.require(anchor != null, "proximal mu is " + proximalMu + " but no anchor adapter was given");
            adapter.requireSameLayout(anchor, "the proximal anchor");
            Checks.allFinite("proximal anchor", anchor.flatten());
        }
        Checks.require(maxLength >= 2 && maxLength <= 512, "max length must be in [2, 512], got " + maxLength);
        Checks.require(loraDropout >= 0 && loraDropout < 1, "LoRA dropout must be in [0, 1), got " + loraDropout);
        Checks.require(basePrecision != null && !basePrecision.isBlank(), "base precision must not be empty");
        if (!basePrecision.equals(FULL_PRECISION)) {
            Quantizers.byName(basePrecision);
        }
        if (!adapter.dense().isEmpty()) {
            requireLabelsFitHead(adapter, examples);
        }
        Objects.requireNonNull(model, "model");
    }

    private static void requireLabelsFitHead(Adapter adapter, List<Example> examples) {
        DenseTensor head = adapter.dense().get(SentenceClassifier.HEAD_WEIGHT);
        Checks.require(head != null && head.shape().length == 2, "adapter has no 2-d "
                + SentenceClassifier.HEAD_WEIGHT + ": a classifier adapter needs one; it has " + adapter.dense().keySet());
        int classes = head.shape()[0];
        for (Example e : examples) {
            Checks.require(e.label() < classes, "label " + e.label() + " of example '" + e.text()
                    + "' is outside the head's " + classes + " classes");
        }
    }

    /** A builder with AdamW lr 1e-3, no decay, 1 epoch, batch 16, max length 64, fp32 base, seed 0, the encoder. */
    public static Builder builder(Adapter adapter, List<Example> examples) {
        return new Builder(adapter, examples);
    }

    /** The examples at {@code indices} of {@code all} (a client's partition over a dataset), in index order. */
    public static List<Example> shard(List<Example> all, int[] indices) {
        Objects.requireNonNull(all, "all examples");
        Objects.requireNonNull(indices, "indices");
        List<Example> out = new ArrayList<>(indices.length);
        for (int i : indices) {
            Checks.require(i >= 0 && i < all.size(), "example index " + i + " is outside [0, " + all.size() + ")");
            out.add(all.get(i));
        }
        return out;
    }

    /** The head's class count; 0 for a decoder's adapter, which has no head. */
    public int classes() {
        DenseTensor head = adapter.dense().get(SentenceClassifier.HEAD_WEIGHT);
        return head == null ? 0 : head.shape()[0];
    }

    /** This request with another starting adapter (e.g. the next round's global adapter). */
    public TrainingRequest withAdapter(Adapter newAdapter) {
        return new TrainingRequest(newAdapter, examples, steps, epochs, batchSize, optimizer, proximalMu, anchor,
                maxLength, loraDropout, basePrecision, seed, model);
    }

    public TrainingRequest withSeed(long newSeed) {
        return new TrainingRequest(adapter, examples, steps, epochs, batchSize, optimizer, proximalMu, anchor,
                maxLength, loraDropout, basePrecision, newSeed, model);
    }

    /** Mutable builder of a {@link TrainingRequest}; {@link #build()} validates. */
    public static final class Builder {
        private final Adapter adapter;
        private final List<Example> examples;
        private int steps;
        private int epochs = 1;
        private int batchSize = 16;
        private OptimizerSettings optimizer = OptimizerSettings.adamW(1e-3, 0);
        private double proximalMu;
        private Adapter anchor;
        private int maxLength = 64;
        private double loraDropout;
        private String basePrecision = FULL_PRECISION;
        private long seed;
        private ModelRef model = ModelRef.ENCODER;

        private Builder(Adapter adapter, List<Example> examples) {
            this.adapter = adapter;
            this.examples = examples;
        }

        /** Runs {@code n} steps (and no epoch count). */
        public Builder steps(int n) {
            this.steps = n;
            this.epochs = 0;
            return this;
        }

        /** Runs {@code n} passes over the shard (and no step count). */
        public Builder epochs(int n) {
            this.epochs = n;
            this.steps = 0;
            return this;
        }

        public Builder batchSize(int n) {
            this.batchSize = n;
            return this;
        }

        public Builder optimizer(OptimizerSettings settings) {
            this.optimizer = settings;
            return this;
        }

        /** AdamW at {@code learningRate}, keeping the other settings of the current optimiser. */
        public Builder learningRate(double learningRate) {
            this.optimizer = optimizer.withLearningRate(learningRate);
            return this;
        }

        public Builder proximal(double mu, Adapter anchorAdapter) {
            this.proximalMu = mu;
            this.anchor = anchorAdapter;
            return this;
        }

        public Builder maxLength(int n) {
            this.maxLength = n;
            return this;
        }

        public Builder loraDropout(double p) {
            this.loraDropout = p;
            return this;
        }

        public Builder basePrecision(String name) {
            this.basePrecision = name;
            return this;
        }

        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** The base to train over (default {@link ModelRef#ENCODER}). */
        public Builder model(ModelRef ref) {
            this.model = ref;
            return this;
        }

        public TrainingRequest build() {
            return new TrainingRequest(adapter, examples, steps, epochs, batchSize, optimizer, proximalMu, anchor,
                    maxLength, loraDropout, basePrecision, seed, model);
        }
    }
}
