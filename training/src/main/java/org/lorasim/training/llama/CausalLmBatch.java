package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.lorasim.policies.Checks;

/**
 * Examples cut to at most {@code maxLength + 1} tokens and right-padded with id 0 to the longest: inputs
 * {@code (B, T)} are tokens {@code 0..T-1}, labels {@code (B*T)} the next tokens, {@link #IGNORED} for
 * prompt and padding positions. Right padding needs no extra attention mask: the causal mask already hides
 * later (padding) positions from every real one.
 */
public record CausalLmBatch(int batch, int length, long[] inputs, int[] labels) {
    public static final int IGNORED = -1;

    public static CausalLmBatch of(List<CausalLmExample> examples, int maxLength) {
        Checks.nonEmpty("examples", examples);
        Checks.positive("max length", maxLength);
        int t = 0;
        for (CausalLmExample e : examples) {
            t = Math.max(t, Math.min(e.tokens().length - 1, maxLength));
        }
        int b = examples.size();
        long[] inputs = new long[b * t];
        int[] labels = new int[b * t];
        java.util.Arrays.fill(labels, IGNORED);
        for (int i = 0; i < b; i++) {
            CausalLmExample e = examples.get(i);
            int[] tokens = e.tokens();
            int n = Math.min(tokens.length - 1, t);
            for (int j = 0; j < n; j++) {
                inputs[i * t + j] = tokens[j];
                if (j + 1 >= e.promptLength()) {
                    labels[i * t + j] = tokens[j + 1];
                }
            }
        }
        return new CausalLmBatch(b, t, inputs, labels);
    }

    public NDArray inputArray(NDManager m) {
        return m.create(inputs, new Shape(batch, length));
    }

    /** Positions whose prediction counts. */
    public int targets() {
        int n = 0;
        for (int l : labels) {
            n += l == IGNORED ? 0 : 1;
        }
        return n;
    }
}
