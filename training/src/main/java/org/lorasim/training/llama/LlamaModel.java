package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.training.model.AdaptedLayers;
import org.lorasim.training.model.LoraLinear;
import org.lorasim.training.model.LoraSpec;

/**
 * A Llama decoder over a shared frozen {@link LlamaBase} with LoRA factors (Hu et al., arXiv 2106.09685)
 * on the matrices a {@link LoraSpec} selects among {@code layer.i.attention.query|key|value|output} and
 * {@code layer.i.ffn.gate|up|down}, each at its own rank. {@link #forward}: token ids {@code (B, T)} int64
 * to logits {@code (B, T, vocab)} = {@code RMSNorm(layers(embed(ids))) W_out^T}, with {@code W_out} the
 * token embedding when tied. Only the factors are trainable; they live in this model's own manager and
 * {@code A} values are drawn from the constructor's generator in ascending matrix-name order (the order of
 * {@link Adapter#lora()}), {@code B = 0}.
 */
public final class LlamaModel implements AutoCloseable {
    private final LlamaBase base;
    private final List<LlamaLayer> layers = new ArrayList<>();
    private final SortedMap<String, LoraLinear> linears = new TreeMap<>();
    private final AdaptedLayers adapted;

    /** A model over {@code base} with LoRA factors as {@code spec} says; {@code init} draws {@code A}. */
    public LlamaModel(LlamaBase base, LoraSpec spec, RandomGenerator init) {
        this.base = Objects.requireNonNull(base, "base");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(init, "init");
        for (int i = 0; i < base.config().layers(); i++) {
            LlamaLayer layer = new LlamaLayer(base, i);
            layers.add(layer);
            linears.putAll(layer.linears());
        }
        this.adapted = new AdaptedLayers(linears, spec, init, base.manager());
    }

    public LlamaConfig config() {
        return base.config();
    }

    public LlamaBase base() {
        return base;
    }

    /** The linear layers that carry LoRA factors, by matrix name. */
    public SortedMap<String, LoraLinear> adaptedLayers() {
        return adapted.layers();
    }

    /** The trainable arrays (each adapted layer's A then B), in matrix-name order. */
    public List<NDArray> trainableArrays() {
        List<NDArray> out = new ArrayList<>();
        for (LoraLinear l : adapted.layers().values()) {
            for (Parameter p : l.getParameters().values()) {
                if (LoraLinear.isAdapter(p)) {
                    out.add(p.getArray());
                }
            }
        }
        return out;
    }

    /** The current LoRA factors (copies). */
    public Adapter toAdapter() {
        return adapted.toAdapter();
    }

    /** Writes {@code adapter}'s factors in place; it must adapt exactly this model's matrices and ranks. */
    public void loadAdapter(Adapter adapter) {
        Checks.require(adapter.dense().isEmpty(), "a decoder adapter has no dense tensors, got "
                + adapter.dense().keySet());
        adapted.load(adapter, "model");
    }

    /** Sets the generator of LoRA-dropout masks on every adapted layer. */
    public void setDropoutRandom(RandomGenerator random) {
        adapted.setDropoutRandom(random);
    }

    /**
     * Logits {@code (B, T, vocab)} of {@code ids} {@code (B, T)} int64 at positions {@code start..start+T-1}.
     * With a {@code cache}, {@code start} must be its length: keys and values of earlier positions come
     * from it and this forward's are appended. Without one, {@code start} shifts the rotary positions only.
     */
    public NDArray forward(ParameterStore ps, NDArray ids, int start, KvCache cache, boolean training) {
        Checks.require(ids.getShape().dimension() == 2, "token ids must be (batch, length), got " + ids.getShape());
        int t = Math.toIntExact(ids.getShape().get(1));
        Checks.require(start + t <= config().seqLen(), "positions " + start + ".." + (start + t - 1)
                + " exceed the model's context of " + config().seqLen());
        Checks.require(cache == null || cache.length() == start, "start " + start + " differs from the cache's "
                + (cache == null ? 0 : cache.length()) + " positions");
        NDManager m = ids.getManager();
        NDArray x = Embedding.embedding(ids, base.get(LlamaWeights.EMBEDDING), SparseFormat.DENSE).head();
        NDList rope = RotaryEmbedding.tables(m, start, t, config().headSize(), config().ropeTheta());
        for (LlamaLayer layer : layers) {
            x = layer.forward(ps, x, rope, cache, training);
        }
        x = RmsNorm.apply(x, base.get(LlamaWeights.FINAL_NORM), config().normEps());
        return Linear.linear(x, base.outputMatrix()).head();
    }

    /** Inference logits of {@code ids} (one row per sequence, all of one length) from position 0, no cache. */
    public float[][] logits(int[][] ids, NDManager m) {
        int b = ids.length;
        int t = ids[0].length;
        long[] flat = new long[b * t];
        for (int i = 0; i < b; i++) {
            Checks.require(ids[i].length == t, "rows of different lengths");
            for (int j = 0; j < t; j++) {
                flat[i * t + j] = ids[i][j];
            }
        }
        try (NDManager scope = m.newSubManager()) {
            NDArray logits = forward(new ParameterStore(scope, false), scope.create(flat, new Shape(b, t)), 0, null,
                    false);
            float[] all = logits.toType(DataType.FLOAT32, false).toFloatArray();
            int v = config().vocabSize();
            float[][] out = new float[b * t][];
            for (int r = 0; r < b * t; r++) {
                out[r] = java.util.Arrays.copyOfRange(all, r * v, (r + 1) * v);
            }
            return out;
        }
    }

    /** Frees the LoRA factors; the shared base stays with its owner. */
    @Override
    public void close() {
        adapted.close();
    }
}
