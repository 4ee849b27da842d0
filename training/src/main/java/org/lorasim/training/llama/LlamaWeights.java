package org.lorasim.training.llama;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ArrayList;
import java.util.random.RandomGenerator;
import org.lorasim.training.model.FloatTensor;

/**
 * A Llama checkpoint held in Java memory under one naming and one rotary convention, whatever file it came
 * from. Names: {@code tok_embeddings [vocab, dim]}; per layer {@code i}: {@code layer.i.attention_norm [dim]},
 * {@code layer.i.attention.query [dim, dim]}, {@code .key} and {@code .value [kvDim, dim]},
 * {@code .output [dim, dim]}, {@code layer.i.ffn_norm [dim]}, {@code layer.i.ffn.gate} and {@code .up
 * [hidden, dim]} (llama2.c's w1 and w3), {@code layer.i.ffn.down [dim, hidden]} (w2); {@code norm [dim]};
 * {@code output [vocab, dim]} only when untied. Matrices are {@code [out, in]} as {@code torch.nn.Linear}.
 * Query and key rows follow Meta's and llama2.c's interleaved rotary layout (pairs {@code 2j, 2j+1} of a
 * head rotate together); the Hugging Face loader converts from its half-split layout.
 *
 * @param config  the shapes
 * @param tensors every tensor above, checked against {@code config}
 * @param source  the file or folder it was read from, for error messages
 */
public record LlamaWeights(LlamaConfig config, Map<String, FloatTensor> tensors, String source) {
    public static final String EMBEDDING = "tok_embeddings";
    public static final String FINAL_NORM = "norm";
    public static final String OUTPUT = "output";

    /** The seven LoRA-targetable matrices of a layer, in forward order. */
    public static final List<String> LAYER_MATRICES = List.of("attention.query", "attention.key",
            "attention.value", "attention.output", "ffn.gate", "ffn.up", "ffn.down");

    public LlamaWeights {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(source, "source");
        tensors = Map.copyOf(tensors);
        Map<String, int[]> expected = expectedShapes(config);
        for (Map.Entry<String, int[]> e : expected.entrySet()) {
            FloatTensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' is missing");
            }
            if (!Arrays.equals(t.shape(), e.getValue())) {
                throw new IllegalArgumentException(source + ": tensor '" + e.getKey() + "' has shape "
                        + Arrays.toString(t.shape()) + ", the config needs " + Arrays.toString(e.getValue()));
            }
        }
        for (String name : tensors.keySet()) {
            if (!expected.containsKey(name)) {
                throw new IllegalArgumentException(source + ": unexpected tensor '" + name + "' for " + config);
            }
        }
    }

    public static String layerPrefix(int layer) {
        return "layer." + layer + ".";
    }

    /** Every tensor name with its shape: the embedding, each layer in turn, the final norm, the untied output. */
    public static Map<String, int[]> expectedShapes(LlamaConfig c) {
        Map<String, int[]> m = new LinkedHashMap<>();
        m.put(EMBEDDING, new int[] {c.vocabSize(), c.dim()});
        for (int i = 0; i < c.layers(); i++) {
            String p = layerPrefix(i);
            m.put(p + "attention_norm", new int[] {c.dim()});
            m.put(p + "attention.query", new int[] {c.dim(), c.dim()});
            m.put(p + "attention.key", new int[] {c.kvDim(), c.dim()});
            m.put(p + "attention.value", new int[] {c.kvDim(), c.dim()});
            m.put(p + "attention.output", new int[] {c.dim(), c.dim()});
            m.put(p + "ffn_norm", new int[] {c.dim()});
            m.put(p + "ffn.gate", new int[] {c.hiddenDim(), c.dim()});
            m.put(p + "ffn.down", new int[] {c.dim(), c.hiddenDim()});
            m.put(p + "ffn.up", new int[] {c.hiddenDim(), c.dim()});
        }
        m.put(FINAL_NORM, new int[] {c.dim()});
        if (!c.tiedOutput()) {
            m.put(OUTPUT, new int[] {c.vocabSize(), c.dim()});
        }
        return m;
    }

    public FloatTensor get(String name) {
        FloatTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException(source + ": no tensor '" + name + "'");
        }
        return t;
    }

    /** The output layer's matrix: {@code output}, or the token embedding when tied. */
    public FloatTensor outputMatrix() {
        return get(config.tiedOutput() ? EMBEDDING : OUTPUT);
    }

    /** The names of every LoRA-targetable matrix ({@code layer.i.attention.query}, ...), layer by layer. */
    public static List<String> matrixNames(LlamaConfig c) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < c.layers(); i++) {
            for (String m : LAYER_MATRICES) {
                names.add(layerPrefix(i) + m);
            }
        }
        return names;
    }

    /**
     * A random model of shape {@code config}: matrices and embeddings {@code ~ U(-1/sqrt(in), 1/sqrt(in))}
     * (embeddings use {@code dim}), norms 1, drawn from {@code init} in the order of {@link #expectedShapes}. For tests and
     * throughput measurements; it generates noise.
     */
    public static LlamaWeights random(LlamaConfig config, RandomGenerator init) {
        Map<String, FloatTensor> t = new LinkedHashMap<>();
        for (Map.Entry<String, int[]> e : expectedShapes(config).entrySet()) {
            int[] shape = e.getValue();
            float[] v;
            if (shape.length == 1) {
                v = new float[shape[0]];
                Arrays.fill(v, 1f);
            } else {
                v = new float[Math.multiplyExact(shape[0], shape[1])];
                float bound = (float) (1.0 / Math.sqrt(shape[1]));
                for (int k = 0; k < v.length; k++) {
                    v[k] = (float) init.nextDouble(-bound, bound);
                }
            }
            t.put(e.getKey(), new FloatTensor(e.getKey(), shape, v));
        }
        return new LlamaWeights(config, t, "random " + config);
    }
}
