package org.lorasim.training.llama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * Keys and values of the positions processed so far, per layer, {@code (B, kvHeads, positions, headSize)}
 * (after the rotary embedding), so that generation feeds one new token per forward. The arrays live in
 * the cache's own manager, freed by {@link #close()}. For inference only (no autograd through it).
 */
public final class KvCache implements AutoCloseable {
    private final NDManager manager;
    private final NDArray[] keys;
    private final NDArray[] values;

    public KvCache(NDManager parent, int layers) {
        this.manager = parent.newSubManager();
        this.keys = new NDArray[layers];
        this.values = new NDArray[layers];
    }

    /** Positions held (the start position of the next forward). */
    public int length() {
        return keys[0] == null ? 0 : Math.toIntExact(keys[0].getShape().get(2));
    }

    /** Appends {@code k}, {@code v} to layer {@code layer}'s entries and returns all of them (keys, values). */
    public NDList append(int layer, NDArray k, NDArray v) {
        keys[layer] = extend(keys[layer], k);
        values[layer] = extend(values[layer], v);
        return new NDList(keys[layer], values[layer]);
    }

    private NDArray extend(NDArray old, NDArray more) {
        NDArray all = old == null ? more.duplicate() : old.concat(more, 2);
        all.attach(manager);
        if (old != null) {
            old.close();
        }
        return all;
    }

    @Override
    public void close() {
        manager.close();
    }
}
