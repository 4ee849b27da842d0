package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.model.FloatTensor;

/**
 * The frozen pretrained arrays of a Llama checkpoint in one engine manager, shared by every
 * {@link LlamaModel} built over it (each model adds only its LoRA factors). Never trained, never written.
 */
public final class LlamaBase implements AutoCloseable {
    private final LlamaConfig config;
    private final String source;
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new HashMap<>();

    /**
     * Copies every tensor of {@code weights} into a new root manager; the Java arrays are not kept, so the
     * caller may drop {@code weights} to halve the memory a large model holds.
     */
    public LlamaBase(LlamaWeights weights) {
        this(weights, DjlEngine.defaultDevice());
    }

    /**
     * As {@link #LlamaBase(LlamaWeights)}, on {@code device}: every model, trainer and evaluator over this base keeps
     * its arrays (LoRA factors, batches, optimiser state) in sub-managers of this base's manager, so on that device.
     */
    public LlamaBase(LlamaWeights weights, ai.djl.Device device) {
        Objects.requireNonNull(weights, "weights");
        this.config = weights.config();
        this.source = weights.source();
        this.manager = DjlEngine.newManager(device);
        for (Map.Entry<String, FloatTensor> e : weights.tensors().entrySet()) {
            long[] shape = java.util.Arrays.stream(e.getValue().shape()).asLongStream().toArray();
            NDArray a = manager.create(e.getValue().values(), new Shape(shape));
            a.setName(e.getKey());
            arrays.put(e.getKey(), a);
        }
    }

    private LlamaBase(LlamaConfig config, String source, NDManager manager, Map<String, NDArray> arrays) {
        this.config = config;
        this.source = source;
        this.manager = manager;
        this.arrays.putAll(arrays);
    }

    /**
     * A view of this base in which the tensors {@code names} are copies that require gradients, so a backward
     * pass through a model over the view yields {@code dL/dW} for them; every other array is this base's own.
     * The copies live in a sub-manager of this base's, freed by the view's {@link #close()} (which leaves this
     * base as it was). Costs one extra copy of the named tensors while the view is open.
     */
    LlamaBase withGradientCopies(java.util.Collection<String> names) {
        NDManager copies = manager.newSubManager();
        Map<String, NDArray> out = new HashMap<>(arrays);
        try {
            for (String name : names) {
                NDArray copy = get(name).duplicate();
                copy.attach(copies);
                copy.setName(name);
                copy.setRequiresGradient(true);
                out.put(name, copy);
            }
        } catch (RuntimeException e) {
            copies.close();
            throw e;
        }
        return new LlamaBase(config, source, copies, out);
    }

    public LlamaConfig config() {
        return config;
    }

    public NDManager manager() {
        return manager;
    }

    /** The device this base's arrays, and those of every model over it, live on. */
    public ai.djl.Device device() {
        return manager.getDevice();
    }

    /** The frozen array of tensor {@code name} (see {@link LlamaWeights}). */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException(source + ": no tensor '" + name + "'");
        }
        return a;
    }

    /** The output layer's matrix: {@code output}, or the token embedding when tied. */
    public NDArray outputMatrix() {
        return get(config().tiedOutput() ? LlamaWeights.EMBEDDING : LlamaWeights.OUTPUT);
    }

    @Override
    public void close() {
        manager.close();
    }
}
