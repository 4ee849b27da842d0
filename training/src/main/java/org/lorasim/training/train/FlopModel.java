package org.lorasim.training.train;

import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.training.model.MiniLmConfig;
import org.lorasim.training.model.SentenceClassifier;

/**
 * The matrix-multiply FLOPs of a LoRA classifier step on a BERT encoder, counted from the architecture
 * (Devlin et al., arXiv 1810.04805; LoRA, Hu et al., arXiv 2106.09685), one multiply-add = 2 FLOPs, in
 * the accounting of Kaplan et al. (arXiv 2001.08361) that {@code FedPipeCostModel} also uses. With
 * {@code H} hidden, {@code I} FFN width, {@code C} classes, a batch of {@code B} sequences padded to
 * {@code T} positions (padding is computed, so it is counted) and {@code P = sum r (in + out)} LoRA values:
 * <pre>
 *   forward  per layer : B T (8 H^2 + 4 H I)        the six frozen linears, 2 in out per token
 *                        + B 4 T^2 H                Q K^T and softmax(.) V over all heads
 *            LoRA      : B T 2 P                    x A^T then (.) B^T, per token
 *            head      : B 2 H C
 *   backward frozen linear: 1 x forward  (activation gradient only: frozen weights get no weight gradient)
 *            attention     : 2 x forward  (both operands are activations)
 *            LoRA, head    : 2 x forward  (activation gradient + weight gradient)
 * </pre>
 * so a training step is {@code 4 x} the frozen-linear forward, {@code 3 x} attention, {@code 3 x} LoRA
 * and head (the cost model's 4 and 6 per parameter per token). Backward is counted only for layers from
 * the lowest adapted one upward (autograd stops below it); with no LoRA matrix only the head is
 * differentiated. Not counted: embedding lookups, LayerNorm, softmax, GELU, pooling, the loss and the
 * optimiser (all linear in {@code B T H}, under 1% here).
 */
public final class FlopModel {
    private final MiniLmConfig config;
    private final long loraParameters;
    private final int lowestAdaptedLayer;
    private final int classes;

    /**
     * @param loraParameters     {@code sum over adapted matrices of r (in + out)}, {@code >= 0}
     * @param lowestAdaptedLayer the smallest layer index holding a LoRA matrix, or {@code config.layers()}
     *                           when none does
     * @param classes            width of the classification head
     */
    public FlopModel(MiniLmConfig config, long loraParameters, int lowestAdaptedLayer, int classes) {
        this.config = Objects.requireNonNull(config, "config");
        Checks.require(loraParameters >= 0, "loraParameters must be >= 0, got " + loraParameters);
        Checks.require(lowestAdaptedLayer >= 0 && lowestAdaptedLayer <= config.layers(), "lowestAdaptedLayer must "
                + "be in [0, " + config.layers() + "], got " + lowestAdaptedLayer);
        Checks.require(loraParameters > 0 || lowestAdaptedLayer == config.layers(),
                "with no LoRA values the lowest adapted layer must be " + config.layers() + ", got " + lowestAdaptedLayer);
        this.loraParameters = loraParameters;
        this.lowestAdaptedLayer = lowestAdaptedLayer;
        this.classes = Checks.positive("classes", classes);
    }

    /** The model of a classifier adapter: its LoRA matrices and its head's width. */
    public static FlopModel of(MiniLmConfig config, Adapter adapter) {
        long p = 0;
        int lowest = config.layers();
        for (Map.Entry<String, LoraFactors> e : adapter.lora().entrySet()) {
            p += e.getValue().parameterCount();
            lowest = Math.min(lowest, BaseMatrices.layerOf(e.getKey()));
        }
        DenseTensor head = adapter.dense().get(SentenceClassifier.HEAD_WEIGHT);
        Checks.require(head != null, "adapter has no " + SentenceClassifier.HEAD_WEIGHT);
        return new FlopModel(config, p, lowest, head.shape()[0]);
    }

    /** FLOPs of one forward pass (evaluation) of {@code batch} sequences padded to {@code length}. */
    public long forwardFlops(int batch, int length) {
        long b = Checks.positive("batch", batch);
        long t = Checks.positive("length", length);
        return Math.addExact(Math.addExact(Math.multiplyExact(config.layers(), layerForward(b, t)),
                loraForward(b, t)), headForward(b));
    }

    /** FLOPs of one training step (forward and backward) on {@code batch} sequences padded to {@code length}. */
    public long trainingFlops(int batch, int length) {
        long b = Checks.positive("batch", batch);
        long t = Checks.positive("length", length);
        long layers = config.layers();
        long differentiated = layers - lowestAdaptedLayer;
        long frozen = Math.multiplyExact(b * t, linearForwardPerToken());
        long attention = Math.multiplyExact(b, attentionForwardPerSequence(t));
        long forward = Math.addExact(Math.multiplyExact(layers, frozen + attention), loraForward(b, t));
        forward = Math.addExact(forward, headForward(b));
        long backward = Math.addExact(Math.multiplyExact(differentiated, frozen + 2 * attention),
                2 * loraForward(b, t));
        backward = Math.addExact(backward, 2 * headForward(b));
        return Math.addExact(forward, backward);
    }

    private long layerForward(long b, long t) {
        return Math.addExact(Math.multiplyExact(b * t, linearForwardPerToken()),
                Math.multiplyExact(b, attentionForwardPerSequence(t)));
    }

    /** {@code 2 (4 H^2 + 2 H I)}: Q, K, V, O and the two FFN matrices. */
    private long linearForwardPerToken() {
        long h = config.hidden();
        return 2 * (4 * h * h + 2 * h * config.intermediate());
    }

    /** {@code 4 T^2 H}. */
    private long attentionForwardPerSequence(long t) {
        return Math.multiplyExact(4 * t * t, (long) config.hidden());
    }

    private long loraForward(long b, long t) {
        return Math.multiplyExact(2 * b * t, loraParameters);
    }

    private long headForward(long b) {
        return 2 * b * config.hidden() * classes;
    }

    public long loraParameters() {
        return loraParameters;
    }

    public int lowestAdaptedLayer() {
        return lowestAdaptedLayer;
    }

    public int classes() {
        return classes;
    }
}
