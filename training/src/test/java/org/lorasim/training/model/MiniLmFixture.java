package org.lorasim.training.model;

import ai.djl.ndarray.NDManager;
import org.lorasim.training.djl.DjlEngine;

/**
 * all-MiniLM-L6-v2's weights and tokenizer, loaded once per test JVM (surefire reuses one fork for every
 * test class) and shared read-only, as trainer slots share them. Never closed: the JVM ends first.
 */
public final class MiniLmFixture {
    public static final NDManager ROOT;
    public static final MiniLmWeights WEIGHTS;
    public static final MiniLmTokenizer TOKENIZER;
    static final long LOAD_MILLIS;

    static {
        long start = System.nanoTime();
        ROOT = DjlEngine.newManager();
        WEIGHTS = MiniLmWeights.loadAllMiniLmL6V2(ROOT);
        TOKENIZER = MiniLmTokenizer.allMiniLmL6V2(64, false);
        LOAD_MILLIS = (System.nanoTime() - start) / 1_000_000;
        System.out.println("MiniLM fixture: engine, " + WEIGHTS.valueCount() + " weights and tokenizer loaded in "
                + LOAD_MILLIS + " ms");
    }

    private MiniLmFixture() {
    }
}
