package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One post-LayerNorm transformer encoder layer as in BERT (Vaswani et al., arXiv 1706.03762; Devlin et
 * al., arXiv 1810.04805):
 * <pre>
 *   a   = LayerNorm(x + O(softmax(Q K^T / sqrt(d) + mask) V))      per head, d = hidden / heads
 *   out = LayerNorm(a + W2 gelu(W1 a))                              gelu = exact erf GELU
 * </pre>
 * Q, K, V, O, W1, W2 are {@link LoraLinear}s named {@code layer.i.attention.query|key|value|output} and
 * {@code layer.i.ffn.in|out}. Inputs: hidden states {@code (B, T, H)} and the additive attention mask
 * {@code (B, 1, 1, T)} (0 for tokens, a large negative number for padding).
 */
public final class BertLayer extends AbstractBlock {
    private final MiniLmConfig config;
    private final Map<String, LoraLinear> linears = new LinkedHashMap<>();
    private final LoraLinear query;
    private final LoraLinear key;
    private final LoraLinear value;
    private final LoraLinear attentionOut;
    private final LoraLinear ffnIn;
    private final LoraLinear ffnOut;
    private final Parameter attentionNormGamma;
    private final Parameter attentionNormBeta;
    private final Parameter outputNormGamma;
    private final Parameter outputNormBeta;

    public BertLayer(MiniLmWeights weights, int layer) {
        this.config = weights.config();
        String hf = MiniLmWeights.layerPrefix(layer);
        String name = "layer." + layer + ".";
        query = linear(weights, name + "attention.query", hf + "attention.self.query");
        key = linear(weights, name + "attention.key", hf + "attention.self.key");
        value = linear(weights, name + "attention.value", hf + "attention.self.value");
        attentionOut = linear(weights, name + "attention.output", hf + "attention.output.dense");
        ffnIn = linear(weights, name + "ffn.in", hf + "intermediate.dense");
        ffnOut = linear(weights, name + "ffn.out", hf + "output.dense");
        attentionNormGamma = addParameter(BertEmbeddings.frozen(weights, hf + "attention.output.LayerNorm.weight",
                Parameter.Type.GAMMA));
        attentionNormBeta = addParameter(BertEmbeddings.frozen(weights, hf + "attention.output.LayerNorm.bias",
                Parameter.Type.BETA));
        outputNormGamma = addParameter(BertEmbeddings.frozen(weights, hf + "output.LayerNorm.weight",
                Parameter.Type.GAMMA));
        outputNormBeta = addParameter(BertEmbeddings.frozen(weights, hf + "output.LayerNorm.bias",
                Parameter.Type.BETA));
    }

    private LoraLinear linear(MiniLmWeights weights, String matrixName, String hfPrefix) {
        LoraLinear l = new LoraLinear(matrixName, weights.get(hfPrefix + ".weight"), weights.get(hfPrefix + ".bias"));
        linears.put(matrixName, l);
        return addChildBlock(matrixName.substring(matrixName.indexOf('.', "layer.".length()) + 1), l);
    }

    /** The six linear layers by matrix name, in forward order. */
    public Map<String, LoraLinear> linears() {
        return linears;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray mask = inputs.get(1);
        NDManager m = x.getManager();
        var device = x.getDevice();
        long batch = x.getShape().get(0);
        long length = x.getShape().get(1);
        NDArray q = heads(apply(query, ps, x, training, params), batch, length);
        NDArray k = heads(apply(key, ps, x, training, params), batch, length);
        NDArray v = heads(apply(value, ps, x, training, params), batch, length);
        NDArray sqrtD = m.full(new Shape(), (float) Math.sqrt(config.headSize()), DataType.FLOAT32);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(sqrtD).add(mask);
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3)
                .reshape(batch, length, config.hidden());
        NDArray attended = apply(attentionOut, ps, context, training, params).add(x);
        Shape normShape = new Shape(config.hidden());
        NDArray a = LayerNorm.layerNorm(attended, normShape, ps.getValue(attentionNormGamma, device, training),
                ps.getValue(attentionNormBeta, device, training), config.layerNormEps()).head();
        NDArray f = apply(ffnOut, ps, Activation.gelu(apply(ffnIn, ps, a, training, params)), training, params);
        return LayerNorm.layerNorm(f.add(a), normShape, ps.getValue(outputNormGamma, device, training),
                ps.getValue(outputNormBeta, device, training), config.layerNormEps());
    }

    private static NDArray apply(LoraLinear l, ParameterStore ps, NDArray x, boolean training,
                                 PairList<String, Object> params) {
        return l.forward(ps, new NDList(x), training, params).head();
    }

    private NDArray heads(NDArray x, long batch, long length) {
        return x.reshape(batch, length, config.heads(), config.headSize()).transpose(0, 2, 1, 3);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape x = inputShapes[0];
        for (LoraLinear l : linears.values()) {
            Shape in = l == ffnOut ? new Shape(x.get(0), x.get(1), config.intermediate()) : x;
            l.initialize(manager, dataType, in);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
