package org.lorasim.training.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.MiniLmTokenizer;
import org.lorasim.training.model.MiniLmWeights;
import org.lorasim.training.model.SentenceClassifier;
import org.lorasim.training.model.TokenBatch;

/**
 * FedPipe's first stage, scoring frozen weight matrices by their contribution to training (Fang et al.,
 * arXiv 2404.06448; the exact score is UNVERIFIED, the secondary sources describe an AdaLoRA-like
 * sensitivity, Zhang et al., arXiv 2303.10512). Ours is the first-order sensitivity of the loss to each
 * frozen matrix {@code W} of the adapted model:
 * <pre>
 *   I(W) = 1/K sum_{k=1..K} sum_{i,j} | W_ij * dL_k / dW_ij |
 * </pre>
 * over {@code K} mini-batches {@code L_k} (mean cross-entropy of the batch), at the client's current
 * adapter and head. Summed (not averaged) over entries, so a larger matrix can score higher: the planner
 * weighs benefit against cost itself.
 *
 * <p>How: the frozen weights are shared and must never require gradients, so the scorer builds a private
 * variant of the base ({@link MiniLmWeights#withValues}) in which the scored matrices are float32 copies
 * that do require gradients, runs ordinary per-thread autograd on a classifier over it, reads
 * {@code dL/dW} from the copies and frees them afterwards. This costs one extra copy of the scored
 * matrices (42 MB for all 36 of MiniLM) only while scoring, and no change to the model code; the
 * alternative, hooks computing {@code (dL/dy)^T x} per layer, would have to reach into every layer.
 */
public final class ImportanceScorer {
    private final BaseModel base;

    public ImportanceScorer(BaseModel base) {
        this.base = Objects.requireNonNull(base, "base model");
    }

    /**
     * Scores of {@code matrices} (adapter keys such as {@code layer.2.attention.value}; every matrix of the
     * model when empty) over {@code batches} mini-batches of {@code batchSize} drawn from {@code examples}
     * with {@code seed}; keyed and iterated by matrix name. Thread-safe: each call has its own arrays.
     */
    public Map<String, Double> score(Adapter adapter, List<Example> examples, List<String> matrices, int batches,
                                     int batchSize, int maxLength, long seed) {
        Objects.requireNonNull(adapter, "adapter");
        Checks.require(examples != null && !examples.isEmpty(), "examples to score on must not be empty");
        Checks.positive("batches", batches);
        List<String> names = matrices == null || matrices.isEmpty() ? BaseMatrices.matrixNames(base.config()) : matrices;
        List<String> known = BaseMatrices.matrixNames(base.config());
        Map<String, float[]> copies = new LinkedHashMap<>();
        for (String m : names) {
            Checks.require(known.contains(m), "'" + m + "' is not a matrix of the base model; names look like "
                    + known.subList(0, 6));
            copies.put(BaseMatrices.weightName(m), base.weights().get(BaseMatrices.weightName(m)).toFloatArray());
        }
        MiniLmTokenizer tokenizer = base.tokenizer(maxLength);
        BatchSampler sampler = new BatchSampler(examples.size(), batchSize, new SplittableRandom(seed));
        double[] sums = new double[names.size()];
        boolean gradMode = JniUtils.isGradMode();
        try (MiniLmWeights variant = base.weights().withValues(base.weights().manager(), copies);
             ClassifierSlot slot = new ClassifierSlot()) {
            List<NDArray> scored = new ArrayList<>();
            for (String m : names) {
                NDArray w = variant.get(BaseMatrices.weightName(m));
                w.setRequiresGradient(true);
                scored.add(w);
            }
            SentenceClassifier classifier = slot.load(variant, adapter, 0);
            for (int k = 0; k < batches; k++) {
                int[] batch = sampler.next();
                List<String> texts = new ArrayList<>();
                int[] labels = new int[batch.length];
                for (int i = 0; i < batch.length; i++) {
                    texts.add(examples.get(batch[i]).text());
                    labels[i] = examples.get(batch[i]).label();
                }
                TokenBatch tokens = tokenizer.encode(texts);
                try (NDManager step = variant.manager().newSubManager()) {
                    JniUtils.setGradMode(true);
                    NDArray logits = classifier.forward(new ParameterStore(step, false), tokens.toNDList(step), false)
                            .singletonOrThrow();
                    NDArray loss = CrossEntropy.mean(logits, labels, step);
                    JniUtils.backward((PtNDArray) loss, (PtNDArray) step.ones(new Shape()), false, false);
                    JniUtils.setGradMode(false);
                    for (int i = 0; i < scored.size(); i++) {
                        NDArray w = scored.get(i);
                        NDArray g = w.getGradient();
                        g.attach(step);
                        NDArray product = ParameterOptimizer.temporary(w.mul(g), step);
                        sums[i] += product.abs().sum().getFloat();
                        JniUtils.zeroGrad((PtNDArray) w);
                    }
                } finally {
                    JniUtils.setGradMode(gradMode);
                }
            }
        }
        Map<String, Double> out = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            out.put(names.get(i), sums[i] / batches);
        }
        return out;
    }
}
