package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import java.util.Arrays;
import org.lorasim.policies.Checks;

/**
 * Autoregressive generation with a {@link KvCache}: one forward over the whole prompt, then one forward
 * per new token, each picked by a {@link TokenSampler} from the last position's logits. Stops after
 * {@code maxNewTokens}, at the context length, or when the sampler picks BOS or EOS (llama2.c ends a
 * sample at BOS), which is not returned. Runs with autograd off.
 */
public final class TextGenerator {
    private TextGenerator() {
    }

    /** The tokens generated after {@code prompt} (non-empty, usually starting with BOS). */
    public static int[] generate(LlamaModel model, int[] prompt, int maxNewTokens, TokenSampler sampler,
                                 int bos, int eos) {
        Checks.require(prompt.length > 0, "the prompt must hold at least one token (BOS)");
        Checks.nonNegative("max new tokens", maxNewTokens);
        int limit = Math.min(maxNewTokens, model.config().seqLen() - prompt.length);
        int[] out = new int[Math.max(limit, 0)];
        int n = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try (NDManager m = model.base().manager().newSubManager(); KvCache cache = new KvCache(m, model.config().layers())) {
            long[] input = Arrays.stream(prompt).asLongStream().toArray();
            while (n < limit) {
                int next;
                try (NDManager step = m.newSubManager()) {
                    NDArray ids = step.create(input, new Shape(1, input.length));
                    NDArray logits = model.forward(new ParameterStore(step, false), ids, cache.length(), cache, false);
                    NDArray last = logits.get(0).get(input.length - 1);
                    next = sampler.next(last.toType(DataType.FLOAT32, false).toFloatArray());
                }
                if (next == bos || next == eos) {
                    break;
                }
                out[n++] = next;
                input = new long[] {next};
            }
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        return Arrays.copyOf(out, n);
    }
}
