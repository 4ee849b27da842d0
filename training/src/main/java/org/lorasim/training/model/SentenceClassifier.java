package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.DenseTensor;

/**
 * Sentence classification on a LoRA-adapted {@link BertEncoder}: logits {@code = W_h meanPool(encoder(x))
 * + b_h}, the sentence-transformers pooling followed by a linear head (no normalisation). The head is
 * trainable beside the LoRA factors and travels in the adapter as the dense tensors
 * {@value #HEAD_WEIGHT} {@code [classes, hidden]} and {@value #HEAD_BIAS} {@code [classes]}.
 * Initialisation as {@code torch.nn.Linear}: weight and bias {@code ~ U(-1/sqrt(hidden), 1/sqrt(hidden))},
 * drawn from the given generator. Inputs as the encoder's; output {@code (B, classes)} logits.
 */
public final class SentenceClassifier extends AbstractBlock implements AutoCloseable {
    public static final String HEAD_WEIGHT = "head.weight";
    public static final String HEAD_BIAS = "head.bias";

    private final BertEncoder encoder;
    private final int classes;
    private final Parameter headWeight;
    private final Parameter headBias;

    /**
     * A head of {@code classes} outputs on {@code encoder}, drawn from {@code init}. Takes ownership of the
     * encoder: the head lives beside its LoRA factors and {@link #close()} frees both.
     */
    public SentenceClassifier(BertEncoder encoder, int classes, RandomGenerator init) {
        this.encoder = addChildBlock("encoder", Objects.requireNonNull(encoder, "encoder"));
        this.classes = Checks.positive("classes", classes);
        Objects.requireNonNull(init, "init");
        NDManager manager = encoder.adapterManager();
        int hidden = encoder.config().hidden();
        double bound = 1.0 / Math.sqrt(hidden);
        headWeight = addParameter(LoraLinear.trainable(HEAD_WEIGHT, manager, new Shape(classes, hidden),
                LoraLinear.uniform(init, classes * hidden, bound)));
        headBias = addParameter(LoraLinear.trainable(HEAD_BIAS, manager, new Shape(classes), LoraLinear.uniform(init, classes, bound)));
    }

    /** Whether {@code p} is trained: a LoRA factor or the head. */
    public static boolean isTrainable(Parameter p) {
        return LoraLinear.isAdapter(p) || p.getName().equals(HEAD_WEIGHT) || p.getName().equals(HEAD_BIAS);
    }

    public BertEncoder encoder() {
        return encoder;
    }

    public int classes() {
        return classes;
    }

    /** LoRA factors and head (copies) as one adapter. */
    public Adapter toAdapter() {
        return encoder.toAdapter().withDense(Map.of(
                HEAD_WEIGHT, new DenseTensor(intShape(headWeight), headWeight.getArray().toFloatArray()),
                HEAD_BIAS, new DenseTensor(intShape(headBias), headBias.getArray().toFloatArray())));
    }

    /** Writes an adapter of this layout (LoRA factors and head) into the trainable arrays, in place. */
    public void loadAdapter(Adapter adapter) {
        Checks.require(adapter.dense().keySet().equals(Set.of(HEAD_WEIGHT, HEAD_BIAS)),
                "adapter has dense tensors " + adapter.dense().keySet() + ", the classifier needs ["
                        + HEAD_BIAS + ", " + HEAD_WEIGHT + "]");
        DenseTensor w = adapter.dense().get(HEAD_WEIGHT);
        DenseTensor b = adapter.dense().get(HEAD_BIAS);
        Checks.require(Arrays.equals(w.shape(), intShape(headWeight))
                        && Arrays.equals(b.shape(), intShape(headBias)),
                "head shapes " + Arrays.toString(w.shape()) + " / " + Arrays.toString(b.shape())
                        + " differ from the classifier's " + headWeight.getShape() + " / " + headBias.getShape());
        Checks.allFinite(HEAD_WEIGHT, w.values());
        Checks.allFinite(HEAD_BIAS, b.values());
        encoder.loadAdapter(adapter);
        InPlaceValues.write(headWeight.getArray(), w.values());
        InPlaceValues.write(headBias.getArray(), b.values());
    }

    private static int[] intShape(Parameter p) {
        return Arrays.stream(p.getShape().getShape()).mapToInt(Math::toIntExact).toArray();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray hidden = encoder.forward(ps, inputs, training, params).head();
        NDArray pooled = BertEncoder.meanPool(hidden, inputs.get(1));
        var device = pooled.getDevice();
        return Linear.linear(pooled, ps.getValue(headWeight, device, training), ps.getValue(headBias, device, training));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), classes)};
    }

    @Override
    public void close() {
        encoder.close();
    }
}
