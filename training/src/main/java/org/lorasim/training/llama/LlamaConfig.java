package org.lorasim.training.llama;

import org.lorasim.policies.Checks;

/**
 * The shape of a Llama-architecture decoder (Touvron et al., arXiv 2302.13971): {@code dim} model width,
 * {@code hiddenDim} SwiGLU width, {@code layers}, {@code heads} query heads of size {@code dim / heads},
 * {@code kvHeads} key/value heads ({@code heads} a multiple of it: grouped-query attention, Ainslie et al.,
 * arXiv 2305.13245), {@code vocabSize}, {@code seqLen} the longest context, {@code tiedOutput} whether
 * the output layer reuses the token embedding, {@code normEps} of RMSNorm and {@code ropeTheta}, the base
 * of the rotary frequencies {@code theta^(-2j / headSize)}. llama2.c checkpoints use eps 1e-5 and theta
 * 10000.
 */
public record LlamaConfig(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocabSize, int seqLen,
                          boolean tiedOutput, double normEps, double ropeTheta) {

    public LlamaConfig {
        Checks.positive("dim", dim);
        Checks.positive("hidden_dim", hiddenDim);
        Checks.positive("n_layers", layers);
        Checks.positive("n_heads", heads);
        Checks.positive("n_kv_heads", kvHeads);
        Checks.positive("vocab_size", vocabSize);
        Checks.positive("seq_len", seqLen);
        Checks.require(dim % heads == 0, "dim " + dim + " is not a multiple of n_heads " + heads);
        Checks.require(heads % kvHeads == 0, "n_heads " + heads + " is not a multiple of n_kv_heads " + kvHeads);
        Checks.require((dim / heads) % 2 == 0, "head size " + dim / heads + " must be even for rotary embeddings");
        Checks.positive("norm eps", normEps);
        Checks.positive("rope theta", ropeTheta);
    }

    /** llama2.c's fixed constants: RMSNorm eps 1e-5, rotary base 10000. */
    public static LlamaConfig llama2c(int dim, int hiddenDim, int layers, int heads, int kvHeads, int vocabSize,
                                      int seqLen, boolean tiedOutput) {
        return new LlamaConfig(dim, hiddenDim, layers, heads, kvHeads, vocabSize, seqLen, tiedOutput, 1e-5, 10000);
    }

    public int headSize() {
        return dim / heads;
    }

    /** Width of the key and value projections: {@code kvHeads * headSize}. */
    public int kvDim() {
        return kvHeads * headSize();
    }

    /** Query heads per key/value head. */
    public int groupSize() {
        return heads / kvHeads;
    }

    /** Frozen parameters, counting the output layer once when tied. */
    public long parameterCount() {
        long perLayer = 2L * dim + (long) dim * dim * 2 + 2L * dim * kvDim() + 3L * dim * hiddenDim;
        return (long) vocabSize * dim * (tiedOutput ? 1 : 2) + layers * perLayer + dim;
    }
}
