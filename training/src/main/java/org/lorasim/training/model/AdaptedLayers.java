package org.lorasim.training.model;

import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.lorasim.policies.Checks;
import org.lorasim.policies.adapter.Adapter;
import org.lorasim.policies.adapter.LoraFactors;

/**
 * The linear layers of a model (encoder or decoder) that carry LoRA factors, by matrix name, and the manager
 * their trainable arrays live on: attaches the factors {@link LoraSpec} asks for, and moves them between the
 * layers and an {@link Adapter}.
 */
public final class AdaptedLayers implements AutoCloseable {
    private final SortedMap<String, LoraLinear> layers = new TreeMap<>();
    private final NDManager manager;

    /**
     * Attaches LoRA to the layers of {@code linears} that {@code spec} targets, on a sub-manager of
     * {@code parent}; {@code init} draws {@code A}. Throws an IllegalArgumentException for a target that
     * matches nothing or a rank above min(in, out), before anything is attached.
     */
    public AdaptedLayers(SortedMap<String, LoraLinear> linears, LoraSpec spec, RandomGenerator init,
                         NDManager parent) {
        SortedMap<String, Integer> ranks = spec.ranks(linears.keySet());
        for (Map.Entry<String, Integer> e : ranks.entrySet()) {
            LoraLinear l = linears.get(e.getKey());
            Checks.require(e.getValue() <= Math.min(l.inFeatures(), l.outFeatures()), "rank of '" + e.getKey()
                    + "' is " + e.getValue() + ", more than min(in, out) = min(" + l.inFeatures() + ", "
                    + l.outFeatures() + ")");
        }
        this.manager = parent.newSubManager();
        try {
            for (Map.Entry<String, Integer> e : ranks.entrySet()) {
                LoraLinear l = linears.get(e.getKey());
                l.attachLora(e.getValue(), spec.alpha(), spec.scaling(), spec.dropout(), init, manager);
                layers.put(e.getKey(), l);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The adapted layers by matrix name. */
    public SortedMap<String, LoraLinear> layers() {
        return Collections.unmodifiableSortedMap(layers);
    }

    /** The manager of the trainable arrays (freed by {@link #close()}). */
    NDManager manager() {
        return manager;
    }

    /** The current LoRA factors (copies) as an adapter without dense tensors. */
    public Adapter toAdapter() {
        Map<String, LoraFactors> lora = new LinkedHashMap<>();
        layers.forEach((name, l) -> lora.put(name, l.toFactors()));
        return Adapter.ofLora(lora);
    }

    /**
     * Writes the LoRA factors of {@code adapter} into the layers, in place; it must have exactly these matrices,
     * ranks, alpha and scaling ({@code model} names what is loaded into, for the message).
     */
    public void load(Adapter adapter, String model) {
        Checks.require(adapter.lora().keySet().equals(layers.keySet()), "adapter has LoRA matrices "
                + adapter.lora().keySet() + ", the " + model + " adapts " + layers.keySet());
        layers.forEach((name, l) -> l.loadFactors(adapter.factors(name)));
    }

    /** Sets the generator of LoRA-dropout masks on every adapted layer (used only in training forwards). */
    public void setDropoutRandom(RandomGenerator random) {
        layers.values().forEach(l -> l.setDropoutRandom(random));
    }

    @Override
    public void close() {
        manager.close();
    }
}
