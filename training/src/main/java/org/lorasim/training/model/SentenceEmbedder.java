package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;
import java.util.Objects;

/**
 * Sentence embeddings as sentence-transformers computes them for all-MiniLM-L6-v2 (Reimers and Gurevych,
 * arXiv 1908.10084): tokenize, encode, mean-pool over real tokens, L2-normalise. Inference only (no
 * dropout, no gradients kept: every array of a call lives in a sub-manager closed before returning).
 */
public final class SentenceEmbedder {
    private final BertEncoder encoder;
    private final MiniLmTokenizer tokenizer;
    private final NDManager manager;

    /** Embeds with {@code encoder} (its LoRA factors included) and arrays made under {@code manager}. */
    public SentenceEmbedder(BertEncoder encoder, MiniLmTokenizer tokenizer, NDManager manager) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.manager = Objects.requireNonNull(manager, "manager");
    }

    /** One unit-length row per sentence, {@code hidden} values each. */
    public float[][] embed(List<String> sentences) {
        TokenBatch batch = tokenizer.encode(sentences);
        try (NDManager step = manager.newSubManager()) {
            NDList inputs = batch.toNDList(step);
            NDArray hidden = encoder.forward(new ParameterStore(step, false), inputs, false).head();
            NDArray pooled = BertEncoder.l2Normalize(BertEncoder.meanPool(hidden, inputs.get(1)));
            float[] flat = pooled.toFloatArray();
            int width = encoder.config().hidden();
            float[][] out = new float[batch.batch()][width];
            for (int i = 0; i < out.length; i++) {
                System.arraycopy(flat, i * width, out[i], 0, width);
            }
            return out;
        }
    }

    /** Cosine similarity of two embeddings (their dot product when both have unit length). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
