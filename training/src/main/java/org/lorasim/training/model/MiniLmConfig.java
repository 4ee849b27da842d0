package org.lorasim.training.model;

import org.lorasim.policies.Checks;

/**
 * Shape of a BERT-style encoder (Devlin et al., arXiv 1810.04805). {@link #allMiniLmL6V2()} gives the
 * sentence-transformers all-MiniLM-L6-v2 model (Wang et al., "MiniLM", arXiv 2002.10957; fine-tuned by
 * Reimers and Gurevych, "Sentence-BERT", arXiv 1908.10084): 6 layers, hidden 384, 12 heads, FFN 1536,
 * vocabulary 30,522, 512 positions, 2 token types, LayerNorm epsilon 1e-12. The activation is always the
 * exact erf GELU {@code x/2 (1 + erf(x / sqrt 2))}, as in the Hugging Face model ({@code hidden_act=gelu}).
 */
public record MiniLmConfig(int layers, int hidden, int heads, int intermediate, int vocabSize,
                           int maxPositions, int typeVocabSize, float layerNormEps) {

    public MiniLmConfig {
        Checks.positive("layers", layers);
        Checks.positive("hidden", hidden);
        Checks.positive("heads", heads);
        Checks.positive("intermediate", intermediate);
        Checks.positive("vocabSize", vocabSize);
        Checks.positive("maxPositions", maxPositions);
        Checks.positive("typeVocabSize", typeVocabSize);
        Checks.positive("layerNormEps", layerNormEps);
        Checks.require(hidden % heads == 0, "hidden (" + hidden + ") must be a multiple of heads (" + heads + ")");
    }

    /** The sentence-transformers all-MiniLM-L6-v2 encoder. */
    public static MiniLmConfig allMiniLmL6V2() {
        return new MiniLmConfig(6, 384, 12, 1536, 30522, 512, 2, 1e-12f);
    }

    /** Width of one attention head: {@code hidden / heads}. */
    public int headSize() {
        return hidden / heads;
    }
}
