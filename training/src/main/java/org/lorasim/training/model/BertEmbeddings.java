package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import org.lorasim.policies.Checks;

/**
 * BERT's input embeddings (Devlin et al., arXiv 1810.04805, section 3): {@code LayerNorm(word[id] +
 * tokenType[type] + position[t])}, all frozen. Input: token ids {@code (B, T)} int64 and optionally token
 * types {@code (B, T)} (all zero when absent); output {@code (B, T, hidden)}. No dropout: the pretrained
 * encoder runs deterministically; only LoRA factors see dropout.
 */
public final class BertEmbeddings extends AbstractBlock {
    private final MiniLmConfig config;
    private final Parameter word;
    private final Parameter position;
    private final Parameter tokenType;
    private final Parameter gamma;
    private final Parameter beta;

    public BertEmbeddings(MiniLmWeights weights) {
        this.config = weights.config();
        this.word = addParameter(frozen(weights, "embeddings.word_embeddings.weight", Parameter.Type.WEIGHT));
        this.position = addParameter(frozen(weights, "embeddings.position_embeddings.weight", Parameter.Type.WEIGHT));
        this.tokenType = addParameter(frozen(weights, "embeddings.token_type_embeddings.weight",
                Parameter.Type.WEIGHT));
        this.gamma = addParameter(frozen(weights, "embeddings.LayerNorm.weight", Parameter.Type.GAMMA));
        this.beta = addParameter(frozen(weights, "embeddings.LayerNorm.bias", Parameter.Type.BETA));
    }

    /** A frozen parameter over the shared pretrained array {@code name}. */
    static Parameter frozen(MiniLmWeights weights, String name, Parameter.Type type) {
        NDArray array = weights.get(name);
        return Parameter.builder().setName(name).setType(type).optShape(array.getShape()).optArray(array)
                .optRequiresGrad(false).build();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray ids = inputs.get(0);
        Checks.require(ids.getShape().dimension() == 2, "token ids must be (batch, length), got " + ids.getShape());
        long length = ids.getShape().get(1);
        Checks.require(length <= config.maxPositions(), "sequence length " + length + " exceeds the "
                + config.maxPositions() + " positions of the model");
        NDArray types = inputs.size() > 1 ? inputs.get(1) : ids.zerosLike();
        var device = ids.getDevice();
        NDArray positions = ids.getManager().arange(0, length, 1, DataType.INT64, device);
        NDArray sum = Embedding.embedding(ids, ps.getValue(word, device, training), SparseFormat.DENSE).head()
                .add(Embedding.embedding(types, ps.getValue(tokenType, device, training), SparseFormat.DENSE).head())
                .add(Embedding.embedding(positions, ps.getValue(position, device, training), SparseFormat.DENSE)
                        .head());
        return LayerNorm.layerNorm(sum, new Shape(config.hidden()), ps.getValue(gamma, device, training),
                ps.getValue(beta, device, training), config.layerNormEps());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(config.hidden())};
    }
}
