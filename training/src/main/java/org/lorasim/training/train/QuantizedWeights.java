package org.lorasim.training.train;

import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.quantization.QuantizedMatrix;
import org.lorasim.policies.quantization.Quantizer;
import org.lorasim.training.model.MiniLmWeights;

/**
 * A frozen base whose linear weights went through a quantizer and back: FedPipe's quantized frozen model
 * (Fang et al., arXiv 2404.06448; the paper uses NormalFloat at a per-server bit width, UNVERIFIED which;
 * {@code int8}, {@code int4} and {@code nf4} are all offered). Each of the {@code 6 x layers} linear
 * weights, stored {@code [out, in]}, is quantized with the given {@link Quantizer} (for {@code int8} and
 * {@code int4} from {@code Quantizers.byName}: symmetric absmax, one scale per row, i.e. per output channel)
 * and dequantized to float32. Embeddings, biases and LayerNorm parameters stay float32, as in QLoRA-style
 * setups that quantize only the linear layers.
 *
 * <p>The memory saving is simulated (the dequantized values are stored as float32; the cost models count
 * {@code QuantizedMatrix.byteSize}); the effect on accuracy is real, since every forward pass uses the
 * rounded weights.
 */
public final class QuantizedWeights {
    private QuantizedWeights() {
    }

    /**
     * A variant of {@code base} (in a sub-manager of {@code parent}) whose linear weights are
     * {@code quantizer}'s reconstruction. Deterministic quantizers only.
     */
    public static MiniLmWeights of(MiniLmWeights base, Quantizer quantizer, NDManager parent) {
        Objects.requireNonNull(base, "base weights");
        Objects.requireNonNull(quantizer, "quantizer");
        Map<String, float[]> values = new LinkedHashMap<>();
        for (String matrix : BaseMatrices.matrixNames(base.config())) {
            String name = BaseMatrices.weightName(matrix);
            var array = base.get(name);
            int rows = Math.toIntExact(array.getShape().get(0));
            int cols = Math.toIntExact(array.getShape().get(1));
            QuantizedMatrix q = quantizer.quantize(array.toFloatArray(), rows, cols);
            values.put(name, q.dequantize());
        }
        return base.withValues(parent, values);
    }

    /** Exact quantized payload of the linear weights under {@code quantizer}, in bytes. */
    public static long linearWeightBytes(MiniLmWeights base, Quantizer quantizer) {
        long bytes = 0;
        for (String matrix : BaseMatrices.matrixNames(base.config())) {
            var shape = base.get(BaseMatrices.weightName(matrix)).getShape();
            bytes += quantizer.byteSize(Math.toIntExact(shape.get(0)), Math.toIntExact(shape.get(1)));
        }
        return bytes;
    }
}
