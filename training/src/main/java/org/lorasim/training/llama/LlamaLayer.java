package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.ParameterStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.lorasim.training.model.LoraLinear;

/**
 * One pre-norm Llama decoder layer (Touvron et al., arXiv 2302.13971), as llama2.c's {@code forward}:
 * <pre>
 *   h   = x + O(attention(rope(Q n), rope(K n), V n)),   n = RMSNorm(x)
 *   out = h + Down(silu(Gate m) * Up m),                 m = RMSNorm(h)        (SwiGLU, arXiv 2002.05202)
 * </pre>
 * Attention is causal with scores {@code q k^T / sqrt(headSize)}; query head {@code h} reads key/value
 * head {@code h / groupSize} (grouped-query attention), done by a broadcasting matmul over
 * {@code (B, kvHeads, groupSize, T, headSize)} instead of copying keys. Q, K, V, O, Gate, Up, Down are
 * bias-free {@link LoraLinear}s named {@code layer.i.attention.query|key|value|output} and
 * {@code layer.i.ffn.gate|up|down}.
 */
final class LlamaLayer {
    /** The additive score of a masked (future) position. */
    static final float MASKED = -Float.MAX_VALUE;

    private final LlamaConfig config;
    private final int index;
    private final NDArray attentionNorm;
    private final NDArray ffnNorm;
    private final Map<String, LoraLinear> linears = new LinkedHashMap<>();
    private final LoraLinear query;
    private final LoraLinear key;
    private final LoraLinear value;
    private final LoraLinear output;
    private final LoraLinear gate;
    private final LoraLinear up;
    private final LoraLinear down;

    LlamaLayer(LlamaBase base, int index) {
        this.config = base.config();
        this.index = index;
        String p = LlamaWeights.layerPrefix(index);
        attentionNorm = base.get(p + "attention_norm");
        ffnNorm = base.get(p + "ffn_norm");
        query = linear(base, p + "attention.query");
        key = linear(base, p + "attention.key");
        value = linear(base, p + "attention.value");
        output = linear(base, p + "attention.output");
        gate = linear(base, p + "ffn.gate");
        up = linear(base, p + "ffn.up");
        down = linear(base, p + "ffn.down");
    }

    private LoraLinear linear(LlamaBase base, String name) {
        LoraLinear l = new LoraLinear(name, base.get(name));
        linears.put(name, l);
        return l;
    }

    Map<String, LoraLinear> linears() {
        return linears;
    }

    /** {@code x} {@code (B, T, dim)} with the rotary tables of its positions; {@code cache} may be null. */
    NDArray forward(ParameterStore ps, NDArray x, NDList rope, KvCache cache, boolean training) {
        NDArray h = x.add(attention(ps, RmsNorm.apply(x, attentionNorm, config.normEps()), rope, cache, training));
        NDArray m = RmsNorm.apply(h, ffnNorm, config.normEps());
        NDArray g = apply(gate, ps, m, training);
        NDArray ffn = apply(down, ps, g.mul(Activation.sigmoid(g)).mul(apply(up, ps, m, training)), training);
        return h.add(ffn);
    }

    private NDArray attention(ParameterStore ps, NDArray x, NDList rope, KvCache cache, boolean training) {
        NDManager mgr = x.getManager();
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        int hs = config.headSize();
        int kvHeads = config.kvHeads();
        int group = config.groupSize();
        NDArray q = RotaryEmbedding.apply(heads(apply(query, ps, x, training), b, t, config.heads()), rope);
        NDArray k = RotaryEmbedding.apply(heads(apply(key, ps, x, training), b, t, kvHeads), rope);
        NDArray v = heads(apply(value, ps, x, training), b, t, kvHeads);
        if (cache != null) {
            NDList all = cache.append(index, k, v);
            k = all.get(0);
            v = all.get(1);
        }
        long s = k.getShape().get(2);
        NDArray qg = q.reshape(b, kvHeads, group, t, hs);
        NDArray kg = k.expandDims(2);
        NDArray vg = v.expandDims(2);
        NDArray sqrt = mgr.full(new Shape(), (float) Math.sqrt(hs), DataType.FLOAT32);
        NDArray scores = qg.matMul(kg.transpose(0, 1, 2, 4, 3)).div(sqrt);
        if (t > 1) {
            scores = scores.add(causalMask(mgr, t, s));
        }
        NDArray context = scores.softmax(-1).matMul(vg).reshape(b, config.heads(), t, hs).transpose(0, 2, 1, 3)
                .reshape(b, t, config.dim());
        return apply(output, ps, context, training);
    }

    /** {@code (T, S)}: 0 where key {@code j <= (S - T) + i}, {@link #MASKED} after. */
    static NDArray causalMask(NDManager m, long t, long s) {
        float[] mask = new float[Math.toIntExact(t * s)];
        long offset = s - t;
        for (int i = 0; i < t; i++) {
            for (long j = offset + i + 1; j < s; j++) {
                mask[Math.toIntExact(i * s + j)] = MASKED;
            }
        }
        return m.create(mask, new Shape(t, s));
    }

    private static NDArray heads(NDArray x, long b, long t, int n) {
        return x.reshape(b, t, n, x.getShape().get(2) / n).transpose(0, 2, 1, 3);
    }

    private static NDArray apply(LoraLinear l, ParameterStore ps, NDArray x, boolean training) {
        return l.forward(ps, new NDList(x), training).head();
    }
}
