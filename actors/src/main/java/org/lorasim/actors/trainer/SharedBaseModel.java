package org.lorasim.actors.trainer;

import java.util.concurrent.atomic.AtomicInteger;
import org.lorasim.training.djl.DjlEngine;
import org.lorasim.training.train.BaseModel;

/**
 * The one frozen all-MiniLM-L6-v2 {@link BaseModel} of this JVM (DESIGN.md: "loads the frozen base model
 * once"), loaded on first use and shared read-only by every slot of every actor system in the JVM; its
 * quantized variants are cached per bit width inside it. It lives until the JVM exits (its native memory
 * goes with the process).
 */
public final class SharedBaseModel {
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static volatile BaseModel model;

    private SharedBaseModel() {
    }

    /** The JVM's base model, loaded by the first caller. */
    public static BaseModel get() {
        BaseModel m = model;
        if (m == null) {
            synchronized (SharedBaseModel.class) {
                m = model;
                if (m == null) {
                    m = BaseModel.allMiniLmL6V2(DjlEngine.newManager());
                    LOADS.incrementAndGet();
                    model = m;
                }
            }
        }
        return m;
    }

    /** How many times the model was loaded in this JVM: 0 before the first {@link #get()}, 1 after. */
    public static int loads() {
        return LOADS.get();
    }
}
