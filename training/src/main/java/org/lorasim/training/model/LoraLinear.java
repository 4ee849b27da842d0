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
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.LoraFactors;
import org.lorasim.policies.adapter.LoraScaling;

/**
 * A frozen linear layer {@code y = x W^T + b} ({@code W} is {@code [out, in]}, shared and never trained)
 * with optional LoRA factors (Hu et al., arXiv 2106.09685): {@code y = x W^T + b + s (drop(x) A^T) B^T},
 * {@code A} rank x in, {@code B} out x rank, {@code s} from {@link LoraScaling}.
 *
 * <p>Initialisation follows PEFT: {@code B = 0}, so the adapted layer starts equal to the base layer, and
 * {@code A ~ U(-1/sqrt(in), 1/sqrt(in))}, which is {@code kaiming_uniform_(a = sqrt 5)}; the values come
 * from a Java {@link RandomGenerator}, never from the engine's global generator.
 *
 * <p>LoRA dropout (on the input of {@code A}, as PEFT does) is active only in training forwards; its mask
 * is drawn from the generator given to {@link #setDropoutRandom}, so a seeded run is repeatable. The scale
 * {@code s} is multiplied as a 0-d array, never as a Java number (DJL frees the buffer of a
 * {@code mul(Number)} operand that autograd still holds).
 */
public final class LoraLinear extends AbstractBlock {
    /** Prefix of the names of trainable LoRA parameters. */
    public static final String ADAPTER_PREFIX = "lora_";

    private final String matrixName;
    private final int inFeatures;
    private final int outFeatures;
    private final Parameter weight;
    private final Parameter bias;
    private Parameter loraA;
    private Parameter loraB;
    private int rank;
    private double alpha;
    private LoraScaling scaling;
    private double dropout;
    private RandomGenerator dropoutRandom;

    /** A frozen layer over shared arrays {@code weight} ({@code [out, in]}) and {@code bias} ({@code [out]}). */
    public LoraLinear(String matrixName, NDArray weight, NDArray bias) {
        this(matrixName, weight, Objects.requireNonNull(bias, "bias"), true);
    }

    /** A frozen layer without bias, {@code y = x W^T}, over the shared array {@code weight} ({@code [out, in]}). */
    public LoraLinear(String matrixName, NDArray weight) {
        this(matrixName, weight, null, false);
    }

    private LoraLinear(String matrixName, NDArray weight, NDArray bias, boolean hasBias) {
        this.matrixName = Objects.requireNonNull(matrixName, "matrixName");
        Shape ws = weight.getShape();
        Checks.require(ws.dimension() == 2, "weight of '" + matrixName + "' must be [out, in], got " + ws);
        this.outFeatures = Math.toIntExact(ws.get(0));
        this.inFeatures = Math.toIntExact(ws.get(1));
        this.weight = addParameter(frozen("weight", Parameter.Type.WEIGHT, weight));
        if (hasBias) {
            Checks.require(bias.getShape().equals(new Shape(ws.get(0))),
                    "bias of '" + matrixName + "' must be [" + ws.get(0) + "], got " + bias.getShape());
            this.bias = addParameter(frozen("bias", Parameter.Type.BIAS, bias));
        } else {
            this.bias = null;
        }
    }

    private static Parameter frozen(String name, Parameter.Type type, NDArray array) {
        return Parameter.builder().setName(name).setType(type).optShape(array.getShape()).optArray(array)
                .optRequiresGrad(false).build();
    }

    /** Whether {@code p} is a trainable LoRA factor (as opposed to a frozen pretrained weight). */
    public static boolean isAdapter(Parameter p) {
        return p.getName().startsWith(ADAPTER_PREFIX);
    }

    /**
     * Adds trainable factors of {@code rank} ({@code A} from {@code init}, {@code B = 0}) in arrays of
     * {@code manager}. Allowed once per layer; {@code 0 < rank <= min(in, out)}.
     */
    public void attachLora(int rank, double alpha, LoraScaling scaling, double dropout, RandomGenerator init,
                    NDManager manager) {
        Checks.require(loraA == null, "'" + matrixName + "' already has LoRA factors");
        Checks.positive("rank of '" + matrixName + "'", rank);
        Checks.require(rank <= Math.min(inFeatures, outFeatures), "rank of '" + matrixName + "' is " + rank
                + ", more than min(in, out) = min(" + inFeatures + ", " + outFeatures + ")");
        this.rank = rank;
        this.alpha = alpha;
        this.scaling = Objects.requireNonNull(scaling, "scaling");
        this.dropout = Checks.probability("dropout", dropout);
        double s = scaling.factor(alpha, rank);
        Checks.require(Double.isFinite(s), "LoRA scale of '" + matrixName + "' is not finite: " + s);
        float[] a = uniform(init, rank * inFeatures, 1.0 / Math.sqrt(inFeatures));
        loraA = addParameter(trainable("lora_A", manager, new Shape(rank, inFeatures), a));
        loraB = addParameter(trainable("lora_B", manager, new Shape(outFeatures, rank),
                new float[outFeatures * rank]));
    }

    /** {@code n} values drawn from {@code U(-bound, bound)}: PEFT's A and torch.nn.Linear's head initialisation. */
    public static float[] uniform(RandomGenerator init, int n, double bound) {
        float[] v = new float[n];
        for (int k = 0; k < n; k++) {
            v[k] = (float) init.nextDouble(-bound, bound);
        }
        return v;
    }

    /** A trainable parameter over a new array of {@code manager} holding {@code values}. */
    public static Parameter trainable(String name, NDManager manager, Shape shape, float[] values) {
        NDArray array = manager.create(values, shape);
        array.setName(name);
        array.setRequiresGradient(true);
        return Parameter.builder().setName(name).setType(Parameter.Type.WEIGHT).optShape(shape).optArray(array)
                .build();
    }

    /** The generator of LoRA-dropout masks for training forwards (needed only when dropout > 0). */
    public void setDropoutRandom(RandomGenerator random) {
        this.dropoutRandom = random;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = ps.getValue(weight, x.getDevice(), training);
        NDArray y = bias == null ? Linear.linear(x, w).singletonOrThrow()
                : Linear.linear(x, w, ps.getValue(bias, x.getDevice(), training)).singletonOrThrow();
        if (loraA == null) {
            return new NDList(y);
        }
        NDArray a = ps.getValue(loraA, x.getDevice(), training);
        NDArray bb = ps.getValue(loraB, x.getDevice(), training);
        NDArray in = training && dropout > 0 ? x.mul(dropoutMask(x)) : x;
        NDArray delta = Linear.linear(Linear.linear(in, a).singletonOrThrow(), bb).singletonOrThrow();
        NDArray s = x.getManager().full(new Shape(), (float) scale(), DataType.FLOAT32);
        return new NDList(y.add(delta.mul(s)));
    }

    private NDArray dropoutMask(NDArray x) {
        if (dropoutRandom == null) {
            throw new IllegalStateException("LoRA dropout " + dropout + " on '" + matrixName
                    + "' needs a generator: call setDropoutRandom before a training forward");
        }
        float keep = (float) (1.0 / (1.0 - dropout));
        float[] mask = new float[Math.toIntExact(x.size())];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = dropoutRandom.nextDouble() < dropout ? 0f : keep;
        }
        return x.getManager().create(mask, x.getShape());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {in.slice(0, in.dimension() - 1).add(outFeatures)};
    }

    /** Current factors as plain arrays (copies); the layer must have LoRA factors. */
    public LoraFactors toFactors() {
        requireLora();
        return new LoraFactors(rank, inFeatures, outFeatures, loraA.getArray().toFloatArray(),
                loraB.getArray().toFloatArray(), alpha, scaling);
    }

    /** Writes {@code f}'s values into this layer's factors, in place (they stay trainable). */
    public void loadFactors(LoraFactors f) {
        requireLora();
        Checks.require(f.rank() == rank && f.inFeatures() == inFeatures && f.outFeatures() == outFeatures,
                "factors for '" + matrixName + "' are r=" + f.rank() + " " + f.outFeatures() + "x" + f.inFeatures()
                        + ", the layer has r=" + rank + " " + outFeatures + "x" + inFeatures);
        Checks.require(Double.compare(f.alpha(), alpha) == 0 && f.scaling() == scaling, "factors for '"
                + matrixName + "' have alpha=" + f.alpha() + " " + f.scaling() + ", the layer has alpha=" + alpha
                + " " + scaling);
        Checks.allFinite("A of '" + matrixName + "'", f.a());
        Checks.allFinite("B of '" + matrixName + "'", f.b());
        InPlaceValues.write(loraA.getArray(), f.a());
        InPlaceValues.write(loraB.getArray(), f.b());
    }

    private void requireLora() {
        Checks.require(loraA != null, "'" + matrixName + "' has no LoRA factors");
    }

    public boolean hasLora() {
        return loraA != null;
    }

    /** The factor {@code s} of {@code s B A}; only meaningful when {@link #hasLora()}. */
    public double scale() {
        return scaling.factor(alpha, rank);
    }

    public String matrixName() {
        return matrixName;
    }

    public int rank() {
        return rank;
    }

    public int inFeatures() {
        return inFeatures;
    }

    public int outFeatures() {
        return outFeatures;
    }
}
