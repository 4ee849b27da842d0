package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.List;
import org.lorasim.policies.Checks;

/**
 * Held-out perplexity {@code exp(sum NLL / targets)} over every counted next-token prediction of a set of
 * examples (the same masking as training), evaluated in fixed batches in the given order with autograd
 * off; the sum is accumulated in double.
 */
public final class Perplexity {
    private Perplexity() {
    }

    public static double of(LlamaModel model, List<CausalLmExample> examples, int batchSize, int maxLength) {
        Checks.nonEmpty("examples", examples);
        Checks.positive("batch size", batchSize);
        double nll = 0;
        long targets = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            for (int from = 0; from < examples.size(); from += batchSize) {
                CausalLmBatch batch = CausalLmBatch.of(examples.subList(from, Math.min(from + batchSize,
                        examples.size())), maxLength);
                try (NDManager m = model.base().manager().newSubManager()) {
                    NDArray logits = model.forward(new ParameterStore(m, false), batch.inputArray(m), 0, null, false);
                    nll += CausalLmLoss.sum(logits, batch.labels(), m).getFloat();
                }
                targets += batch.targets();
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        Checks.require(targets > 0, "no counted target among the examples");
        return Math.exp(nll / targets);
    }
}
