package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.train.BatchSampler;
import org.lorasim.training.train.ParameterOptimizer;
import org.lorasim.training.train.PerThreadAutograd;

/**
 * FedPipe's importance scores for a decoder's frozen matrices: the encoder's {@code ImportanceScorer}'s
 * first-order sensitivity with the causal-LM loss,
 * <pre>
 *   I(W) = 1/K sum_{k=1..K} sum_{i,j} | W_ij * dL_k / dW_ij |
 * </pre>
 * over {@code K} mini-batches drawn by a {@link BatchSampler}, {@code L_k} the batch's mean next-token
 * cross-entropy over its counted positions ({@link CausalLmLoss}: an instruction example's prompt and the
 * padding do not count, as in training), at the given adapter, without LoRA dropout. {@code W} ranges over
 * {@code layer.i.attention.query|key|value|output} and {@code layer.i.ffn.gate|up|down}. Summed over entries,
 * so a larger matrix can score higher: the planner weighs benefit against cost itself.
 *
 * <p>How: the shared base never requires gradients, so the scorer opens a view of it
 * ({@link LlamaBase#withGradientCopies}) in which the scored matrices are copies that do, runs per-thread
 * autograd ({@link PerThreadAutograd}) on a {@link LlamaModel} over the view, reads {@code dL/dW} from the
 * copies and frees them afterwards: one extra copy of the scored matrices while scoring (all seven matrices of
 * every layer are most of a Llama's weights), no change to the model code.
 */
public final class DecoderImportanceScorer {
    private final LlamaBase base;

    public DecoderImportanceScorer(LlamaBase base) {
        this.base = Objects.requireNonNull(base, "base");
    }

    /**
     * Scores of {@code matrices} (every targetable matrix of the model when empty) over {@code batches}
     * mini-batches of {@code batchSize} drawn from {@code examples} with {@code seed}, each cut to
     * {@code maxLength} predicted positions; keyed and iterated by matrix name. A pure function of its arguments.
     */
    public Map<String, Double> score(Adapter adapter, List<CausalLmExample> examples, List<String> matrices,
                                     int batches, int batchSize, int maxLength, long seed) {
        Objects.requireNonNull(adapter, "adapter");
        Checks.require(examples != null && !examples.isEmpty(), "examples to score on must not be empty");
        Checks.positive("batches", batches);
        Checks.positive("max length", maxLength);
        List<String> known = LlamaWeights.matrixNames(base.config());
        List<String> names = matrices == null || matrices.isEmpty() ? known : List.copyOf(matrices);
        for (String m : names) {
            Checks.require(known.contains(m), "'" + m + "' is not a matrix of the decoder; names look like "
                    + known.subList(0, Math.min(7, known.size())));
        }
        BatchSampler sampler = new BatchSampler(examples.size(), batchSize, new SplittableRandom(seed));
        double[] sums = new double[names.size()];
        boolean gradMode = JniUtils.isGradMode();
        try (LlamaBase view = base.withGradientCopies(names);
             LlamaModel model = new LlamaModel(view, CausalLmTrainer.specOf(adapter, 0), new SplittableRandom(0))) {
            JniUtils.setGradMode(false);
            model.loadAdapter(adapter);
            List<NDArray> scored = new ArrayList<>(names.size());
            for (String m : names) {
                scored.add(view.get(m));
            }
            for (int k = 0; k < batches; k++) {
                List<CausalLmExample> picked = new ArrayList<>();
                for (int i : sampler.next()) {
                    picked.add(examples.get(i));
                }
                CausalLmBatch batch = CausalLmBatch.of(picked, maxLength);
                int targets = batch.targets();
                Checks.require(targets > 0, "a batch to score has no target token (every position is prompt or "
                        + "padding)");
                try (NDManager step = view.manager().newSubManager()) {
                    PerThreadAutograd.backward(() -> CausalLmLoss.mean(model.forward(new ParameterStore(step, false),
                            batch.inputArray(step), 0, null, false), batch.labels(), targets, step), step);
                    for (int i = 0; i < scored.size(); i++) {
                        NDArray w = scored.get(i);
                        NDArray g = w.getGradient();
                        g.attach(step);
                        sums[i] += ParameterOptimizer.temporary(w.mul(g), step).abs().sum().getFloat();
                        JniUtils.zeroGrad((PtNDArray) w);
                    }
                    PerThreadAutograd.zeroGradients(model.trainableArrays());
                }
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        Map<String, Double> out = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), sums[i] / batches);
        }
        return out;
    }
}
