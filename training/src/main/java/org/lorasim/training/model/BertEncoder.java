package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;

/**
 * A BERT encoder (Devlin et al., arXiv 1810.04805) over shared frozen {@link MiniLmWeights}, with LoRA
 * factors (Hu et al., arXiv 2106.09685) on the matrices a {@link LoraSpec} selects. Inputs: token ids
 * {@code (B, T)} and attention mask {@code (B, T)} (1 = token, 0 = padding), both int64, optionally token
 * types; output: the last hidden states {@code (B, T, hidden)}. {@link #meanPool} and {@link #l2Normalize}
 * turn them into sentence embeddings as sentence-transformers does.
 *
 * <p>Only the LoRA factors are trainable: every pretrained weight is built as a frozen parameter over the
 * shared array, the state {@code freezeParameters(true, p -> !LoraLinear.isAdapter(p))} would give. That
 * call is not made: it would write the requires-grad flag of arrays that other encoders may be using on
 * other threads. Never unfreeze them: they are shared. The factors live in this encoder's own
 * sub-manager, freed by {@link #close()}; the pretrained weights stay with their owner. {@code A} values
 * are drawn from the generator given to the constructor in ascending matrix-name order (the order of
 * {@link Adapter#lora()}).
 */
public final class BertEncoder extends AbstractBlock implements AutoCloseable {
    /** The additive mask value of padding positions: {@code torch.finfo(float32).min}, as Hugging Face uses. */
    public static final float MASKED = -Float.MAX_VALUE;

    private final MiniLmConfig config;
    private final BertEmbeddings embeddings;
    private final List<BertLayer> layers = new ArrayList<>();
    private final SortedMap<String, LoraLinear> linears = new TreeMap<>();
    private final AdaptedLayers adapted;

    /**
     * An encoder over {@code weights} with LoRA factors as {@code spec} says; {@code init} draws {@code A}.
     * Throws an IllegalArgumentException for a target that matches nothing or a rank above min(in, out).
     */
    public BertEncoder(MiniLmWeights weights, LoraSpec spec, RandomGenerator init) {
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(init, "init");
        this.config = weights.config();
        this.embeddings = addChildBlock("embeddings", new BertEmbeddings(weights));
        for (int i = 0; i < config.layers(); i++) {
            BertLayer layer = addChildBlock("layer" + i, new BertLayer(weights, i));
            layers.add(layer);
            linears.putAll(layer.linears());
        }
        this.adapted = new AdaptedLayers(linears, spec, init, weights.manager());
    }

    /** Names of the linear layers LoRA can target, for this config, sorted. */
    public List<String> matrixNames() {
        return new ArrayList<>(linears.keySet());
    }

    /** The linear layers that carry LoRA factors, by matrix name. */
    public SortedMap<String, LoraLinear> adaptedLayers() {
        return adapted.layers();
    }

    public MiniLmConfig config() {
        return config;
    }

    /** The current LoRA factors (copies) as an adapter without dense tensors. */
    public Adapter toAdapter() {
        return adapted.toAdapter();
    }

    /**
     * Writes the LoRA factors of {@code adapter} into this encoder's factors, in place. The adapter must
     * have exactly this encoder's matrices, ranks, alpha and scaling; its dense tensors are ignored.
     */
    public void loadAdapter(Adapter adapter) {
        adapted.load(adapter, "encoder");
    }

    /** The manager of this encoder's trainable arrays (freed by {@link #close()}). */
    NDManager adapterManager() {
        return adapted.manager();
    }

    /** Sets the generator of LoRA-dropout masks on every adapted layer (used only in training forwards). */
    public void setDropoutRandom(RandomGenerator random) {
        adapted.setDropoutRandom(random);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        Checks.require(inputs.size() >= 2, "encoder inputs are (token ids, attention mask[, token types]), got "
                + inputs.size() + " arrays");
        NDArray ids = inputs.get(0);
        NDArray mask = inputs.get(1);
        Checks.require(mask.getShape().equals(ids.getShape()), "attention mask shape " + mask.getShape()
                + " differs from token ids shape " + ids.getShape());
        NDList embedInputs = inputs.size() > 2 ? new NDList(ids, inputs.get(2)) : new NDList(ids);
        NDArray hidden = embeddings.forward(ps, embedInputs, training, params).head();
        NDArray additive = additiveMask(mask);
        for (BertLayer layer : layers) {
            hidden = layer.forward(ps, new NDList(hidden, additive), training, params).head();
        }
        return new NDList(hidden);
    }

    /**
     * {@code (1 - mask) * MASKED}, shaped {@code (B, 1, 1, T)} to broadcast over heads and queries. Real
     * tokens get {@code -0.0}, which leaves every attention score bit-identical when added.
     */
    static NDArray additiveMask(NDArray mask) {
        NDManager m = mask.getManager();
        NDArray one = m.full(new Shape(), 1f, DataType.FLOAT32);
        NDArray masked = m.full(new Shape(), MASKED, DataType.FLOAT32);
        long batch = mask.getShape().get(0);
        long length = mask.getShape().get(1);
        return one.sub(mask.toType(DataType.FLOAT32, false)).mul(masked).reshape(batch, 1, 1, length);
    }

    /**
     * Mean of the hidden states over real tokens: {@code sum_t h[b,t] m[b,t] / max(sum_t m[b,t], 1e-9)},
     * the pooling of sentence-transformers. {@code hidden} (B, T, H), {@code mask} (B, T); result (B, H).
     */
    public static NDArray meanPool(NDArray hidden, NDArray mask) {
        NDManager m = hidden.getManager();
        NDArray weights = mask.toType(DataType.FLOAT32, false).expandDims(-1);
        NDArray sum = hidden.mul(weights).sum(new int[] {1});
        NDArray count = weights.sum(new int[] {1}).maximum(m.full(new Shape(), 1e-9f, DataType.FLOAT32));
        return sum.div(count);
    }

    /** Rows divided by their L2 norm (floored at 1e-12, as {@code torch.nn.functional.normalize}). */
    public static NDArray l2Normalize(NDArray x) {
        NDArray norm = x.norm(new int[] {-1}, true)
                .maximum(x.getManager().full(new Shape(), 1e-12f, DataType.FLOAT32));
        return x.div(norm);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape ids = inputShapes[0];
        embeddings.initialize(manager, dataType, ids);
        Shape hidden = ids.add(config.hidden());
        Shape mask = new Shape(ids.get(0), 1, 1, ids.get(1));
        for (BertLayer layer : layers) {
            layer.initialize(manager, dataType, hidden, mask);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hidden())};
    }

    /** Frees the LoRA factors; the shared pretrained weights are left to their owner. */
    @Override
    public void close() {
        adapted.close();
    }
}
