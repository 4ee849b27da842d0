package org.lorasim.training.eval;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import org.lorasim.policies.Checks;
import org.lorasim.training.data.Example;
import org.lorasim.training.model.BertEncoder;
import org.lorasim.training.model.LoraSpec;
import org.lorasim.training.model.SentenceEmbedder;
import org.lorasim.training.train.BaseModel;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The linear-probe reference of a classification task: the frozen base model's sentence embeddings
 * (mean-pooled, L2-normalised, {@link SentenceEmbedder}; no LoRA, no head) of the training examples, a
 * {@link LinearProbe} fitted on them, and its accuracy on the held-out examples' embeddings. Sentences are
 * embedded in batches of {@value #BATCH} in the order given, truncated to {@code maxLength} tokens like the
 * trained model's; grad mode is off. What a linear classifier can get out of the base model without
 * changing it: a fine-tuned adapter is expected to approach or pass it.
 */
public final class FrozenEmbeddingProbe {
    static final int BATCH = 64;

    private FrozenEmbeddingProbe() {
    }

    public static double accuracy(BaseModel base, List<Example> train, List<Example> heldOut, int classes,
                                  int maxLength) {
        Checks.require(!train.isEmpty() && !heldOut.isEmpty(), "the probe needs training and held-out examples");
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager manager = base.weights().manager().newSubManager();
             BertEncoder encoder = new BertEncoder(base.weights(), LoraSpec.none(), new SplittableRandom(0))) {
            SentenceEmbedder embedder = new SentenceEmbedder(encoder, base.tokenizer(maxLength), manager);
            LinearProbe probe = LinearProbe.fit(embed(embedder, train), labels(train), classes);
            return probe.accuracy(embed(embedder, heldOut), labels(heldOut));
        } finally {
            JniUtils.setGradMode(gradMode);
        }
    }

    private static float[][] embed(SentenceEmbedder embedder, List<Example> examples) {
        float[][] out = new float[examples.size()][];
        for (int from = 0; from < examples.size(); from += BATCH) {
            int to = Math.min(examples.size(), from + BATCH);
            float[][] batch = embedder.embed(examples.subList(from, to).stream().map(Example::text).toList());
            System.arraycopy(batch, 0, out, from, batch.length);
        }
        return out;
    }

    private static int[] labels(List<Example> examples) {
        return examples.stream().mapToInt(Example::label).toArray();
    }
}
